"""The glossary: the project file, inflected matching, the per-row check, TSV/CSV/TBX, CLI."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.launcher import main
from workbench.core import glossary, glossary_io, store
from workbench.core.errors import FormatError
from workbench.core.glossary import Glossary, Term, find_terms
from workbench.core.operations import History

ROOT = Path(__file__).resolve().parent.parent
ALIGN = ROOT / "alignments"

SAMPLE = [
    Term("снос", "demolition"),
    Term("Жер Ана", "Zher Ana", "the movement «Жер Ана», Kazakh for Mother Earth",
         ("Zher Ann", "Zher-Ana")),
    Term("судоисполнитель", "court executive", 'a "quoted", comma; note'),
    Term("Аиша Аскарова", "Aisha Askarova"),
]


@pytest.fixture(scope="module")
def gloss():
    return Glossary.load(ALIGN / "glossary.yaml")


@pytest.fixture(scope="module")
def bakai():
    doc = store.load(ALIGN / "bakai.yaml")
    pub = copy.deepcopy(doc)  # as published: edited sentences back to their original text
    pub.target.sentences = [replace(s, text=s.original, original=None) if s.original else s
                            for s in pub.target.sentences]
    pub.target.invalidate()
    return doc, pub


def test_the_seed_glossary_has_the_bakai_terms(gloss):
    pairs = {(t.source, t.target) for t in gloss.terms}
    assert len(gloss.terms) >= 15
    assert {("Бакай", "Bakai"), ("Шанырак", "Shanyrak"), ("ОПОН", "OPON"), ("РУВД", "RUVD"),
            ("судоисполнитель", "court executive"), ("акимат", "akimat"),
            ("Аиша Аскарова", "Aisha Askarova"), ("Салим Оразалинов", "Salim Orazalinov"),
            ("Жер Ана", "Zher Ana"), ("Социалистическое сопротивление", "Socialist Resistance"),
            ("самозастройщик", "squatter"), ("снос", "demolition"),
            ("Алматы", "Almaty")} <= pairs
    assert (gloss.source_lang, gloss.target_lang) == ("ru", "en")
    # one term per line
    lines = (ALIGN / "glossary.yaml").read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("- {source: ") for line in lines) == len(gloss.terms)


def test_russian_terms_match_in_every_inflection():
    terms = [Term("снос", "demolition"), Term("Социалистическое сопротивление", "Socialist Resistance"),
             Term("Аиша Аскарова", "Aisha Askarova")]
    for text in ("снос домов", "попытка сноса", "к сносу", "о сносе", "под снос шли"):
        assert [m.term.source for m in find_terms(text, "ru", terms, side="src", target=False)] \
            == ["снос"], text
    assert not find_terms("решили снести дома", "ru", terms, target=False)
    text = "Активисты «Социалистического сопротивления» и Аише Аскаровой"
    found = find_terms(text, "ru", terms, side="src", target=False)
    assert [m.text for m in found] == ["Социалистического сопротивления", "Аише Аскаровой"]
    assert all(text[m.span.start:m.span.end] == m.text for m in found)
    assert not find_terms("физическое сопротивление", "ru", terms, target=False)


def test_english_terms_match_plural_possessive_and_case():
    terms = [Term("судоисполнитель", "court executive")]
    for text in ("their court executives and", "the court executive's assistants",
                 "COURT EXECUTIVE", "court-executive"):
        assert len(find_terms(text, "en", terms)) == 1, text
    assert not find_terms("the court officers", "en", terms)


def test_chinese_terms_match_without_spaces():
    """Chinese has no spaces between words: a term is matched character by character, on the
    source side and on the target side, and the per-row check finds a term not translated."""
    from workbench.core.document import Bead, Document, Sentence, Side

    terms = [Term("公园", "park"), Term("北京市政府", "Beijing city government")]
    text = "北京市政府周一宣布，明年将在城南新建三座公园。"
    found = find_terms(text, "zh", terms, side="src", target=False)
    assert [m.text for m in found] == ["北京市政府", "公园"]
    assert all(text[m.span.start:m.span.end] == m.text for m in found)
    assert not find_terms("公共交通", "zh", terms, target=False)  # 公 alone is no 公园
    assert [m.text for m in find_terms("新建三座公园", "zh", [Term("park", "公园")])] == ["公园"]
    # Korean: a term inside a word with its particle attached (공원을, "the park" as object)
    assert [m.text for m in find_terms("새 공원을 만든다", "ko", [Term("park", "공원")])] == ["공원"]
    doc = Document(Side("zh", [Sentence(0, text), Sentence(1, "公园很大。")]),
                   Side("en", [Sentence(0, "The Beijing city government will build three parks."),
                               Sentence(1, "The gardens are big.")]),
                   [Bead((0,), (0,)), Bead((1,), (1,))])
    findings = glossary.terminology_findings(doc, Glossary(terms=list(terms), source_lang="zh"))
    assert [(f.row, f.kind, f.term.target) for f in findings] == [(1, "missing", "park")]


def test_askaraova_is_a_near_miss_of_askarova(bakai, gloss):
    _, pub = bakai
    found = [f for f in glossary.terminology_findings(pub, gloss) if f.kind == "near-miss"
             and f.term.target == "Aisha Askarova"]
    assert len(found) == 1
    f = found[0]
    assert f.found == "Aisha Askaraova" and "Askarova" in f.message
    tgt = [s for s in f.spans if s.side == "tgt"][0]
    assert pub.target.get(tgt.sid).text[tgt.start:tgt.end] == "Aisha Askaraova"
    src = [s for s in f.spans if s.side == "src"][0]
    assert pub.source.get(src.sid).text[src.start:src.end] == "Аише Аскаровой"
    assert src.sid in pub.beads[f.row].src


def test_consistency_findings_on_bakai(bakai, gloss):
    doc, pub = bakai
    kinds = {(f.kind, f.term.target, f.found)
             for f in glossary.terminology_findings(pub, gloss, include_accepted=True)}
    assert ("forbidden", "Zher Ana", "Zher Ann") in kinds
    assert ("missing", "siege", "осаду") in kinds  # "seige": the spell checker's
    assert ("missing", "court executive", "судоисполнителей") in kinds  # "court officers"
    assert ("missing", "demolition", "снос") in kinds                   # "destruction"
    # after the typo fixes, what is left are real choices of the translator, accepted as such
    # in the document (accepted_terms), so the gold checks clean
    left = {(f.row, f.kind, f.term.target)
            for f in glossary.terminology_findings(doc, gloss, include_accepted=True)}
    assert left == {(14, "missing", "court executive"), (14, "missing", "demolition"),
                    (64, "missing", "akimat")}
    assert glossary.terminology_findings(doc, gloss) == []


def test_term_matches_give_spans_on_both_sides(bakai, gloss):
    doc, _ = bakai
    row = next(i for i, b in enumerate(doc.beads) if 13 in b.tgt)  # "...end the siege."
    found = glossary.term_matches(doc, row, gloss)
    by_side = {(m.span.side, m.term.target, m.text) for m in found}
    assert ("src", "siege", "осаду") in by_side and ("tgt", "siege", "siege") in by_side
    assert ("src", "Salim Orazalinov", "Салимом Оразалиновым") in by_side
    for m in found:
        text = doc.side(m.span.side).get(m.span.sid).text
        assert text[m.span.start:m.span.end] == m.text


def test_document_terms_are_undoable_and_validated(bakai, gloss, tmp_path):
    doc = copy.deepcopy(bakai[0])
    h = History(doc)
    term = Term("бакаевец", "Bakai resident")
    h.do(glossary.add_term(doc, term))
    assert term in glossary.all_terms(doc, gloss)
    assert any(f.term == term for f in glossary.terminology_findings(doc, gloss))
    store.save(doc, tmp_path / "d.yaml")
    assert store.load(tmp_path / "d.yaml").extra["glossary"] == [term.record()]
    h.undo()
    assert term not in glossary.all_terms(doc, gloss)
    text = (tmp_path / "d.yaml").read_text(encoding="utf-8").replace(
        "- {source: бакаевец, target: Bakai resident}", "- {source: бакаевец}")
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as err:
        store.load(tmp_path / "bad.yaml")
    assert err.value.line == text.splitlines().index("- {source: бакаевец}") + 1


def test_glossary_file_saves_one_term_per_line_and_errors_name_the_line(tmp_path):
    g = Glossary(list(SAMPLE), path=tmp_path / "glossary.yaml")
    g.save()
    assert Glossary.load(tmp_path / "glossary.yaml").terms == SAMPLE
    text = (tmp_path / "glossary.yaml").read_text(encoding="utf-8")
    assert sum(line.startswith("- {") for line in text.splitlines()) == len(SAMPLE)
    bad = text.replace("target: demolition", "targt: demolition")
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(FormatError) as err:
        Glossary.load(tmp_path / "bad.yaml")
    assert err.value.line == next(i for i, line in enumerate(bad.splitlines(), 1)
                                  if "targt" in line)


@pytest.mark.parametrize("fmt", glossary_io.FORMATS)
def test_round_trip(fmt, tmp_path, gloss):
    for terms in (SAMPLE, gloss.terms):
        text = glossary_io.export_terms(terms, fmt, "ru", "en")
        path = tmp_path / f"g.{fmt}"
        path.write_text(text, encoding="utf-8")
        back, src, tgt = glossary_io.import_terms(path)
        assert back == list(terms) and (src, tgt) == ("ru", "en")


def test_tsv_is_omegat_style():
    text = glossary_io.write_tsv(SAMPLE)
    assert text.splitlines()[0] == "снос\tdemolition"
    assert text.splitlines()[1].split("\t") == [
        "Жер Ана", "Zher Ana", "the movement «Жер Ана», Kazakh for Mother Earth | "
        "forbidden: Zher Ann; Zher-Ana"]


def test_foreign_csv_and_tbx_v3_are_read(tmp_path):
    (tmp_path / "memoq.csv").write_text("Russian;English;Description\nснос;demolition;a note\n",
                                        encoding="utf-8")
    terms, src, tgt = glossary_io.import_terms(tmp_path / "memoq.csv")
    assert terms == [Term("снос", "demolition", "a note")] and (src, tgt) == ("ru", "en")
    tbx3 = """<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="ru">
 <text><body><conceptEntry id="c1">
  <langSec xml:lang="ru"><termSec><term>осада</term></termSec></langSec>
  <langSec xml:lang="en"><termSec><term>siege</term></termSec>
   <termSec><term>seige</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
  </langSec></conceptEntry></body></text></tbx>"""
    (tmp_path / "v3.tbx").write_text(tbx3, encoding="utf-8")
    terms, src, tgt = glossary_io.import_terms(tmp_path / "v3.tbx")
    assert terms == [Term("осада", "siege", None, ("seige",))] and (src, tgt) == ("ru", "en")
    (tmp_path / "bad.tbx").write_text("<martif>\n<text>\n</martif>", encoding="utf-8")
    with pytest.raises(FormatError) as err:
        glossary_io.import_terms(tmp_path / "bad.tbx")
    assert err.value.line == 3


def test_cli_glossary_export_and_import(tmp_path):
    runner = CliRunner()
    for fmt in ("tsv", "csv", "tbx"):
        out = tmp_path / f"g.{fmt}"
        res = runner.invoke(main, ["glossary", "export", str(out), "--glossary",
                                   str(ALIGN / "glossary.yaml")])
        assert res.exit_code == 0, res.output
        target = tmp_path / f"imported-{fmt}.yaml"
        res = runner.invoke(main, ["glossary", "import", str(out), "--glossary", str(target)])
        assert res.exit_code == 0, res.output
        assert Glossary.load(target).terms == Glossary.load(ALIGN / "glossary.yaml").terms
        again = runner.invoke(main, ["glossary", "import", str(out), "--glossary", str(target)])
        assert "0 terms added" in again.output
    res = runner.invoke(main, ["glossary", "export", str(tmp_path / "g.doc"), "--glossary",
                               str(ALIGN / "glossary.yaml")])
    assert res.exit_code == 2 and "--format" in res.output


def test_languages_named_as_cat_tools_write_them(tmp_path):
    """memoQ and Trados name a CSV's columns "Russian", "English (United States)"; a TBX may
    list en-US before ru-RU. The glossary gets language codes, keeps the direction it has, and
    one made by an older version with names in it ("source_lang: Russian") still serves a
    ru-en document."""
    (tmp_path / "memoq.csv").write_text("English (United States);Russian;Description\n"
                                        "siege;осада;x\n", encoding="utf-8")
    terms, src, tgt = glossary_io.import_terms(tmp_path / "memoq.csv")
    assert (src, tgt) == ("en", "ru") and terms[0].source == "siege"
    (tmp_path / "plain.csv").write_text("Source,Target\nснос,demolition\n", encoding="utf-8")
    assert glossary_io.import_terms(tmp_path / "plain.csv", source_lang="ru",
                                    target_lang="en-GB")[1:] == ("ru", "en-GB")
    tbx = """<?xml version="1.0"?><martif type="TBX"><text><body><termEntry>
  <langSet xml:lang="en-US"><tig><term>siege</term></tig></langSet>
  <langSet xml:lang="ru-RU"><tig><term>осада</term></tig></langSet>
 </termEntry></body></text></martif>"""
    (tmp_path / "trados.tbx").write_text(tbx, encoding="utf-8")
    terms, src, tgt = glossary_io.import_terms(tmp_path / "trados.tbx", source_lang="ru",
                                               target_lang="en")
    assert terms == [Term("осада", "siege")] and (src, tgt) == ("ru-RU", "en-US")
    assert glossary_io.import_terms(tmp_path / "trados.tbx", source_lang="de",
                                    target_lang="fr")[1:] == ("en-US", "ru-RU")
    runner, gloss = CliRunner(), tmp_path / "glossary.yaml"
    (tmp_path / "ours.csv").write_text("ru,en,note\nсуд,court,\n", encoding="utf-8")
    for name in ("trados.tbx", "ours.csv"):  # ru-RU/en-US, then ru/en: one glossary
        res = runner.invoke(main, ["glossary", "import", str(tmp_path / name),
                                   "--glossary", str(gloss)])
        assert res.exit_code == 0, res.output
    assert len(Glossary.load(gloss).terms) == 2
    old = tmp_path / "old.yaml"
    old.write_text("format: 1\nsource_lang: Russian\ntarget_lang: English\nterms:\n"
                   "- {source: снос, target: demolition}\n", encoding="utf-8")
    loaded = Glossary.load(old)
    assert (loaded.source_lang, loaded.target_lang) == ("ru", "en")
