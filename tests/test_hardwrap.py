"""Hard-wrapped plain text (core/hardwrap.py): lines broken at a fixed width inside paragraphs
are joined, so that a line end does not cut a sentence; texts with a sentence, a paragraph or
a title per line, and poems, are read a line at a time as before."""

from __future__ import annotations

import textwrap

from click.testing import CliRunner

from workbench.cli import main
from workbench.core.hardwrap import join, wrap_width
from workbench.core.pipeline import new_document
from workbench.core.textio import paragraph_lines, paragraphs

DICKENS = [
    "It was the best of times, it was the worst of times, it was the age of wisdom, it was the "
    "age of foolishness, it was the epoch of belief, it was the epoch of incredulity. It was "
    "the season of Light, it was the season of Darkness, it was the spring of hope, it was the "
    "winter of despair.",
    "We had everything before us, we had nothing before us, we were all going direct to "
    "Heaven, we were all going direct the other way. In short, the period was so far like the "
    "present period, that some of its noisiest authorities insisted on its being received, for "
    "good or for evil, in the superlative degree of comparison only.",
    "There were a king with a large jaw and a queen with a plain face, on the throne of "
    "England; there were a king with a large jaw and a queen with a fair face, on the throne "
    "of France.",
]


def _wrapped(paras, width=70):
    return "\n\n".join(textwrap.fill(p, width) for p in paras) + "\n"


def _rows(text):
    return [line.strip() for line in text.split("\n")]


def test_a_wrapped_text_is_read_a_paragraph_per_run_of_lines():
    text = "CHAPTER I\n\n" + _wrapped(DICKENS)
    assert wrap_width(_rows(text)) in range(60, 71)
    assert paragraphs(text) == ["CHAPTER I"] + DICKENS
    # the line each paragraph starts on, for error messages
    starts = [n for n, _ in paragraph_lines(text)]
    lines = text.split("\n")
    assert [lines[n - 1] for n in starts[1:]] == [textwrap.fill(p, 70).split("\n")[0] for p in DICKENS]


def test_texts_that_are_not_wrapped_keep_a_paragraph_per_line():
    sentence_per_line = "\n".join(["A trial vaccine is showing promising results.",
                                   "One woman saw her cancer disappear for 18 months.",
                                   "The method involves extracting immune cells.",
                                   "Professor Berzofsky said the results were promising.",
                                   "A similar approach has worked before."]) + "\n"
    paragraph_per_line = "\n\n".join(DICKENS) + "\n"
    titles = "\n".join(["New Cancer Vaccine Can Teach The Immune System To See Rogue Cells",
                        "Vaccine Teaches Immune System To Recognise Rogue Cells Early On",
                        "Method Involves Extracting Immune Cells From A Patient In A Lab",
                        "They Can Then See A Protein Common To Many Cancers And More"]) + "\n"
    poem = ("Tyger Tyger, burning bright,\nIn the forests of the night;\nWhat immortal hand or "
            "eye,\nCould frame thy fearful symmetry?\n\nIn what distant deeps or skies.\nBurnt "
            "the fire of thine eyes?\nOn what wings dare he aspire?\nWhat the hand, dare seize "
            "the fire?\n")
    chinese = "\n".join(["北京市政府周一宣布，明年将在城南新建三座公园，总面积约为一百二十公顷。",
                         "市长王明在新闻发布会上说，我们希望每个居民步行十分钟就能到达绿地。",
                         "环保组织对这一计划表示欢迎，但他们也提醒政府注意保护现有的湿地。",
                         "工程将于明年三月开工，预计耗资十五亿元，并将在两年内全部完成。"]) + "\n"
    for text in (sentence_per_line, paragraph_per_line, titles, poem, chinese):
        assert wrap_width(_rows(text)) is None, text
        assert paragraphs(text) == [line.strip() for line in text.split("\n") if line.strip()]


def test_joining_keeps_compounds_and_wide_characters_together():
    assert join("a well-", "known author") == "a well-known author"
    assert join("the year 1984 -", "and then") == "the year 1984 - and then"
    assert join("北京市政府周一宣布，", "明年将在城南新建三座公园。") == "北京市政府周一宣布，明年将在城南新建三座公园。"
    assert join("He said", "no.") == "He said no."
    assert join("데비안은 자유", "운영체제입니다.") == "데비안은 자유 운영체제입니다."  # Korean spaces words
    assert join("see https://www.debian.org/", "releases") == "see https://www.debian.org/releases"


def test_wrapped_chinese_is_joined_without_spaces():
    para = ("北京市政府周一宣布，明年将在城南新建三座公园。这些公园总面积约为一百二十公顷，预计耗资十五亿元。"
            "市长王明在新闻发布会上说：我们希望每个居民步行十分钟就能到达绿地。环保组织对这一计划表示欢迎，"
            "但他们也提醒政府注意保护现有的湿地，并要求公开环境评估报告。")
    lines = [para[k:k + 30] for k in range(0, len(para), 30)]
    text = "\n".join(lines) + "\n\n" + "\n".join(lines) + "\n"
    assert wrap_width(_rows(text)) == 60
    assert paragraphs(text) == [para, para]


def test_align_reads_a_wrapped_file_in_whole_sentences_and_says_so(tmp_path):
    src = tmp_path / "dickens.txt"
    src.write_text(_wrapped(DICKENS), encoding="utf-8")
    doc = new_document(src, src, "en", "en")
    assert [s.text for s in doc.source.sentences][:2] == [
        DICKENS[0].split(". ")[0] + ".", "It was the season of Light, it was the season of "
        "Darkness, it was the spring of hope, it was the winter of despair."]
    assert [s.para for s in doc.source.sentences] == [0, 0, 1, 1, 2]
    out = tmp_path / "o.yaml"
    res = CliRunner().invoke(main, ["align", str(src), str(src), "-o", str(out),
                                    "--source-lang", "en", "--target-lang", "en"])
    assert res.exit_code == 0, res.output
    assert "its lines are broken at about" in res.output and "--presegmented" in res.output
    assert "5 en and 5 en sentences" in res.output


def test_an_overlong_paragraph_in_a_wrapped_text_is_named_by_its_line(tmp_path):
    text = tmp_path / "dump.txt"
    text.write_text(_wrapped(DICKENS * 2) + "\n" + "word " * 5000 + "\n", encoding="utf-8")
    line = len(_wrapped(DICKENS * 2).split("\n")) + 1
    res = CliRunner().invoke(main, ["align", str(text), str(text), "-o", str(tmp_path / "o.yaml")])
    assert res.exit_code == 2
    assert f"{text}:{line}: has a sentence of" in res.output


LIB_RU = """\
     Был  ясный  холодный  апрельский  день,  и  часы  пробивали
тринадцать. Уткнув подбородок в грудь, чтобы спастись от злого  ветра,
Уинстон Смит торопливо шмыгнул за стеклянную дверь жилого  дома,  но
все-таки впустил за собой вихрь зернистой пыли.
     В вестибюле пахло вареной капустой и  старыми  половиками.  Против
входа на стене висел цветной плакат,  слишком  большой  для  помещения.
На плакате было изображено громадное, больше метра в ширину, лицо.
     -- Да, -- сказал он.
     Квартира была на седьмом этаже. Уинстону было тридцать девять  лет,
у него над щиколоткой была варикозная язва; он поднимался медленно  и
несколько раз останавливался передохнуть.
"""


def test_paragraphs_marked_by_a_first_line_indent_and_justified_spacing():
    """A Russian e-text's layout: no blank lines, each paragraph's first line indented, the
    lines justified with runs of spaces."""
    got = paragraph_lines(LIB_RU)
    assert [n for n, _ in got] == [1, 5, 8, 9]
    assert got[0][1] == ("Был ясный холодный апрельский день, и часы пробивали тринадцать. Уткнув "
                         "подбородок в грудь, чтобы спастись от злого ветра, Уинстон Смит "
                         "торопливо шмыгнул за стеклянную дверь жилого дома, но все-таки впустил "
                         "за собой вихрь зернистой пыли.")
    assert got[2][1] == "-- Да, -- сказал он."


def test_indented_paragraphs_of_a_dialogue_of_one_line_each():
    """The same layout where most paragraphs are a line of dialogue: most lines are then first
    lines, and the text's margin is told by the lines that go on a sentence. Before, such a
    text was read a line at a time, every line end cutting a sentence."""
    paras = ["Он вошёл в комнату и увидел на столе письмо. Письмо было от матери, почерк был "
             "неровный, словно она писала второпях. Он перечитал его несколько раз.",
             "— Ты вернулся? — спросила мать, стоя в дверях.", "— Да, — ответил он.",
             "Она улыбнулась и ничего больше не сказала. За окном шёл дождь, и во дворе было "
             "тихо, только воробьи прыгали по веткам старой липы.",
             "— Есть хочешь?", "Он кивнул."] * 4
    text = "".join("     " + textwrap.fill(p, 66) + "\n" for p in paras)
    assert paragraphs(text) == paras


def test_a_wrapped_dialogue_with_blank_lines():
    """Project Gutenberg's layout for a dialogue: most paragraphs one short line, so only about
    a third of the lines lie inside a run of lines (the longer paragraphs' first lines)."""
    paras = ["He walked into the room and saw a letter on the table. It was from his mother; the "
             "hand was uneven, as if she had written it in a hurry. He read it several times.",
             '"You are back?" asked his mother from the door.', '"Yes," he said.', '"Hungry?"',
             "He nodded.", "She smiled and said nothing more. Outside the rain kept falling, and "
             "the yard was quiet, but for the sparrows in the branches of the old lime tree."] * 4
    assert paragraphs("\n\n".join(textwrap.fill(p, 70) for p in paras) + "\n") == paras


def test_wrapped_chinese_with_full_width_indents():
    """A Chinese e-text: 35 characters a line, each paragraph opened by two full-width
    spaces, no blank lines, short paragraphs of dialogue among long ones."""
    paras = ["他走进房间，看见桌上放着一封信。信是母亲写的，字迹有些潦草，像是匆忙之间写成的。"
             "他拿起信，读了一遍又一遍，心里说不出是什么滋味。窗外的雨下个不停。",
             "“你回来了？”母亲站在门口，脸上带着笑。", "他点点头，什么也没说。",
             "第二天早上，他很早就起来了。院子里静悄悄的，只有几只麻雀在树枝上跳来跳去。"
             "他决定回家去看看母亲，可是走到村口又停了下来。"] * 4
    lines = []
    for p in paras:
        t = "\u3000\u3000" + p
        lines += [t[k:k + 35] for k in range(0, len(t), 35)]
    assert paragraphs("\n".join(lines) + "\n") == paras


def test_list_items_and_quotations_with_a_hanging_indent_stay_whole():
    body = textwrap.fill(DICKENS[0], 66)
    text = ("\n".join("    " + line for line in body.split("\n")) + "\n    Official images contain"
            " symlinks like:\n\n"
            + "\n".join(("    * " if k == 0 else "      ") + line for k, line in
                         enumerate(textwrap.fill(DICKENS[1], 60).split("\n"))) + "\n\n"
            + "\n".join("        " + line for line in textwrap.fill(DICKENS[2], 58).split("\n"))
            + "\n")
    assert paragraphs(text) == [DICKENS[0] + " Official images contain symlinks like:",
                                "* " + DICKENS[1], DICKENS[2]]


def test_korean_lines_join_with_a_space_only_where_the_line_had_room_for_more():
    """Some tools break Korean anywhere (a full line: the wrap fell inside a word), others at
    spaces (a line with room for one more syllable: the wrap fell between words)."""
    from workbench.core.hardwrap import separator

    assert separator("오류가 발생하기 쉽습니다. 이를 막으려고 사", "용자는 리눅스", room=False) == ""
    assert separator("무료의 고품질의 유닉스 호환 운영 체제를 만들기", "위한 자발적인", room=True) == " "
    full = "    " + "가나다라마바사아자차" * 3  # 64 columns, the right margin
    text = "\n".join([full, full, full, "    " + "가나다 라마바", "    " + "사아자차."]) + "\n"
    assert paragraphs(text) == ["가나다라마바사아자차" * 9 + "가나다 라마바 사아자차."]
