"""PDF read back into sentences: the Debian FAQ's PDF edition against its HTML edition.

    apt-get install debian-faq debian-faq-ru debian-faq-de
    .venv/bin/python bench/pdfread.py [--lang en ru de]

(The ja, zh-cn and ko packages ship a placeholder PDF.) With debian-policy installed
(`apt-get install debian-policy`), the Debian Policy Manual's PDF (Sphinx, its section titles in
the footer) is checked against its EPUB edition too; with the Debian Reference
(`apt-get install debian-reference-en debian-reference-ja debian-reference-zh-cn`), its
Chinese and Japanese PDFs (dblatex, justified, with tables) against its HTML chapters.

The FAQ ships the same text as HTML chapters and as a LaTeX-made PDF (a table of contents with
dot leaders, running headers, page numbers, hyphenation, headings with hanging indents). Each
edition is read by the workbench's own readers and split into sentences; the share of the PDF
edition's sentences found verbatim (spaces normalized) among the HTML edition's says how whole
they come out. The rest of the difference is the editions' own (the PDF's code listings
wrapped with hook arrows, its quotes, the HTML's navigation). Nothing was tuned on it.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from hardwrap import LANGS, _norm, faq_edition, html_sentences  # noqa: E402

from workbench.core.pipeline import read_side  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", nargs="+", default=["en", "ru", "de"],
                    choices=list(LANGS))
    args = ap.parse_args(argv)
    print("edition    sentences  found in the HTML edition")
    for suffix in args.lang:
        lang = LANGS[suffix]
        pdf_file = faq_edition(suffix, "pdf")
        if pdf_file is None:
            continue
        found = html_sentences(suffix, lang)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"faq.{suffix}.pdf"
            path.write_bytes(gzip.open(pdf_file).read())
            sents = [_norm(s.text) for s in read_side(path, lang).sentences]
        share = sum(s in found for s in sents) / len(sents)
        print(f"{suffix:10} {len(sents):9,}  {share:.1%}", flush=True)
    policy = Path("/usr/share/doc/debian-policy")
    if (policy / "policy.pdf.gz").exists() and (policy / "policy.epub").exists():
        found = {_norm(s.text) for s in read_side(policy / "policy.epub", "en").sentences}
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "policy.pdf"
            path.write_bytes(gzip.open(policy / "policy.pdf.gz").read())
            sents = [_norm(s.text) for s in read_side(path, "en").sentences]
        share = sum(s in found for s in sents) / len(sents)
        print(f"{'policy':10} {len(sents):9,}  {share:.1%} (in the EPUB edition)", flush=True)
    reference = Path("/usr/share/debian-reference")
    for suffix, lang in (("en", "en"), ("ja", "ja"), ("zh-cn", "zh")):
        pdf_file = reference / f"debian-reference.{suffix}.pdf"
        if not pdf_file.exists():
            continue
        found = {_norm(s.text) for page in sorted(reference.glob(f"*.{suffix}.html"))
                 for s in read_side(page, lang).sentences}
        sents = [_norm(s.text) for s in read_side(pdf_file, lang).sentences]
        share = sum(s in found for s in sents) / len(sents)
        print(f"{'ref ' + suffix:10} {len(sents):9,}  {share:.1%} (Debian Reference, in its HTML "
              "chapters)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
