"""What the bad-input tests share: the corpus of ``tests/data/bad/``, its state (nothing may
change it), and running the real CLI with no traceback allowed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.launcher import main

BAD = Path(__file__).resolve().parent / "data" / "bad"
TEXT, YAML = BAD / "text", BAD / "yaml"


def corpus_state() -> dict[str, str]:
    return {str(p.relative_to(BAD)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(BAD.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def before():
    return corpus_state()


def run(args):
    res = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    return res
