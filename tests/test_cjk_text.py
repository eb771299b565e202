"""Chinese, Japanese and Korean plain text as it comes: in its own multi-byte code page (GBK,
Shift_JIS ...: core/textio.py), and Japanese literature in Aozora Bunko's markup, whose ruby,
notes and frame are left out (core/aozora.py)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.aozora import cleaned, is_aozora
from workbench.core.textio import detect_encoding, read_paragraphs, read_text

ZH = ("据报道，法医检查确认是这头公猪撕咬该农民致其死亡的。当地警方表示，事发时农民正在喂猪，"
      "家人在猪圈里发现了他的遗体。")
JA = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所で泣いていた。"
ZH_TW = "據報道，法醫檢查確認是這頭公豬撕咬該農民致其死亡的。當地警方表示，家人在豬圈裡發現了他的遺體。"
KO = "국가 기관이 발표한 자료에 따르면 올해 관광객 수는 작년보다 크게 늘었다. 정부는 새로운 정책을 준비하고 있다."


@pytest.mark.parametrize("text, codec", [(ZH, "gbk"), (ZH, "gb18030"), (JA, "cp932"),
                                         (JA, "euc_jp"), (KO, "euc_kr"), (ZH_TW, "big5")])
def test_a_cjk_code_page_is_told_whatever_language_the_side_is_said_to_be(text, codec):
    data = (text + "\n") * 3
    raw = data.encode(codec)
    for lang in (None, "ru", "en", "zh", "ja", "ko"):
        assert raw.decode(detect_encoding(raw, lang).encoding) == data


def test_russian_and_latin_code_pages_are_not_taken_for_cjk():
    for text, codec in (("Маленькая победа самозастройщиков Бакая.", "cp1251"),
                        ("Маленькая победа самозастройщиков Бакая.", "koi8_r"),
                        ("Die Gletscher schmelzen für immer, sagt der Bergführer.", "cp1252")):
        raw = text.encode(codec)
        for lang in (None, "ru", "de"):
            assert raw.decode(detect_encoding(raw, lang).encoding) == text


AOZORA = """\
吾輩は猫である
夏目漱石

-------------------------------------------------------
【テキスト中に現れる記号について】

《》：ルビ
（例）吾輩《わがはい》

［＃］：入力者注　主に外字の説明や、傍点の位置の指定
-------------------------------------------------------

［＃８字下げ］一［＃「一」は中見出し］

　吾輩《わがはい》は猫である。名前はまだ無い。
　それは書生という人間中で一番｜獰悪《どうあく》な種族であったそうだ。
　※［＃「言＋墟のつくり」、第4水準2-88-74］を見た。

底本：「夏目漱石全集1」ちくま文庫、筑摩書房
入力：柴田卓治
"""


def test_aozora_markup_and_frame_are_left_out_and_lines_keep_their_numbers():
    lines = AOZORA.split("\n")
    assert is_aozora(lines)
    out, block, colophon = cleaned(lines)
    assert block == (3, 11) and colophon == 18
    read = read_paragraphs(AOZORA)
    assert read.lines == [(1, "吾輩は猫である"), (2, "夏目漱石"), (13, "一"),
                          (15, "吾輩は猫である。名前はまだ無い。"),
                          (16, "それは書生という人間中で一番獰悪な種族であったそうだ。"),
                          (17, "※を見た。")]


def test_text_that_only_uses_brackets_like_aozora_is_read_as_it_is():
    text = "彼は《重要》と書いた。\n［注意］を読んでください。\n"
    assert not is_aozora(text.split("\n"))
    assert [p for _, p in read_paragraphs(text).lines] == ["彼は《重要》と書いた。", "［注意］を読んでください。"]


def test_align_reads_a_shift_jis_aozora_book_and_says_what_it_left_out(tmp_path):
    book = tmp_path / "neko.txt"
    book.write_bytes(AOZORA.encode("cp932"))
    assert read_text(book).encoding == "cp932"
    en = tmp_path / "cat.txt"
    en.write_text("I Am a Cat\nNatsume Soseki\nOne\nI am a cat. As yet I have no name.\n"
                  "It was a student, of the most ferocious kind.\nI saw a thing.\n", encoding="utf-8")
    out = tmp_path / "cat.yaml"
    res = CliRunner().invoke(main, ["align", str(book), str(en), "-o", str(out),
                                    "--target-lang", "en"])
    assert res.exit_code == 0, res.output
    assert "read " + str(book) + " as Shift_JIS" in res.output
    assert ("it is an Aozora Bunko text: its ruby readings 《》 and input notes ［＃］, its notes "
            "on the symbols (lines 4-11) and its colophon (from line 19) are left out") in res.output
    assert "from 7 ja and 7 en sentences" in res.output
    assert "わがはい" not in out.read_text(encoding="utf-8")


RUBY_SENTENCE = "吾輩は猫である。名前はまだ無い。"


def test_ruby_readings_are_left_out_of_html_docx_and_odt(tmp_path):
    """Furigana over 吾輩 and 名前 is a reading, not text: HTML and EPUB <rt>, DOCX's phonetic
    guide (w:rt), ODT's text:ruby-text."""
    import zipfile

    from workbench.core.readers import read_source

    page = tmp_path / "neko.html"
    page.write_text("<html><body><p><ruby>吾輩<rp>(</rp><rt>わがはい</rt><rp>)</rp></ruby>は猫である。"
                    "<ruby>名前<rt>なまえ</rt></ruby>はまだ無い。</p></body></html>", encoding="utf-8")
    assert [p.text for p in read_source(page, "ja").paragraphs] == [RUBY_SENTENCE]

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def ruby(base, reading):
        return (f"<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>{reading}</w:t></w:r></w:rt>"
                f"<w:rubyBase><w:r><w:t>{base}</w:t></w:r></w:rubyBase></w:ruby></w:r>")
    body = (ruby("吾輩", "わがはい") + "<w:r><w:t>は猫である。</w:t></w:r>" + ruby("名前", "なまえ")
            + "<w:r><w:t>はまだ無い。</w:t></w:r>")
    docx = tmp_path / "neko.docx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {w}><w:body><w:p>{body}</w:p></w:body>"
                                         "</w:document>")
    assert [p.text for p in read_source(docx, "ja").paragraphs] == [RUBY_SENTENCE]

    t = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    o = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    para = ("<text:p><text:ruby><text:ruby-base>吾輩</text:ruby-base><text:ruby-text>わがはい"
            "</text:ruby-text></text:ruby>は猫である。<text:ruby><text:ruby-base>名前</text:ruby-base>"
            "<text:ruby-text>なまえ</text:ruby-text></text:ruby>はまだ無い。</text:p>")
    odt = tmp_path / "neko.odt"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", f"<office:document-content {o} {t}><office:body><office:text>"
                                   f"{para}</office:text></office:body></office:document-content>")
    assert [p.text for p in read_source(odt, "ja").paragraphs] == [RUBY_SENTENCE]
