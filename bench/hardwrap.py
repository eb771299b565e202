"""Hard-wrapped plain text read whole: the Debian FAQ's .txt edition against its HTML edition.

    apt-get install debian-faq debian-faq-ru debian-faq-de debian-faq-ja
    .venv/bin/python bench/hardwrap.py [--lang en ru de ja]

The FAQ ships the same text as HTML chapters and as one plain-text file wrapped at 65 columns.
Each edition is read by the workbench's own readers and split into sentences; the share of the
.txt edition's sentences found verbatim (spaces normalized) among the HTML edition's says how
whole they come out. "line per paragraph" reads every line as a paragraph, as the plain-text
reader did before core/hardwrap.py; the rest of the difference is the editions' own
(addresses spelled out in brackets, `quotes', list bullets). Nothing was tuned on it.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.pipeline import read_side  # noqa: E402
from workbench.core.segment import split_paragraph  # noqa: E402
from workbench.core.textio import paragraphs  # noqa: E402

FAQ = Path("/usr/share/doc/debian/FAQ")
#: the package's language suffix -> the workbench's language code
LANGS = {"en": "en", "ru": "ru", "de": "de", "ja": "ja", "zh-cn": "zh", "ko": "ko"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_sentences(suffix: str, lang: str) -> set[str]:
    folder, pattern = (FAQ, "*.en.html") if suffix == "en" else (FAQ / suffix, "*.html")
    out: set[str] = set()
    for page in sorted(folder.glob(pattern)):
        out |= {_norm(s.text) for s in read_side(page, lang).sentences}
    return out


def faq_edition(suffix: str, kind: str) -> Path | None:
    """The installed FAQ edition ``kind`` ("txt", "pdf") in language ``suffix``, or None
    after saying which package to install."""
    path = FAQ / f"debian-faq.{suffix}.{kind}.gz"
    if path.exists():
        return path
    print(f"{suffix}: not installed (apt-get install debian-faq"
          f"{'' if suffix == 'en' else '-' + suffix})")
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", nargs="+", default=["en", "ru", "de", "ja"], choices=list(LANGS))
    args = ap.parse_args(argv)
    print("edition    read as             sentences  found in the HTML edition")
    for suffix in args.lang:
        lang = LANGS[suffix]
        txt_file = faq_edition(suffix, "txt")
        if txt_file is None:
            continue
        text = gzip.open(txt_file).read().decode("utf-8")
        found = html_sentences(suffix, lang)
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        for name, paras in (("line per paragraph", lines), ("unwrapped", paragraphs(text))):
            sents = [_norm(s) for p in paras for s in split_paragraph(p, lang)]
            share = sum(s in found for s in sents) / len(sents)
            print(f"{suffix:10} {name:19} {len(sents):9,}  {share:.1%}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
