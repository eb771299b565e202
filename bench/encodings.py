"""Encoding detection on real text: how often each legacy encoding is read back right.

    python bench/encodings.py

Russian samples are the NTREX dev documents (not used to build the detector), cut into single
sentences, three-sentence paragraphs and whole documents, each encoded in windows-1251, KOI8-R,
CP866 and mac-cyrillic (characters a code page lacks, like the em dash in KOI8-R, become their
ASCII look-alikes, as an old editor would have written them). German and French samples (Text+Berg
dev) in windows-1252 check that Latin text is not taken for Cyrillic; Chinese (NTREX zh-en dev) in
GBK and GB18030, that a Chinese code page is told. Printed: the share read
back exactly, for the workbench's detector with and without the side's language, and for
charset-normalizer alone.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import charset_normalizer  # noqa: E402

from workbench.core.errors import InputError  # noqa: E402
from workbench.core.textio import detect_encoding  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
ASCII = str.maketrans({"—": "-", "–": "-", "«": '"', "»": '"', "„": '"', "“": '"', "”": '"',
                       "’": "'", "‘": "'", "…": "...", "№": "N", "\u00a0": " ", "•": "*",
                       "°": " deg", "€": "EUR", "×": "x", "ё": "е", "Ё": "Е"})


def samples(where: Path, limit_docs: int = 60):
    """Sentences, paragraphs and documents of a folder of documents or of one long file."""
    if where.is_dir():
        docs = [d.read_text(encoding="utf-8") for d in sorted(where.iterdir())[:limit_docs]]
    else:
        all_lines = where.read_text(encoding="utf-8").splitlines()
        docs = ["\n".join(all_lines[i:i + 30]) for i in range(0, len(all_lines), 30)][:limit_docs]
    out = {"sentence": [], "paragraph": [], "document": []}
    for d in docs:
        lines = [x.strip() for x in d.splitlines() if x.strip()]
        out["sentence"].extend(lines[:10])
        out["paragraph"].extend(" ".join(lines[i:i + 3]) for i in range(0, min(len(lines), 30), 3))
        out["document"].append("\n".join(lines))
    return out


def encode(text: str, codec: str) -> bytes | None:
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        try:
            return text.translate(ASCII).encode(codec)
        except UnicodeEncodeError:
            return None


def same(a: str, b: str) -> bool:
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


def run(texts, codecs, lang):
    print(f"{'sample':10} {'encoding':13} {'n':>5} {'workbench':>10} {'+lang':>8} {'ch-norm':>8}")
    for kind, items in texts.items():
        for codec in codecs:
            n = ok = ok_lang = ok_cn = 0
            t0 = time.perf_counter()
            for text in items:
                data = encode(text, codec)
                if data is None or data.decode(codec) == data.decode("utf-8", "replace"):
                    continue  # no byte above 0x7f: every encoding reads it right
                n += 1
                for lg, counter in ((None, "ok"), (lang, "ok_lang")):
                    try:
                        got = detect_encoding(data, lg).encoding
                    except InputError:
                        got = "?"
                    if data.decode(got, "replace") == data.decode(codec):
                        if counter == "ok":
                            ok += 1
                        else:
                            ok_lang += 1
                best = charset_normalizer.from_bytes(data).best()
                if best is not None and data.decode(best.encoding, "replace") == data.decode(codec):
                    ok_cn += 1
            if n:
                print(f"{kind:10} {codec:13} {n:5} {ok / n:10.1%} {ok_lang / n:8.1%} {ok_cn / n:8.1%}"
                      f"   ({(time.perf_counter() - t0) / n * 1000:.1f} ms each)")


def main() -> None:
    ru = samples(DATA / "ntrex-ru-en-dev" / "ru")
    run(ru, ["cp1251", "koi8_r", "cp866", "mac_cyrillic"], "ru")
    for lang in ("de", "fr"):
        path = DATA / "textberg-de-fr-dev" / f"dev.{lang}"
        if path.exists():
            run(samples(path), ["cp1252"], lang)
    zh = DATA / "ntrex-zh-en-dev" / "zh"
    if zh.is_dir():
        run(samples(zh), ["gbk", "gb18030"], "zh")


if __name__ == "__main__":
    main()
