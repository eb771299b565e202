"""Language tags as CAT tools and users write them: "zh-CN", "en-US", "pt_BR", "rus".

A document keeps the tag it was given (its exports say it to the next tool); every rule keyed by
language (splitter, scripts, spelling, numbers, glossary) works as for the bare language."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.core import store
from workbench.core.document import Bead, Document, make_side
from workbench.core.errors import InputError
from workbench.core.glossary import Glossary, Term, all_terms
from workbench.core.langtags import base_lang, same_language, standard
from workbench.core.qa.numbers.comparison import compare
from workbench.core.segment import split_paragraph
from workbench.core.spelling import Checker
from workbench.launcher import main


def test_tags_read_as_their_language():
    assert [base_lang(t) for t in ("ru", "ru-RU", "zh_CN", "zh-Hant-TW", "cmn", "en-US",
                                   "eng", "iw", "EN")] == \
        ["ru", "ru", "zh", "zh", "zh", "en", "en", "he", "en"]
    assert base_lang("xx-foo") == "xx"  # never fails
    assert same_language("zh-CN", "zh") and same_language("pt_BR", "pt-PT")
    assert not same_language("en", None) and not same_language("sr", "hr")


def test_a_users_tag_is_standardized_or_refused():
    assert [standard(t) for t in ("zh_cn", "ENG", "rus", "en-gb", "pt_BR", "de")] == \
        ["zh-CN", "en", "ru", "en-GB", "pt-BR", "de"]
    for bad, words in (("russian", "a language.s name, not its tag \\(give ru\\)"),
                       ("ua", "Ukrainian is uk"), ("x-klingon", "not a language tag"),
                       ("xx", "not a known language code"), ("ru en", "not a language tag")):
        with pytest.raises(InputError, match=words):
            standard(bad)


@pytest.mark.parametrize("tag, lang, text", [
    ("zh-CN", "zh", "他说：“我们不同意。”然后他走了。今天天气很好！你呢？"),
    ("ja-JP", "ja", "「行きましょう。」と彼は言った。今日は晴れです。"),
    ("ru-RU", "ru", "Г. Бакай, т.е. село. Ул. Ленина, д. 5. Всё."),
    ("pt_BR", "pt", "O Sr. Silva chegou. Ele disse: olá. Fim."),
])
def test_a_regional_tag_splits_as_its_language(tag, lang, text):
    assert split_paragraph(text, tag) == split_paragraph(text, lang)
    assert len(split_paragraph(text, tag)) >= 2


def test_spelling_numbers_and_glossary_follow_the_language():
    checker = Checker()
    found = [w for _, _, w in checker.check_text("The crowd was aggitated by the seige.", "en-US")]
    assert found == ["aggitated", "seige"]
    assert checker.suggest("aggitated", "en-GB")[0] == "agitated"
    # the region chooses the dictionary where there are several: British, American
    text = "The colour of the car, the color of the house."
    assert [w for _, _, w in checker.check_text(text, "en-GB")] == ["color"]
    assert [w for _, _, w in checker.check_text(text, "en-US")] == ["colour"]
    assert [w for _, _, w in checker.check_text(text, "en")] == ["colour"]
    # a language the Hunspell wheel has no dictionary for takes its own country's among
    # LibreOffice's (de: de_DE, fr: fr_FR); a region still chooses (de-CH: no "ß")
    assert [w for _, _, w in checker.check_text("Das Haus ist schoen.", "de-DE")] == ["schoen"]
    assert [w for _, _, w in checker.check_text("Das Haus ist schoen.", "de")] == ["schoen"]
    assert [w for _, _, w in checker.check_text("La maison est tres belle.", "fr")] == ["tres"]
    assert [w for _, _, w in checker.check_text("Die Strasse ist gross.", "de-CH")] == []
    assert [w for _, _, w in checker.check_text("Die Strasse ist gross.", "de")] == \
        ["Strasse", "gross"]
    # Russian number words are read for ru-RU as for ru: five (пять) against 5 is no finding
    assert compare("Пришли пять человек.", "Five people came.", "ru-RU", "en-US") == \
        compare("Пришли пять человек.", "Five people came.", "ru", "en")
    # a project glossary made for ru-en serves a ru-RU / en-GB document, not a de one
    doc = Document(make_side("ru-RU", [("Снос.", 0)]), make_side("en-GB", [("Demolition.", 0)]),
                   [Bead((0,), (0,))])
    glossary = Glossary([Term("снос", "demolition")], "ru", "en")
    assert [t.source for t in all_terms(doc, glossary)] == ["снос"]
    doc.source.lang = "de"
    assert all_terms(doc, glossary) == ()


def test_the_cli_standardizes_or_refuses_a_tag(tmp_path):
    (tmp_path / "a.txt").write_text("Bonjour le monde. Comment ça va ?\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Hello world. How are you?\n", encoding="utf-8")
    out = tmp_path / "a.yaml"
    runner = CliRunner()
    res = runner.invoke(main, ["align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                               "--source-lang", "fr_fr", "--target-lang", "EN-us", "-o", str(out)])
    assert res.exit_code == 0, res.output
    doc = store.load(out)
    assert (doc.source.lang, doc.target.lang) == ("fr-FR", "en-US")
    assert [s.text for s in doc.source.sentences] == ["Bonjour le monde.", "Comment ça va ?"]
    res = runner.invoke(main, ["align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                               "--source-lang", "french", "-o", str(tmp_path / "c.yaml")])
    assert res.exit_code == 2 and "'french' is a language's name, not its tag (give fr)" \
        in res.output
    assert "Traceback" not in res.output and not (tmp_path / "c.yaml").exists()


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="x"><body>
<trans-unit id="1"><source>今天天气很好。</source><target>The weather is fine today.</target></trans-unit>
</body></file></xliff>"""


def test_a_bilingual_file_keeps_the_languages_it_declares(tmp_path):
    path = tmp_path / "x.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    out = tmp_path / "x.yaml"
    res = CliRunner().invoke(main, ["align", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "warning" not in res.output
    doc = store.load(out)
    assert (doc.source.lang, doc.target.lang) == ("zh-CN", "en-US")
    tmx = tmp_path / "x.tmx"
    res = CliRunner().invoke(main, ["export", str(out), "--format", "tmx", "--only", "all",
                                    "-o", str(tmx)])
    assert res.exit_code == 0, res.output
    text = tmx.read_text(encoding="utf-8")
    assert 'srclang="zh-CN"' in text and 'xml:lang="en-US"' in text
    # a language given on the command line still wins, with the usual warning
    res = CliRunner().invoke(main, ["align", str(path), "--source-lang", "ja", "-o",
                                    str(tmp_path / "y.yaml")])
    assert res.exit_code == 0 and "its source language is zh-CN, not ja" in res.output


def test_file_names_tell_the_languages(tmp_path):
    """Two files named by language tag ("x.fr.txt", "x.en.txt"), or one name in folders named
    by tag ("texts/de/a.txt"), tell `align` their languages when the options do not; tags
    that are codes of languages nobody means by them ("src", "old", "new") tell nothing."""
    from workbench.core.corpus_pairs import pair_langs

    p = Path
    assert pair_langs(p("a.fr.txt"), p("a.en.txt")) == ("fr", "en")
    assert pair_langs(p("ch01.zh-cn.html"), p("ch01.en.html")) == ("zh-CN", "en")
    assert pair_langs(p("texts/de/a.txt"), p("texts/fr/a.txt")) == ("de", "fr")
    assert pair_langs(p("notes-old.txt"), p("notes-new.txt")) == (None, None)
    assert pair_langs(p("a.src.txt"), p("a.tgt.txt")) == (None, None)
    assert pair_langs(p("one.txt"), p("two.txt")) == (None, None)
    (tmp_path / "x.fr.txt").write_text("Bonjour le monde. Comment ça va ?\n", encoding="utf-8")
    (tmp_path / "x.en.txt").write_text("Hello world. How are you?\n", encoding="utf-8")
    out = tmp_path / "x.yaml"
    res = CliRunner().invoke(main, ["align", str(tmp_path / "x.fr.txt"),
                                    str(tmp_path / "x.en.txt"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "the file names say: source fr" in res.output and "warning" not in res.output
    doc = store.load(out)
    assert (doc.source.lang, doc.target.lang) == ("fr", "en")
