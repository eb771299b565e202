"""The PDF reader: lines put back into paragraphs (pdflayout.py, on constructed lines: contents,
text boxes, line ends, running headers and footers, section numbers, page breaks and
footnotes, Chinese and Japanese lines, ruled tables, index pages) and pdfminer's characters
(ligatures, the spaces of a justified line). PDFs Writer makes are in test_formats.py, PDF
bombs in test_pdf_inflate.py."""

from __future__ import annotations

from workbench.core.readers import read_source


def test_pdf_contents_lose_their_leaders_and_page_numbers():
    """A LaTeX-made table of contents as pdfminer gives it: spaced leaders, a leader on a line
    of its own, page numbers in a column of their own, a short leader where the title fills
    the line, no leader at all and the page number at the margin, a roman page number. Each
    entry becomes a paragraph of its own; on a page of prose an ellipsis of spaced dots
    stays."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x0, x1, top, text):
        return (x0, x1, top, 10.0, text)

    contents = [
        [line(85, 190, 70, "Contents")],
        [line(100, 518, 156, "1.1 What is this FAQ? . . . . . . . . . . . . . . . . . . . ."),
         line(100, 343, 170, "1.2 OK, now I know what Debian is... what is Linux?!"),
         line(352, 518, 170, ". . . . . . . . . . . . . . . . . . . . . ."),
         line(100, 513, 184, "1.3 What is the difference between Debian and other distributions? Why"),
         line(123, 518, 198, "should I choose Debian over some other distribution? . . ."),
         line(100, 539, 212, "1.4 Where is ezmlm/djbdns/qmail? . . . . . . . . . . . . . . . 18"),
         line(100, 539, 226, "1.5 Can I use Red Hat packages on my Debian GNU/Linux system? 19")],
        [line(533, 539, 156, "1"), line(533, 539, 170, "2"), line(533, 539, 198, "2")],
        [line(280, 286, 801, "ii")],
    ]
    prose = [[line(85, 518, 70, "He paused and looked at the map for a long while before he went on"),
              line(85, 300, 84, "to speak of the pass . . .")],
             [line(280, 286, 801, "3")]]
    got = [p.text for p in paragraphs([(contents, 595.0), (prose, 595.0)])]
    assert got == [
        "Contents",
        "1.1 What is this FAQ?",
        "1.2 OK, now I know what Debian is... what is Linux?!",
        "1.3 What is the difference between Debian and other distributions? Why should I "
        "choose Debian over some other distribution?",
        "1.4 Where is ezmlm/djbdns/qmail?",
        "1.5 Can I use Red Hat packages on my Debian GNU/Linux system?",
        "He paused and looked at the map for a long while before he went on to speak of the "
        "pass . . ."]


def test_pdf_paragraph_goes_on_into_the_next_text_box():
    """pdfminer starts a new text box at a first line's indent and at a heading's hanging
    indent: the paragraph goes on when the box's first line sits right below a line that ran
    to the margin without a sentence end, or starts in small letters after no sentence end (a
    word cut by a hyphen, inline code set apart), in the same type size."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x0, x1, top, size, text):
        return (x0, x1, top, size, text)

    boxes = [
        [line(57, 510, 201, 12.0, "3.1.2 Will there be different versions of packages in differ-")],
        [line(97, 160, 215, 12.0, "ent distributions?")],
        [line(72, 510, 235, 10.0, "Yes. Unstable has the newest versions. But the packages in it")],
        [line(57, 368, 247, 10.0, "are not well tested and may have bugs.")],
        [line(72, 510, 259, 10.0, "Stable, on the other hand, has old versions that were tested.")],
        [line(57, 400, 271, 10.0, "This box starts a paragraph of its own.")],
        [line(57, 510, 300, 10.0, "A paragraph whose last line runs to the margin without an end")],
        [line(57, 510, 330, 10.0, "and a box far below it: a new paragraph.")],
        [line(57, 420, 350, 12.0, "15.2 Extended support for non-English us-")],
        [line(97, 130, 364, 12.0, "ers")],
        [line(57, 380, 384, 10.0, "To see the version, use the lsb_release -a")],
        [line(57, 110, 396, 10.0, "command.")],
    ]
    got = [(p.kind, p.text) for p in paragraphs([(boxes, 595.0)])]
    assert got == [
        ("heading", "3.1.2 Will there be different versions of packages in different "
                    "distributions?"),
        ("paragraph", "Yes. Unstable has the newest versions. But the packages in it are not "
                      "well tested and may have bugs."),
        ("paragraph", "Stable, on the other hand, has old versions that were tested."),
        ("paragraph", "This box starts a paragraph of its own."),
        ("paragraph", "A paragraph whose last line runs to the margin without an end"),
        ("paragraph", "and a box far below it: a new paragraph."),
        ("heading", "15.2 Extended support for non-English users"),
        ("paragraph", "To see the version, use the lsb_release -a command.")]


def test_pdf_line_ends_a_word_cut_an_address_cut_and_a_sentence_going_on():
    """A hyphen at a line end goes when the word has none elsewhere in the document, and stays
    in a compound the document writes with one; a web address cut at the line end is joined
    without a space; a short line ending in a full stop goes on when the next starts small."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x1, top, text):
        return (57, x1, top, 10.0, text)

    boxes = [[line(510, 100, "Subscribe to the debian-announce list, and read its mail. The hy-"),
              line(510, 112, "phenated word is joined, and so is the list of debian-"),
              line(510, 124, "announce, which keeps its hyphen. See https://www."),
              line(300, 136, "debian.org/doc for more.")],
             [line(300, 160, "The version is 12.4 in bookworm."),
              line(400, 172, "it also names the kernel, a line that goes on.")]]
    got = [p.text for p in paragraphs([(boxes, 595.0)])]
    assert got == [
        "Subscribe to the debian-announce list, and read its mail. The hyphenated word is "
        "joined, and so is the list of debian-announce, which keeps its hyphen. See "
        "https://www.debian.org/doc for more.",
        "The version is 12.4 in bookworm. it also names the kernel, a line that goes on."]


def test_pdf_running_footer_beside_the_page_number_and_line_ends_with_a_capital_or_a_slash():
    """Sphinx sets the section's title in the footer, beside the page number, and it changes
    from page to page: left out; a footnote's last line, at the same place on every page but
    with no page number beside it, stays. A hyphen before a capital stays ("Build-Depends"),
    and a path cut after its slash goes on without a space."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x0, x1, top, text, size=10.0):
        return (x0, x1, top, size, text)

    words = ["one", "two", "three", "four"]
    pages = []
    for n in range(1, 5):
        pages.append(([
            [line(72, 540, 74, f"Page {words[n - 1]} says that a package lists its Build-"),
             line(72, 540, 86, "Depends in DEBIAN/"),
             line(72, 300, 98, "control, and nothing else.")],
            [line(72, 400, 706, f"{n} A footnote of page {words[n - 1]}, above the footer.",
                  8.0)],
            [line(72, 319, 742, f"6.{n}. Section {n} of the chapter")],
            [line(529, 540, 742, str(50 + n))],
        ], 595.0))
    got = [(p.kind, p.text) for p in paragraphs(pages)]
    assert got == [("paragraph", f"Page {w} says that a package lists its Build-Depends in "
                                 "DEBIAN/control, and nothing else.") for w in words] + [
        ("footnote", f"{n} A footnote of page {w}, above the footer.")
        for n, w in enumerate(words, 1)]  # the notes after the text


def test_pdf_ligatures_are_read_as_their_letters(tmp_path):
    """A font's fi and fl ligatures (Helvetica's standard encoding has them) come out of
    pdfminer as U+FB01 and U+FB02: they are read as the letters, so that spelling, search and
    the glossary see "file"."""
    import zlib

    from test_pdf_inflate import one_page_pdf

    path = tmp_path / "ligatures.pdf"
    path.write_bytes(one_page_pdf(zlib.compress(
        b"BT /F1 12 Tf 72 720 Td (The \\256le is \\257aky.) Tj ET\n")))
    assert [p.text for p in read_source(path, "en").paragraphs] == ["The file is flaky."]


def test_pdf_section_number_in_a_box_of_its_own_joins_its_title():
    """LaTeX and Sphinx set a heading's number apart from its title, and pdfminer makes two
    boxes of them (often far apart in its order): the number goes before the title on its
    row; a number with nothing beside it stays as it is."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x0, x1, top, text, size=12.0):
        return (x0, x1, top, size, text)

    boxes = [[line(72, 400, 100, "3.9 Maintainer scripts")],
             [line(72, 540, 130, "The scripts must be idempotent.", 10.0)],
             [line(113, 400, 170, "Prompting in maintainer scripts")],
             [line(72, 540, 200, "Packages should use debconf to prompt.", 10.0)],
             [line(72, 92, 170, "3.9.1")],
             [line(72, 92, 240, "9.1.1", 10.0)],
             [line(72, 540, 254, "The FHS is followed, with the exceptions below.", 10.0)]]
    got = [p.text for p in paragraphs([(boxes, 595.0)])]
    assert got == ["3.9 Maintainer scripts", "The scripts must be idempotent.",
                   "3.9.1 Prompting in maintainer scripts",
                   "Packages should use debconf to prompt.", "9.1.1",
                   "The FHS is followed, with the exceptions below."]


def test_pdf_paragraph_goes_on_over_a_page_break_past_the_page_s_footnote():
    """A sentence cut by the page break, with a footnote at the foot of the page (smaller
    type, below the last line of body type): the paragraph is whole, and the footnote (kind
    "footnote") comes after the text, as in the DOCX reader."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x1, top, text, size=10.0):
        return (72, x1, top, size, text)

    first = [[line(540, 600, "The climbers reached the hut at night,¹ and the storm kept"),
              line(540, 612, "them there for three days, while the supplies ran low and the")],
             [line(300, 700, "1 The hut was closed that year.", 8.0)]]
    second = [[line(540, 74, "guides argued about the way down."),
               line(300, 86, "Then the weather cleared.")]]
    got = [(p.kind, p.text) for p in paragraphs([(first, 595.0), (second, 595.0)])]
    assert got == [
        ("paragraph", "The climbers reached the hut at night,¹ and the storm kept them there "
                      "for three days, while the supplies ran low and the guides argued about "
                      "the way down. Then the weather cleared."),
        ("footnote", "1 The hut was closed that year.")]


def test_pdf_chinese_and_japanese_lines_join_without_spaces():
    """A line break inside Chinese or Japanese text is no space ("同" | "じです" was read
    "同 じです"), over a page break too, but a paragraph ending in 。 at the foot of a page is
    not continued; Latin words keep theirs; a justified line's spread characters lose the
    spaces pdfminer put between them, a term set apart by a real space keeps it."""
    from types import SimpleNamespace

    from workbench.core.readers.pdf import _line_text
    from workbench.core.readers.pdflayout import paragraphs

    def line(x1, top, text):
        return (57, x1, top, 10.0, text)

    first = [[line(540, 600, "つまり、Esc + c は Alt-C と同"),
              line(540, 612, "じです。詳しくは mount(8) を"),
              line(540, 624, "参照してください。この機能は")]]
    second = [[line(540, 74, "便利です。"), line(300, 86, "本章は以上です。")]]
    third = [[line(540, 74, "新しい段落です。")]]
    got = [p.text for p in paragraphs([(first, 595.0), (second, 595.0), (third, 595.0)])]
    assert got == ["つまり、Esc + c は Alt-C と同じです。詳しくは mount(8) を参照してください。"
                   "この機能は便利です。本章は以上です。", "新しい段落です。"]

    def char(text, x0):
        return SimpleNamespace(get_text=lambda: text, x0=x0, x1=x0 + 10.0, size=10.0, y0=0.0)

    def anno():
        return SimpleNamespace(get_text=lambda: " ")

    spread = [char("あ", 0), anno(), char("る", 11), anno(), char("フ", 22)]  # 0.1 apart
    apart = [char("个", 0), anno(), char("类", 12.5), anno(), char("U", 25)]  # a quarter apart
    assert _line_text(spread, [c for c in spread if hasattr(c, "x0")], 10.0) == "あるフ"
    assert _line_text(apart, [c for c in apart if hasattr(c, "x0")], 10.0) == "个 类 U"


def test_pdf_ruled_table_cells_are_paragraphs_row_by_row():
    """A table drawn with rules (a border above and below each row, a rule down between the
    columns): each cell is one paragraph (kind table-cell), its wrapped lines joined however
    short they are, read row by row though pdfminer gives the table column by column with the
    text after it in between; a rule ends a paragraph (the frame above a code listing, where
    "Run this" would go on into "make deb-pkg"); a listing framed above and below (and at its
    sides) is no table: no kind table-cell, its lines as any others'."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x0, x1, top, text):
        return (x0, x1, top, 10.0, text)

    boxes = [[line(57, 300, 60, "The rules are listed below and")],
             [line(62, 170, 100, "拡張マッチ規則の説明"), line(62, 258, 112, "A-マークのついたインストール済みパッ"),
              line(62, 254, 124, "ケージとマッチ (自動インストール済みパ"), line(62, 112, 136, "ッケージ)"),
              line(62, 150, 148, "記述とのマッチ")],
             [line(57, 400, 180, "the table ends here.")],
             [line(270, 306, 100, "~n"), line(270, 306, 112, "~M"), line(270, 306, 148, "~d")],
             [line(57, 200, 220, "Run this"), line(62, 150, 235, "make deb-pkg"),
              line(62, 150, 247, "Then install it.")]]
    across = [(57, 561, top) for top in (98, 110, 146, 158)] + \
        [(57, 561, 232), (57, 561, 260)]  # the table's row borders; a frame around the code
    down = [(264, 98, 158), (57, 98, 158), (561, 98, 158), (57, 232, 260), (561, 232, 260)]
    got = [(p.kind, p.text) for p in paragraphs([(boxes, 595.0)], [(across, down)])]
    assert got == [("paragraph", "The rules are listed below and"),
                   ("table-cell", "拡張マッチ規則の説明"), ("table-cell", "~n"),
                   ("table-cell", "A-マークのついたインストール済みパッケージとマッチ (自動インストール済みパッケージ)"),
                   ("table-cell", "~M"), ("table-cell", "記述とのマッチ"), ("table-cell", "~d"),
                   ("paragraph", "the table ends here."), ("paragraph", "Run this"),
                   ("paragraph", "make deb-pkg"), ("paragraph", "Then install it.")]


def test_pdf_index_entries_in_small_type_are_no_footnotes():
    """An index page: letter headings in body type, entries in smaller type with leaders and
    page numbers, the last few below the last letter heading. None of them is a footnote (as
    smaller type set apart below the body would be), and they keep their place."""
    from workbench.core.readers.pdflayout import paragraphs

    def line(x1, top, text, size=9.0):
        return (90, x1, top, size, text)

    text_page = [[line(522, 80 + 14 * k, f"Line {k} of a page of the manual's text, which runs "
                       f"on to the margin", 10.9) for k in range(30)]]
    names = [f"{prefix}_{k}" for prefix in ("aes", "base64") for k in range(6)]
    index = [[line(330, 94, "Function Index", 17.2)], [line(98, 137, "A", 14.3)]]
    index += [[line(522, 160 + 11 * k, f"{name} . . . . . . . . . . . . . . 4{k}")]
              for k, name in enumerate(names[:6])]
    index += [[line(98, 300, "B", 14.3)]]
    index += [[line(522, 323 + 11 * k, f"{name} . . . . . . . . . . . . . . 5{k}")]
              for k, name in enumerate(names[6:])]
    got = [(p.kind, p.text) for p in paragraphs([(text_page, 595.0), (index, 595.0)])]
    assert [kind for kind, _ in got].count("footnote") == 0
    texts = [text for _, text in got]
    assert texts[texts.index("A") + 1:] == names[:6] + ["B"] + names[6:]
