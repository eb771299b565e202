"""`workbench corpus align` (issue 18): a real Dask scheduler and two workers as subprocesses,
the same documents as a local run, kill -9 and resume, failures listed, bad arguments."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main

ROOT = Path(__file__).resolve().parent.parent
PY = Path(sys.executable)
DASK = PY.parent / "dask"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
FAST = "corpus_standin:fast"
SLOW = "corpus_standin:slow"

WORDS = ("apple banana cherry dog egg fig grape house iron jam kite lemon mango nut olive "
         "pear quince rose sun tree umbrella violet water xylophone yacht zebra").split()


def _texts(i: int) -> tuple[str, str]:
    """A small synthetic pair: the target joins two sentences of the source in one place."""
    sents = [" ".join(WORDS[(i * 3 + k * 5 + j) % len(WORDS)] for j in range(4)).capitalize()
             + "." for k in range(6)]
    src = " ".join(sents[:3]) + "\n\n" + " ".join(sents[3:]) + "\n"
    tgt = " ".join(sents[:2]) + "\n\n" + sents[2] + " " + sents[3][:-1] + ", " + \
        sents[4][0].lower() + sents[4][1:] + " " + sents[5] + "\n"
    return src, tgt


def align_small_corpus(tmp_path: Path, monkeypatch) -> Path:
    """Three documents (one in a subfolder) made by `workbench align` with the stand-in
    encoder, in ``tmp_path/out``; the working folder is ``tmp_path``."""
    import corpus_standin
    import workbench.core.embed as embed

    monkeypatch.setattr(embed, "load_encoder", lambda name, *a, **k: corpus_standin.fast(name))
    monkeypatch.chdir(tmp_path)
    for i, name in enumerate(["a", "b", "sub/c"]):
        s, t = _texts(i)
        Path(f"{name}.src.txt").parent.mkdir(parents=True, exist_ok=True)
        Path(f"{name}.src.txt").write_text(s)
        Path(f"{name}.tgt.txt").write_text(t)
        r = CliRunner().invoke(main, ["align", f"{name}.src.txt", f"{name}.tgt.txt",
                                      "-o", f"out/{name}.yaml"])
        assert r.exit_code == 0, r.output
    return tmp_path / "out"


def make_corpus(folder: Path, n: int = 6) -> tuple[Path, Path]:
    src, tgt = folder / "src", folder / "tgt"
    for i in range(n):
        s, t = _texts(i)
        sub = "part" if i % 2 else "."
        for root, text in ((src, s), (tgt, t)):
            (root / sub).mkdir(parents=True, exist_ok=True)
            (root / sub / f"doc{i}.txt").write_text(text, encoding="utf-8")
    return src, tgt


def run_cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(PY), "-m", "workbench", "corpus", "align", *args], cwd=cwd,
                          env=ENV, capture_output=True, text=True, timeout=timeout)


def documents(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.yaml"))}


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """`dask scheduler` and two `dask worker` processes on localhost."""
    folder = tmp_path_factory.mktemp("dask")
    info = folder / "scheduler.json"
    common = ["--no-dashboard"]
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--scheduler-file", str(info), *common], env=ENV, cwd=folder,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(300):
            if info.exists() and info.stat().st_size:
                break
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        for n in range(2):
            procs.append(subprocess.Popen(
                [str(DASK), "worker", address, "--nthreads", "1", "--nworkers", "1",
                 "--name", f"w{n}", "--local-directory", str(folder / f"w{n}"), *common],
                env=ENV, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


def test_the_scheduler_gives_the_documents_of_the_local_run_and_of_align(
        tmp_path, scheduler, monkeypatch):
    src, tgt = make_corpus(tmp_path)
    local = run_cli("src", "tgt", "-o", "local", "--workers", "2", "--encoder-factory", FAST,
                    cwd=tmp_path)
    assert local.returncode == 0, local.stderr
    assert "6 pairs: 0 already done, 6 to align" in local.stdout
    remote = run_cli("src", "tgt", "-o", "remote", "--scheduler", scheduler,
                     "--encoder-factory", FAST, cwd=tmp_path)
    assert remote.returncode == 0, remote.stderr
    a, b = documents(tmp_path / "local"), documents(tmp_path / "remote")
    assert sorted(a) == ["doc0.yaml", "doc2.yaml", "doc4.yaml", "part/doc1.yaml",
                         "part/doc3.yaml", "part/doc5.yaml"]
    assert a == b
    summary = (tmp_path / "remote" / "summary.tsv").read_text().splitlines()
    assert summary[0].startswith("name\tstatus\tmean_confidence") and len(summary) == 7
    # a corpus document is what `workbench align` writes for the same pair
    import corpus_standin
    import workbench.core.embed as embed

    monkeypatch.setattr(embed, "load_encoder", lambda name, *a, **k: corpus_standin.fast(name))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["align", "src/part/doc3.txt", "tgt/part/doc3.txt",
                                       "-o", "single/part/doc3.yaml"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "single/part/doc3.yaml").read_bytes() == a["part/doc3.yaml"]


def test_killed_midway_the_run_resumes_without_redoing_finished_pairs(tmp_path, scheduler):
    make_corpus(tmp_path, n=10)
    out = tmp_path / "out"
    args = [str(PY), "-m", "workbench", "corpus", "align", "src", "tgt", "-o", "out",
            "--scheduler", scheduler]
    proc = subprocess.Popen(args + ["--encoder-factory", SLOW], cwd=tmp_path, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / "manifest.json"
    finished: dict = {}
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                finished = json.loads(manifest.read_text())["pairs"]
            except (OSError, ValueError):
                finished = {}
            if len(finished) >= 2:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    finished = json.loads(manifest.read_text())["pairs"]  # what the manifest says at the kill
    assert 2 <= len(finished) < 10, "the run must be killed midway"
    stamps = {name: (out / f"{name}.yaml").stat().st_mtime_ns for name in finished}
    again = subprocess.run(args + ["--encoder-factory", FAST], cwd=tmp_path, env=ENV,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert f"10 pairs: {len(finished)} already done, {10 - len(finished)} to align" in again.stdout
    assert {name: (out / f"{name}.yaml").stat().st_mtime_ns for name in finished} == stamps
    assert len(json.loads(manifest.read_text())["pairs"]) == 10
    assert not list(out.rglob("*.tmp"))
    # the same documents as an uninterrupted run
    fresh = subprocess.run([*args[:-4], "-o", "fresh", "--scheduler", scheduler,
                            "--encoder-factory", FAST], cwd=tmp_path, env=ENV,
                           capture_output=True, text=True, timeout=120)
    assert fresh.returncode == 0, fresh.stderr
    assert documents(out) == documents(tmp_path / "fresh")
    # a third run does nothing; a changed input is done again
    (tmp_path / "src" / "doc0.txt").write_text(_texts(0)[0] + "Zebra yacht water.\n")
    third = subprocess.run(args + ["--encoder-factory", FAST], cwd=tmp_path, env=ENV,
                           capture_output=True, text=True, timeout=120)
    assert third.returncode == 0, third.stderr
    assert "10 pairs: 9 already done, 1 to align" in third.stdout


def test_failed_pairs_are_listed_and_do_not_stop_the_others(tmp_path, scheduler):
    make_corpus(tmp_path, n=3)
    (tmp_path / "src" / "empty.txt").write_text("")
    (tmp_path / "tgt" / "empty.txt").write_text("Apple.\n")
    (tmp_path / "src" / "blank.txt").write_text("   \n\n  \n")
    (tmp_path / "tgt" / "blank.txt").write_text("Apple.\n")
    (tmp_path / "src" / "latin1.txt").write_bytes("Caf\xe9 au lait. Cr\xe8me.\n".encode("latin-1"))
    (tmp_path / "tgt" / "latin1.txt").write_text("Coffee. Cream.\n")
    (tmp_path / "src" / "alone.txt").write_text("Apple.\n")
    result = run_cli("src", "tgt", "-o", "out", "--scheduler", scheduler, "--encoder-factory",
                     FAST, "--source-encoding", "utf-8", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "not paired" in result.stderr and "alone.txt" in result.stderr
    rows = [line.split("\t") for line in
            (tmp_path / "out" / "summary.tsv").read_text().splitlines()[1:]]
    failed = {r[0]: r[-1] for r in rows if r[1] == "failed"}
    assert sorted(failed) == ["blank", "empty", "latin1"]  # worst first: failures on top
    assert [r[1] for r in rows[:3]] == ["failed"] * 3
    assert "empty.txt" in failed["empty"] and "whitespace" in failed["blank"]
    assert "latin1.txt" in failed["latin1"]
    assert str(tmp_path) in failed["empty"]  # the user's file, not a worker's temp copy
    assert sorted(documents(tmp_path / "out")) == ["doc0.yaml", "doc2.yaml", "part/doc1.yaml"]
    assert "3/6 pairs done, 3 failed" in result.stdout
    # run again: the finished pairs are skipped, the failed ones tried again
    again = run_cli("src", "tgt", "-o", "out", "--scheduler", scheduler, "--encoder-factory",
                    FAST, "--source-encoding", "utf-8", cwd=tmp_path)
    assert again.returncode == 1
    assert "6 pairs: 3 already done, 3 to align" in again.stdout


def test_a_pairs_file_names_the_documents_and_a_missing_file_is_a_failure(tmp_path, scheduler):
    make_corpus(tmp_path, n=2)
    (tmp_path / "pairs.tsv").write_text(
        "# source\ttarget\tname\n"
        "src/doc0.txt\ttgt/doc0.txt\tfirst\n"
        "src/part/doc1.txt\ttgt/part/doc1.txt\n"
        "src/nothing.txt\ttgt/doc0.txt\tgone\n")
    result = run_cli("--pairs", "pairs.tsv", "-o", "out", "--scheduler", scheduler,
                     "--encoder-factory", FAST, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert sorted(documents(tmp_path / "out")) == ["doc1.yaml", "first.yaml"]
    assert "gone" in result.stdout and "nothing.txt" in result.stdout


@pytest.mark.parametrize("args, message", [
    ([], "give SOURCE_DIR and TARGET_DIR"),
    (["a"], "give SOURCE_DIR and TARGET_DIR"),
    (["a", "b", "--pairs", "p.tsv"], "not both"),
    (["nope", "tgt"], "is not a folder"),
    (["src", "tgt", "--bead-types", "9-x"], ""),
])
def test_bad_arguments_exit_2(tmp_path, monkeypatch, args, message):
    make_corpus(tmp_path, n=1)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["corpus", "align", *args, "-o", "out"])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_a_pair_named_like_the_project_glossary_or_dictionary_is_refused(tmp_path, monkeypatch):
    """Files called glossary.txt in both folders would write OUT_DIR/glossary.yaml over the
    project's glossary: the run refuses, exit 2, before aligning anything."""
    make_corpus(tmp_path, n=1)
    for side in ("src", "tgt"):
        (tmp_path / side / "glossary.txt").write_text("Суд.\n" if side == "src" else "Court.\n",
                                                     encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "glossary.yaml").write_text("keep: me\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["corpus", "align", "src", "tgt", "-o", "out"])
    assert result.exit_code == 2, result.output
    assert "glossary.yaml" in result.output and "Traceback" not in result.output
    assert (tmp_path / "out" / "glossary.yaml").read_text(encoding="utf-8") == "keep: me\n"
    (tmp_path / "pairs.tsv").write_text("src/doc0.txt\ttgt/doc0.txt\tpart/dictionary\n",
                                        encoding="utf-8")
    result = CliRunner().invoke(main, ["corpus", "align", "--pairs", "pairs.tsv", "-o", "out"])
    assert result.exit_code == 2 and "dictionary.yaml" in result.output, result.output


def test_a_pair_in_a_script_that_names_its_language_is_read_as_that_language(tmp_path):
    """Without --source-lang, a Chinese source is read as Chinese (as `workbench align` reads
    it); the options' fingerprint stays the one of a run made before guessing existed."""
    import corpus_standin
    import yaml
    from workbench.core.corpus import AlignOptions, Job, align_job

    src = "我们同意。他们不同意。".encode()
    tgt = b"We agree. They do not agree.\n"
    guessing = AlignOptions(guess_langs=(True, True))
    assert guessing.fingerprint() == AlignOptions().fingerprint()
    for options, lang, rows in ((guessing, "zh", 2), (AlignOptions(), "ru", None)):
        job = Job("p", str(tmp_path / "p.zh.txt"), str(tmp_path / "p.en.txt"), src, tgt,
                  str(tmp_path), options)
        out = align_job(job, corpus_standin.fast("use-v3"))
        assert out.error is None, out.error
        data = yaml.safe_load(out.yaml)
        assert data["source"]["lang"] == lang and data["target"]["lang"] == "en"
        if rows:
            assert len(data["source_sentences"]) == rows


def test_files_named_by_language_tags_pair_up(tmp_path):
    """basic-defs.ru.html and basic-defs.en.html, ch1_de.docx and ch1_en.docx, index.zh-cn.html
    and index.en.html pair up as one document each (named without the tag); the same relative
    path still pairs first; a tag pair other than the corpus's own ("old" / "new"), or a name
    that fits two files on a side, pairs nothing and is warned about."""
    from workbench.core.corpus_pairs import pair_folders

    src, tgt = tmp_path / "src", tmp_path / "tgt"
    files = {src: ["basic-defs.ru.html", "choosing.ru.html", "sub/ru_ch1.txt", "same.txt",
                   "notes-old.txt", "twice.ru.txt", "twice.ru.html", "alone.ru.txt"],
             tgt: ["basic-defs.en.html", "choosing.en.html", "sub/en_ch1.txt", "same.txt",
                   "notes-new.txt", "twice.en.txt"]}
    for folder, names in files.items():
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text("x\n", encoding="utf-8")
    found = pair_folders(src, tgt)
    pairs, alone = found.pairs, found.alone
    assert found.langs == ("ru", "en")
    got = {p.name: (p.source.relative_to(src).as_posix(), p.target.relative_to(tgt).as_posix())
           for p in pairs}
    assert got == {"same": ("same.txt", "same.txt"),
                   "basic-defs": ("basic-defs.ru.html", "basic-defs.en.html"),
                   "choosing": ("choosing.ru.html", "choosing.en.html"),
                   "sub/ch1": ("sub/ru_ch1.txt", "sub/en_ch1.txt")}
    warned = " ".join(alone)
    for name in ("notes-old.txt", "notes-new.txt", "twice.ru.txt", "twice.ru.html",
                 "twice.en.txt", "alone.ru.txt"):
        assert name in warned
    zh, en = tmp_path / "zh", tmp_path / "en"
    for folder, name in ((zh, "index.zh-cn.html"), (zh, "faq.zh-cn.html"), (en, "index.en.html"),
                         (en, "faq.en.html")):
        folder.mkdir(exist_ok=True)
        (folder / name).write_text("x\n", encoding="utf-8")
    found = pair_folders(zh, en)
    assert sorted(p.name for p in found.pairs) == ["faq", "index"]
    assert found.langs == ("zh-CN", "en")


def test_one_folder_of_many_languages_pairs_the_two_asked_for(tmp_path, scheduler):
    """A translated manual ships as one folder: ch01.de.html, ch01.en.html, ch01.ja.html ...
    with its pictures and style sheet. Given twice, the folder pairs by language tag only
    (never a file with itself); without languages the run asks which two, naming them; the
    pictures are left out unread and said once, not failures; the file names give the
    languages a side was not given (said when not the default); a file in those languages
    without its partner is warned about; the output folder inside the input is not read."""
    folder = tmp_path / "manual"
    (folder / "images").mkdir(parents=True)
    for i in range(3):
        s, t = _texts(i)
        (folder / f"ch{i}.ja.txt").write_text(s, encoding="utf-8")
        (folder / f"ch{i}.en.txt").write_text(t, encoding="utf-8")
        (folder / f"ch{i}.de.txt").write_text(t, encoding="utf-8")
    (folder / "ch9.ja.txt").write_text("Apple.\n", encoding="utf-8")
    (folder / "images" / "note.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    (folder / "style.css").write_text("p { margin: 0 }\n", encoding="utf-8")
    result = run_cli("manual", "manual", "-o", "manual/out", "--scheduler", scheduler,
                     "--encoder-factory", FAST, cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert "more than two languages (de -> en, ja -> en)" in result.stderr
    assert "--source-lang de --target-lang en" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("manual", "manual", "-o", "manual/out", "--scheduler", scheduler,
                     "--encoder-factory", FAST, "--source-lang", "ja", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(documents(folder / "out")) == ["ch0.yaml", "ch1.yaml", "ch2.yaml"]
    assert "left out 2 files that are not texts (.css, .png)" in result.stdout
    assert "left out 3 files in other languages" in result.stdout
    assert "the file names say" not in result.stdout  # en is the default target anyway
    assert "ch9.ja.txt: no partner in en (not paired)" in result.stderr
    doc = (folder / "out" / "ch0.yaml").read_text(encoding="utf-8")
    assert "lang: ja," in doc and "path: ../ch0.ja.txt" in doc and "../ch0.en.txt" in doc
    again = run_cli("manual", "manual", "-o", "manual/out", "--scheduler", scheduler,
                    "--encoder-factory", FAST, "--source-lang", "ja", cwd=tmp_path)
    assert "3 pairs: 3 already done, 0 to align" in again.stdout  # out/*.yaml not read
    pair = tmp_path / "pair"
    pair.mkdir()
    s, t = _texts(0)
    (pair / "a.fr.txt").write_text(s, encoding="utf-8")
    (pair / "a.de.txt").write_text(t, encoding="utf-8")
    result = run_cli("pair", "pair", "-o", "out2", "--scheduler", scheduler, "--encoder-factory",
                     FAST, "--source-lang", "fr", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "the file names say: target de" in result.stdout
    assert "lang: de," in (tmp_path / "out2" / "a.yaml").read_text(encoding="utf-8")


def test_tags_choose_the_pair_and_say_its_languages(tmp_path):
    """The defaults (ru -> en) settle which way a pair of tags goes in one folder; a pair the
    defaults do not settle (de and fr) is asked for; a regional tag fits its language."""
    from workbench.core.corpus_pairs import pair_folders
    from workbench.core.errors import WorkbenchError

    folder = tmp_path / "f"
    folder.mkdir()
    for name in ("a.ru.txt", "a.en.txt", "b.ru.txt", "b.en.txt", "c.de.txt", "c.fr.txt",
                 "d.zh-cn.txt", "d.zh-tw.txt", "d.en.txt"):
        (folder / name).write_text("x\n", encoding="utf-8")
    found = pair_folders(folder, folder)
    assert [(p.name, p.source.name, p.target.name) for p in found.pairs] == [
        ("a", "a.ru.txt", "a.en.txt"), ("b", "b.ru.txt", "b.en.txt")]
    assert found.langs == ("ru", "en")
    other = tmp_path / "g"
    other.mkdir()
    for name in ("c.de.txt", "c.fr.txt"):
        (other / name).write_text("x\n", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="de -> fr, fr -> de"):
        pair_folders(other, other)
    found = pair_folders(folder, folder, "zh-TW", "en")
    assert [(p.source.name, p.target.name) for p in found.pairs] == [("d.zh-tw.txt", "d.en.txt")]
    assert found.langs == ("zh-TW", "en")
    found = pair_folders(folder, folder, "fr", None)
    assert [(p.source.name, p.target.name) for p in found.pairs] == [("c.fr.txt", "c.de.txt")]

