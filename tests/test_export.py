"""Exports: every format round-trips the Bakai pairs (read back by translate-toolkit, a plain
XML parser, csv, json), filters, escaping, and a real CAT tool (OmegaT) using our TMX."""

import csv
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.launcher import main
from workbench.core import review, store
from workbench.core.document import Bead, Document, Sentence, Side
from workbench.core.export import FORMATS, export, select_pairs
from workbench.core.operations import History

ROOT = Path(__file__).resolve().parent.parent
BAKAI = ROOT / "alignments" / "bakai.yaml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def bakai():
    return store.load(BAKAI)


def expected_pairs(doc, only="confirmed"):
    out = []
    for i, b in enumerate(doc.beads):
        if b.src and b.tgt and (only == "all" or b.confirmed):
            src, tgt = doc.bead_texts(i)
            out.append((" ".join(src), " ".join(tgt)))
    return out


def read_back(fmt, paths):
    """The (source, target) pairs of an exported file, read by an independent reader."""
    if fmt == "tmx":
        from translate.storage import tmx

        store_ = tmx.tmxfile.parsefile(str(paths[0]))
        return [(u.source, u.target) for u in store_.units]
    if fmt == "xliff":
        from translate.storage import xliff2

        store_ = xliff2.Xliff2File.parsefile(str(paths[0]))
        return [(u.source, u.target) for u in store_.units]
    if fmt == "tsv":
        with open(paths[0], encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        assert rows[0] == ["ru", "en", "status", "confidence"]
        return [(r[0], r[1]) for r in rows[1:]]
    if fmt == "moses":
        ru = paths[0].read_text(encoding="utf-8").split("\n")[:-1]
        en = paths[1].read_text(encoding="utf-8").split("\n")[:-1]
        assert len(ru) == len(en)
        return list(zip(ru, en))
    if fmt == "jsonl":
        lines = paths[0].read_text(encoding="utf-8").splitlines()
        return [(rec["ru"], rec["en"]) for rec in map(json.loads, lines)]
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips_the_bakai_confirmed_pairs(bakai, tmp_path, fmt):
    res = export(bakai, fmt, tmp_path / f"bakai.{fmt}", only="confirmed")
    want = expected_pairs(bakai)
    assert res.count == len(want) > 50 and not res.warnings
    assert res.skipped_one_sided == sum(1 for b in bakai.beads if not b.src or not b.tgt)
    assert read_back(fmt, res.paths) == want


def test_tmx_structure_with_a_plain_xml_parser(bakai, tmp_path):
    doc = store.load(BAKAI)
    h = History(doc)
    h.do(review.add_flag(doc, 8, "Fluency/Spelling", "minor", comment='say "Askarova" & <mean> it',
                         author="anna", now="2026-01-05T10:00:00+00:00"))
    path = export(doc, "tmx", tmp_path / "b.tmx").paths[0]
    root = ET.parse(path).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header.get("srclang") == "ru" and header.get("segtype") == "sentence"
    tus = root.findall("body/tu")
    assert len(tus) == len(expected_pairs(doc))
    tu = next(t for t in tus if t.get("tuid") == "9")
    props = {p.get("type"): p.text for p in tu.findall("prop")}
    assert props["x-workbench-status"] == "confirmed"
    assert props["x-workbench-flag"] == "Fluency/Spelling:minor:open"
    assert tu.find("note").text == '[open] Fluency/Spelling (minor): say "Askarova" & <mean> it'
    assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["ru", "en"]
    raw = path.read_text(encoding="utf-8")
    assert "&amp; &lt;mean&gt;" in raw and "«южной столицы»" in raw


def _tricky_doc() -> Document:
    src = Side("ru", [Sentence(0, "Он сказал: «Я & ты <вместе>»."), Sentence(1, "Звонок\x07 здесь."),
                      Sentence(2, "Фото: подпись."), Sentence(3, "Второе.")])
    tgt = Side("en", [Sentence(0, 'He said: "You & I <together>".'), Sentence(1, "Bell\there."),
                      Sentence(2, "Extra line."), Sentence(3, "Second.")])
    beads = [Bead((0,), (0,), 0.9, "confirmed"), Bead((1,), (1,), 0.8, "confirmed"),
             Bead((2,), (), None, "confirmed"), Bead((), (2,), None, "confirmed"),
             Bead((3,), (3,), 0.5, "proposed")]
    return Document(src, tgt, beads)


@pytest.mark.parametrize("fmt", FORMATS)
def test_escaping_and_control_characters(tmp_path, fmt):
    doc = _tricky_doc()
    res = export(doc, fmt, tmp_path / f"t.{fmt}", only="all")
    assert any("row 2" in w for w in res.warnings)
    got = read_back(fmt, res.paths)
    assert got == [("Он сказал: «Я & ты <вместе>».", 'He said: "You & I <together>".'),
                   ("Звонок здесь.", "Bell here."), ("Второе.", "Second.")]
    if fmt in ("tmx", "xliff"):
        ET.parse(res.paths[0])  # well-formed for a plain parser too


def test_filters(tmp_path):
    doc = _tricky_doc()
    assert [p.row for p in select_pairs(doc, "confirmed")] == [1, 2]
    assert [p.row for p in select_pairs(doc, "all")] == [1, 2, 5]  # 1-0 and 0-1 never
    h = History(doc)
    h.do(review.add_flag(doc, 0, "Accuracy/Mistranslation", "major", author="a"))
    h.do(review.add_flag(doc, 1, "Fluency/Spelling", "minor", author="a"))
    h.do(review.add_flag(doc, 4, "Accuracy/Omission", "critical", author="a"))
    h.do(review.dismiss_flag(doc, 3))
    assert [p.row for p in select_pairs(doc, "all", "major")] == [2, 5]
    assert [p.row for p in select_pairs(doc, "all", "minor")] == [5]
    assert [p.row for p in select_pairs(doc, "all", "critical")] == [1, 2, 5]
    # defaults: confirmed only for tmx and moses, everything for the others
    assert export(doc, "tmx", tmp_path / "a.tmx").count == 2
    assert export(doc, "moses", tmp_path / "a").count == 2
    assert export(doc, "tsv", tmp_path / "a.tsv").count == 3
    assert export(doc, "jsonl", tmp_path / "a.jsonl", exclude_flagged="major").count == 2


def test_export_cli(tmp_path):
    r = CliRunner()
    res = r.invoke(main, ["export", str(BAKAI), "--format", "moses", "-o", str(tmp_path / "b")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "b.ru").exists() and (tmp_path / "b.en").exists()
    assert "one-sided rows left out" in res.output
    res = r.invoke(main, ["export", str(BAKAI), "--format", "xliff", "-o", str(tmp_path / "b.xlf"),
                          "--only", "all", "--exclude-flagged", "major"])
    assert res.exit_code == 0 and (tmp_path / "b.xlf").exists()
    res = r.invoke(main, ["export", str(tmp_path / "missing.yaml"), "--format", "tmx", "-o", "x"])
    assert res.exit_code == 2 and "file not found" in res.output


def test_an_export_of_nothing_confirmed_says_how_to_get_the_proposed_rows(tmp_path):
    doc = store.load(BAKAI)
    doc.beads = [replace(b, status="proposed") for b in doc.beads]
    store.save(doc, tmp_path / "p.yaml")
    res = CliRunner().invoke(main, ["export", str(tmp_path / "p.yaml"), "--format", "tmx",
                                    "-o", str(tmp_path / "p.tmx")])
    assert res.exit_code == 0 and ": 0 pairs (" in res.output and "--only all" in res.output
    res = CliRunner().invoke(main, ["export", str(tmp_path / "p.yaml"), "--format", "tmx",
                                    "-o", str(tmp_path / "p.tmx"), "--only", "all"])
    assert "--only all" not in res.output


# ---------------------------------------------------------------- OmegaT, a real CAT tool

OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>ru</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneRussianTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


@pytest.mark.skipif(shutil.which("omegat") is None,
                    reason="OmegaT is not installed (Debian: apt-get install omegat)")
def test_omegat_translates_the_russian_with_our_tmx(bakai, tmp_path):
    """An OmegaT project with our TMX in tm/auto/: console-translate must produce our English.

    Paragraph segmentation (sentence_seg false) makes each source line one segment, so every
    exported pair is an exact match that OmegaT inserts from tm/auto/.
    """
    project = tmp_path / "project"
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(OMEGAT_PROJECT, encoding="utf-8")
    pairs = expected_pairs(bakai)
    (project / "source" / "bakai.txt").write_text(
        "".join(ru + "\n\n" for ru, _ in pairs), encoding="utf-8")
    export(bakai, "tmx", project / "tm" / "auto" / "bakai.tmx")
    env = dict(os.environ, HOME=str(tmp_path / "home"))  # OmegaT writes its settings there
    proc = subprocess.run(["omegat", str(project), "--mode=console-translate"],
                          capture_output=True, text=True, timeout=180, env=env)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    out = (project / "target" / "bakai.txt").read_text(encoding="utf-8")
    got = [para for para in out.split("\n\n") if para.strip()]
    assert [g.strip() for g in got] == [en for _, en in pairs]
