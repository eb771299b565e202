"""A PDF's deflated streams: a PDF bomb is refused, a damaged stream is read, and the bounded
inflaters give exactly what pdfminer's own give (core/readers/pdfinflate.py)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from workbench.core.readers import pdfinflate, read_source
from workbench.launcher import main

ROOT = Path(__file__).resolve().parent.parent


def one_page_pdf(stream: bytes) -> bytes:
    """A PDF of one page whose content stream is ``stream``, deflated."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)


TEXT = b"BT /F1 12 Tf 72 720 Td (The hut was closed that year.) Tj ET\n"


def test_a_pdf_bomb_is_refused_without_taking_the_memory(tmp_path, monkeypatch):
    """A stream of 8 KB that inflates to 40 MB, against a limit of 16 MB: one line, exit 2,
    nothing written."""
    monkeypatch.setattr("workbench.core.readers.pdf.MAX_UNPACKED", 16 * 2 ** 20)
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(one_page_pdf(zlib.compress(TEXT + b" " * (40 * 2 ** 20), 9)))
    assert bomb.stat().st_size < 100_000
    (tmp_path / "en.txt").write_text("The hut was closed that year.\n", encoding="utf-8")
    out = tmp_path / "o.yaml"
    res = CliRunner().invoke(main, ["align", str(bomb), str(tmp_path / "en.txt"), "-o", str(out),
                                    "--source-lang", "en"])
    assert res.exit_code == 2, res.output
    assert "unpack to more than 16 MB (a PDF bomb?)" in res.output and "bomb.pdf" in res.output
    assert "Traceback" not in res.output and not out.exists()


def test_a_stream_with_a_damaged_end_is_read(tmp_path):
    """The checksum at the stream's end cut off: zlib refuses it, the fallback reads it."""
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(one_page_pdf(zlib.compress(TEXT)[:-2]))
    with pytest.raises(zlib.error):
        zlib.decompress(zlib.compress(TEXT)[:-2])
    assert [p.text for p in read_source(damaged, "en").paragraphs] == [
        "The hut was closed that year."]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000), st.integers(0, 3), st.integers(0, 10 ** 6),
       st.sampled_from([5, 64, 1 << 20]))
def test_the_bounded_inflaters_give_what_pdfminer_s_give(raw, damage, where, step):
    """Whole, cut at the checksum, cut deeper or with a flipped byte: the same bytes or the
    same error as zlib.decompress and pdfminer's decompress_corrupted, at any step size."""
    from pdfminer.pdftypes import decompress_corrupted

    data = zlib.compress(raw)
    if damage == 1:
        data = data[:-1 - where % 3]
    elif damage == 2:
        data = data[:max(2, len(data) - 4 - where % 40)]
    elif damage == 3:
        b = bytearray(data)
        b[2 + where % (len(b) - 2)] ^= 0xFF
        data = bytes(b)

    def outcome(inflate):
        try:
            return inflate(data)
        except zlib.error:
            return "error"

    old = pdfinflate._STEP
    pdfinflate._STEP = step
    try:
        assert outcome(pdfinflate.inflate) == outcome(zlib.decompress)
        assert outcome(pdfinflate.inflate_damaged) == outcome(decompress_corrupted)
    finally:
        pdfinflate._STEP = old


def test_lzw_and_run_length_streams_count_against_the_budget():
    """The PDF Reference's LZW example and run-length runs decode as pdfminer decodes them,
    and a budget smaller than what they come to stops them."""
    from pdfminer.lzw import lzwdecode
    from pdfminer.runlength import rldecode

    lzw = bytes.fromhex("800B6050220C0C8501")
    assert pdfinflate.unlzw(lzw) == lzwdecode(lzw) == b"-----A---B"
    runs = bytes([129, ord("x")]) * 1000 + bytes([2]) + b"abc" + bytes([128])  # 128 000 x, abc
    assert pdfinflate.unrunlength(runs) == rldecode(runs) == b"x" * 128_000 + b"abc"
    with pdfinflate.budget(9), pytest.raises(pdfinflate.TooBig):
        pdfinflate.unlzw(lzw)
    with pdfinflate.budget(100_000), pytest.raises(pdfinflate.TooBig):
        pdfinflate.unrunlength(runs)
    with pdfinflate.budget(10):
        assert pdfinflate.unlzw(lzw) == b"-----A---B"
