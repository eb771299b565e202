"""`workbench export OUT_DIR ...`: every document of a corpus folder in one file (issue 18)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from test_corpus import align_small_corpus


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """A corpus folder of three documents (one in a subfolder), made by `workbench align`."""
    out = align_small_corpus(tmp_path, monkeypatch)
    (out / "summary.tsv").write_text("name\n")
    return out


def _export(*args):
    return CliRunner().invoke(main, ["export", *args])


def test_jsonl_and_tsv_carry_every_document_s_pairs_and_its_name(corpus):
    from workbench.core import store

    expected = {}
    for name in ("a", "b", "sub/c"):
        doc = store.load(corpus / f"{name}.yaml")
        expected[name] = sum(1 for b in doc.beads if b.src and b.tgt)
    r = _export("out", "--format", "jsonl", "-o", "all.jsonl")
    assert r.exit_code == 0, r.output
    records = [json.loads(line) for line in Path("all.jsonl").read_text().splitlines()]
    assert {n: sum(1 for x in records if x["document"] == n) for n in expected} == expected
    assert f"{sum(expected.values())} pairs from 3 documents" in r.output
    r = _export("out", "--format", "tsv", "-o", "all.tsv")
    assert r.exit_code == 0, r.output
    lines = Path("all.tsv").read_text().splitlines()
    assert lines[0] == "document\tru\ten\tstatus\tconfidence"
    assert [line.split("\t")[0] for line in lines[1:]] == [x["document"] for x in records]


def test_the_folder_s_glossary_and_dictionary_are_not_documents(corpus):
    root = Path(__file__).resolve().parent.parent / "alignments"
    for name in ("glossary.yaml", "dictionary.yaml"):
        (corpus / name).write_bytes((root / name).read_bytes())
    r = _export("out", "--format", "tsv", "-o", "all.tsv")
    assert r.exit_code == 0 and "from 3 documents" in r.output, r.output


def test_tmx_moses_and_xlsx(corpus):
    r = _export("out", "--format", "tmx", "--only", "all", "-o", "all.tmx")
    assert r.exit_code == 0, r.output
    root = ET.parse("all.tmx").getroot()
    tus = root.find("body").findall("tu")
    docs = [tu.find("prop[@type='x-workbench-document']").text for tu in tus]
    assert sorted(set(docs)) == ["a", "b", "sub/c"] and root.find("header") is not None
    assert not list(Path(".").glob(".*.tmp"))
    # tmx defaults to confirmed rows: none here
    r = _export("out", "--format", "tmx", "-o", "confirmed.tmx")
    assert r.exit_code == 0 and "0 pairs" in r.output
    r = _export("out", "--format", "moses", "--only", "all", "-o", "corpus")
    assert r.exit_code == 0, r.output
    src, tgt, names = (Path(f"corpus.{x}").read_text().splitlines() for x in ("ru", "en", "docs"))
    assert len(src) == len(tgt) == len(names) == len(tus)
    r = _export("out", "--format", "xlsx", "-o", "all.xlsx")
    assert r.exit_code == 0, r.output
    from openpyxl import load_workbook

    rows = list(load_workbook("all.xlsx").active.values)
    assert rows[0] == ("ru", "en", "status", "confidence", "document")
    assert len(rows) - 1 == len(tus)


def test_a_format_of_single_documents_or_an_empty_folder_is_refused(corpus, tmp_path):
    r = _export("out", "--format", "docx", "-o", "x.docx")
    assert r.exit_code == 2 and "corpus folder exports to" in r.output
    (tmp_path / "empty").mkdir()
    r = _export("empty", "--format", "tsv", "-o", "x.tsv")
    assert r.exit_code == 2 and "is a directory with no documents" in r.output


def test_open_a_corpus_folder_shows_the_project_screen_and_opens_a_document(corpus, monkeypatch):
    """`workbench open OUT_DIR`: the documents worst first; Enter opens one in the workbench,
    quitting it comes back to the list; q quits."""
    import asyncio

    from workbench import launcher
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.project import ProjectApp

    (corpus / "summary.tsv").write_text(
        "name\tstatus\tmean_confidence\tone_sided_rows\tlength_ratio\trows\tsource_sentences"
        "\ttarget_sentences\treason\nbroken\tfailed\t\t\t\t\t\t\tx.txt: is empty\n")

    async def pick() -> Path | None:
        app = ProjectApp(corpus)
        async with app.run_test(size=(120, 30)) as pilot:
            table = app.query_one("DataTable")
            assert table.row_count == 4  # three documents, one failed pair
            assert app.rows[0]["name"] == "broken" and app.rows[0]["path"] is None
            await pilot.press("enter")  # the failed pair: only a notice
            await pilot.pause()
            assert app.is_running
            await pilot.press("down", "enter")
            await pilot.pause()
        return app.return_value

    chosen = asyncio.run(pick())
    assert chosen is not None and chosen.parent in (corpus, corpus / "sub")
    # the program's loop: the list, a document, the list again, quit
    answers = iter([corpus / "sub/c.yaml", None])
    opened = []
    monkeypatch.setattr(ProjectApp, "run", lambda self: next(answers))
    monkeypatch.setattr(WorkbenchApp, "run", lambda self: opened.append(self.session.path))
    result = CliRunner().invoke(launcher.main, ["open", "out"])
    assert result.exit_code == 0, result.output
    assert [Path(p).name for p in opened] == ["c.yaml"]
