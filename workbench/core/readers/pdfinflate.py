"""pdfminer's unpacking of a PDF's compressed streams, bounded and in linear time.

A "PDF bomb" is a few megabytes of deflated zeros that inflate to gigabytes: pdfminer inflates
a stream whole, with no limit, so one small file could take all the memory (LZW and run-length
streams too: a byte of either may stand for over a hundred). And a stream whose end is damaged
(a bad checksum) goes to pdfminer's fallback, which feeds it a byte at a time into a growing
bytes object: quadratic, seconds for a megabyte. ``install`` puts in pdfminer's place
unpackers that stop once one document's streams pass ``limit`` bytes in all (the caller's
``budget``) and a fallback that does the same work in steps; each gives what pdfminer's own
gives on every stream below the limit (same bytes, same errors).
"""

from __future__ import annotations

import threading
import zlib
from contextlib import contextmanager
from typing import Iterator

#: bytes inflated at a time, so that the budget is checked before memory is taken
_STEP = 1 << 20
_state = threading.local()


class TooBig(Exception):
    """The document's streams inflate to more than its budget."""


@contextmanager
def budget(limit: int) -> Iterator[None]:
    """Within this block, the streams inflated on this thread may come to ``limit`` bytes."""
    _state.left = limit
    try:
        yield
    finally:
        _state.left = None


def _take(n: int) -> None:
    left = getattr(_state, "left", None)
    if left is None:
        return
    _state.left = left - n
    if _state.left < 0:
        raise TooBig


def _drain(d, data: bytes, out: list[bytes]) -> None:
    """Feed ``data`` to the decompressor ``d``, a step of output at a time."""
    chunk = d.decompress(data, _STEP)
    while True:
        _take(len(chunk))
        out.append(chunk)
        if not d.unconsumed_tail and len(chunk) < _STEP:  # a full step may leave output behind
            return
        chunk = d.decompress(d.unconsumed_tail, _STEP)


def inflate(data: bytes) -> bytes:
    """``zlib.decompress(data)``, within the budget."""
    d = zlib.decompressobj()
    out: list[bytes] = []
    _drain(d, data, out)
    if not d.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(out)


def inflate_damaged(data: bytes) -> bytes:
    """What pdfminer's ``decompress_corrupted`` gives (the stream inflated up to a damaged end;
    an error before its last three bytes is raised), in steps instead of a byte at a time."""
    d = zlib.decompressobj()
    out: list[bytes] = []
    for start in range(0, len(data), _STEP):
        piece = data[start:start + _STEP]
        saved, kept = d.copy(), len(out)
        try:
            _drain(d, piece, out)
            continue
        except zlib.error:
            d = saved
            del out[kept:]
        for i in range(len(piece)):  # find the byte the error comes at
            try:
                _drain(d, piece[i:i + 1], out)
            except zlib.error:
                if start + i < len(data) - 3:
                    raise
                return b"".join(out)
    return b"".join(out)


def unlzw(data: bytes) -> bytes:
    """pdfminer's LZWDecode, within the budget (its decoder yields the output piece by piece)."""
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    out: list[bytes] = []
    for piece in LZWDecoder(BytesIO(data)).run():
        _take(len(piece))
        out.append(piece)
    return b"".join(out)


def unrunlength(data: bytes) -> bytes:
    """pdfminer's RunLengthDecode, within the budget: what the runs come to is counted from
    their length bytes before any is decoded (one byte may stand for 128)."""
    from pdfminer.runlength import rldecode

    total, at = 0, 0
    while at < len(data) and data[at] != 128:
        n = data[at]
        total, at = (total + n + 1, at + n + 2) if n < 128 else (total + 257 - n, at + 2)
    _take(total)
    return rldecode(data)


class _Zlib:
    """The part of the zlib module pdfminer's stream decoding uses."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)
    decompress = staticmethod(inflate)


def install() -> None:
    """Put the bounded inflaters in pdfminer's place (once; harmless to repeat)."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _Zlib):
        pdftypes.zlib = _Zlib()
        pdftypes.decompress_corrupted = inflate_damaged
        pdftypes.lzwdecode = unlzw
        pdftypes.rldecode = unrunlength
