"""YAML load/save of documents: schema, validation with file/line errors.

The file is self-contained (both sides' sentences, sources with content hashes, beads) and
written one record per line in flow style, so that changing one bead or one sentence is a
one-line git diff. PyYAML's C loader and dumper keep 10,000-row documents fast.

    format: 1
    model: use-v3
    source: {lang: ru, path: ../texts/ru/bakai.txt, sha256: 3f…, next_id: 118}
    target: {lang: en, path: ../texts/en/bakai.txt, sha256: 9c…, next_id: 121}
    source_sentences:
    - {id: 0, para: 0, text: Маленькая победа …}
    target_sentences:
    - {id: 7, para: 5, text: Initially, the situation …, original: Inititally, the situation …}
    beads:
    - {src: [], tgt: [0], status: confirmed}
    - {src: [0], tgt: [1], confidence: 0.93, status: proposed}
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import yaml

from .document import Bead, Document, InvariantError, Sentence, Side, check_invariants
from . import parse_cache
from .errors import FormatError, decode_utf8, read_bytes
from .files import atomic_write, file_sha256  # noqa: F401  (file_sha256: callers pair it with save)
from .section_checks import check_section
from .yamlfile import FlowMap, Loader, UnsafeYAMLError, dump_yaml, locate

FORMAT_VERSION = 1

KNOWN_KEYS = {"format", "model", "source", "target", "source_sentences", "target_sentences",
              "beads"}

# ---------------------------------------------------------------- writing

def _rel(path: str | None, base: Path) -> str | None:
    if path is None:
        return None
    try:
        return os.path.relpath(Path(path).resolve(), base.resolve())
    except ValueError:  # another drive on Windows
        return str(Path(path).resolve())


def _side_header(side: Side, base: Path) -> FlowMap:
    head = FlowMap(lang=side.lang)
    if side.path is not None:
        head["path"] = _rel(side.path, base)
    if side.sha256 is not None:
        head["sha256"] = side.sha256
    head["next_id"] = side.next_id
    return head


def _sentence_record(s: Sentence) -> FlowMap:
    rec = FlowMap(id=s.id, para=s.para, text=s.text)
    if s.original is not None:
        rec["original"] = s.original
    return rec


def _bead_record(b: Bead) -> FlowMap:
    rec = FlowMap(src=tuple(b.src), tgt=tuple(b.tgt))
    if b.confidence is not None:
        rec["confidence"] = round(float(b.confidence), 3)
    rec["status"] = b.status
    return rec


def _flowify(value: Any) -> Any:
    """Extra sections: a list of mappings is written one mapping per line."""
    if isinstance(value, list):
        return [FlowMap(v) if isinstance(v, dict) else v for v in value]
    return value


def dumps(doc: Document, base: Path | None = None) -> str:
    """The YAML text of a document; source paths are written relative to ``base``."""
    return dump_yaml(_document_data(doc, base or Path.cwd()))


def _document_data(doc: Document, base: Path) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "model": doc.model,
        "source": _side_header(doc.source, base),
        "target": _side_header(doc.target, base),
        "source_sentences": [_sentence_record(s) for s in doc.source.sentences],
        "target_sentences": [_sentence_record(s) for s in doc.target.sentences],
        "beads": [_bead_record(b) for b in doc.beads if b.src or b.tgt],
    }
    for key, value in doc.extra.items():
        data[key] = _flowify(value)
    return data


def save(doc: Document, path: str | Path) -> str:
    """Validate and atomically write the document to ``path``; returns the sha256 of the
    bytes written (what :func:`load_with_hash` gives for the file until someone changes it).
    Empty rows inserted while editing are left out of the file."""
    check_invariants(doc, allow_empty=True)
    p = Path(path)
    data = _document_data(doc, p.parent)
    text = dump_yaml(data)
    atomic_write(p, text)
    raw = text.encode("utf-8")
    parse_cache.put(raw, parse_cache.plain(data))
    return hashlib.sha256(raw).hexdigest()


# ---------------------------------------------------------------- reading

class _Reader:
    """Builds a Document from loaded YAML data, raising FormatError with the node's line."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path

    def fail(self, message: str, keys: tuple = (), hint: str | None = None) -> FormatError:
        line, col = locate(self.text, keys) if keys else (None, None)
        return FormatError(message, path=self.path, line=line, column=col, hint=hint)

    def mapping(self, value: Any, keys: tuple, what: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(f"{what} must be a mapping", keys,
                            hint="write it as {key: value, ...} like the other records")
        return value

    def int_list(self, value: Any, keys: tuple, what: str) -> tuple[int, ...]:
        if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool)
                                                  for v in value):
            raise self.fail(f"{what} must be a list of sentence ids", keys,
                            hint="write the ids in brackets, like [3, 4], or [] for none")
        return tuple(value)

    def side(self, data: dict, name: str, base: Path) -> Side:
        head = self.mapping(data.get(name), (name,), f"'{name}'")
        lang = head.get("lang")
        if not isinstance(lang, str) or not lang:
            raise self.fail(f"'{name}' needs a language code, like lang: ru", (name,))
        path = head.get("path")
        if path is not None:
            path = str((base / str(path)))
        records = data.get(f"{name}_sentences")
        key = f"{name}_sentences"
        if not isinstance(records, list):
            raise self.fail(f"'{key}' must be a list of sentences", (key,) if key in data else ())
        sentences = []
        for i, rec in enumerate(records):
            keys = (key, i)
            rec = self.mapping(rec, keys, f"sentence {i + 1} of '{key}'")
            sid, text = rec.get("id"), rec.get("text")
            if not isinstance(sid, int) or isinstance(sid, bool) or sid < 0:
                raise self.fail("a sentence needs a non-negative integer id", keys,
                                hint="ids are whole numbers: 0, 1, 2 ...")
            if not isinstance(text, str) or not text.strip():
                raise self.fail(f"sentence {sid} needs non-empty text", keys,
                                hint="quote the text if it looks like a number or a date")
            para = rec.get("para", 0)
            if not isinstance(para, int):
                raise self.fail(f"sentence {sid}: para must be an integer", keys)
            original = rec.get("original")
            if original is not None and not isinstance(original, str):
                raise self.fail(f"sentence {sid}: original must be text", keys)
            sentences.append(Sentence(sid, text, para, original))
        next_id = head.get("next_id", 0)
        if not isinstance(next_id, int):
            raise self.fail(f"'{name}.next_id' must be an integer", (name,))
        sha = head.get("sha256")
        return Side(lang=lang, sentences=sentences, path=path,
                    sha256=str(sha) if sha is not None else None, next_id=next_id)

    def beads(self, data: dict) -> list[Bead]:
        records = data.get("beads")
        if not isinstance(records, list):
            raise self.fail("'beads' must be a list of rows", ("beads",) if "beads" in data else ())
        beads = []
        for i, rec in enumerate(records):
            keys = ("beads", i)
            rec = self.mapping(rec, keys, f"row {i + 1}")
            src = self.int_list(rec.get("src", []), keys, f"row {i + 1}: src")
            tgt = self.int_list(rec.get("tgt", []), keys, f"row {i + 1}: tgt")
            conf = rec.get("confidence")
            if conf is not None and (not isinstance(conf, (int, float)) or isinstance(conf, bool)):
                raise self.fail(f"row {i + 1}: confidence must be a number in [0, 1]", keys)
            status = rec.get("status", "proposed")
            beads.append(Bead(src, tgt, None if conf is None else float(conf), status))
        return beads


def loads(text: str, path: str = "<string>", base: Path | None = None,
          data: Any = None) -> Document:
    """Parse and validate YAML text; every problem is a FormatError naming file and line.

    ``data`` is the already parsed text (from the parse cache), if there is one.
    """
    base = base or Path.cwd()
    if data is None:
        data = _parse(text, path)
    return _from_data(data, text, path, base)


def _parse(text: str, path: str) -> Any:
    try:
        return yaml.load(text, Loader=Loader)
    except UnsafeYAMLError as exc:
        mark = exc.problem_mark
        raise FormatError(exc.problem, path=path, line=mark.line + 1 if mark else None,
                          column=mark.column + 1 if mark else None,
                          hint=f"{exc.hint}, or restore the backup file ending in ~") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise FormatError(f"not valid YAML: {exc.problem}", path=path,
                          line=mark.line + 1 if mark else None,
                          column=mark.column + 1 if mark else None,
                          hint="fix the syntax at that spot, or restore the backup file ending in ~") from None
    except yaml.YAMLError as exc:
        raise FormatError(f"not valid YAML: {exc}", path=path) from None


def _from_data(data: Any, text: str, path: str, base: Path) -> Document:
    if not isinstance(data, dict):
        raise FormatError("is not a workbench alignment document (expected a YAML mapping)",
                          path=path, hint="open a file written by 'workbench align'")
    reader = _Reader(text, path)
    version = data.get("format")
    if "format" in data and (not isinstance(version, int) or isinstance(version, bool)):
        raise reader.fail(f"has a 'format' that is not a whole number ({version!r})", ("format",),
                          hint=f"this workbench writes 'format: {FORMAT_VERSION}'")
    if not isinstance(version, int):
        raise reader.fail("has no 'format' version key", (),
                          hint="is this a workbench document? add 'format: 1' at the top")
    if version > FORMAT_VERSION:
        raise reader.fail(f"was written by a newer workbench (format {version}; this one reads "
                          f"format {FORMAT_VERSION})", ("format",), hint="upgrade workbench")
    if version < 1:
        raise reader.fail(f"has an invalid format version {version}", ("format",))
    source = reader.side(data, "source", base)
    target = reader.side(data, "target", base)
    beads = reader.beads(data)
    model = data.get("model")
    extra = {k: v for k, v in data.items() if k not in KNOWN_KEYS}
    doc = Document(source, target, beads, model=str(model) if model is not None else None,
                   extra=extra)
    try:
        check_invariants(doc)
    except InvariantError as exc:
        if exc.bead is not None:
            keys: tuple = ("beads", exc.bead)
        elif exc.side is not None:
            keys = (f"{exc.side}_sentences",)
            if exc.sentence is not None:
                keys += (exc.sentence,)
        else:
            keys = ()
        raise reader.fail(str(exc), keys, hint=_invariant_hint(str(exc))) from None
    for section, value in extra.items():
        problems = check_section(section, value, doc)
        if problems:
            keys, message, hint = problems[0]
            raise reader.fail(message, (section, *keys), hint=hint)
    return doc


_INVARIANT_HINTS = (
    ("does not exist", "fix the id, or add the sentence to the side's sentences"),
    ("already used", "a sentence belongs to one row only: remove it from one of the rows"),
    ("out of order", "rows, and the ids inside a row, follow the text order"),
    ("in no row", "put it in a row (a row of its own is {src: [ID], tgt: []})"),
    ("used twice", "give each sentence its own id (next_id is the next free one)"),
    ("negative", "ids are 0, 1, 2 ..."),
    ("unknown status", "use proposed or confirmed"),
    ("outside [0, 1]", "a confidence is a number from 0 to 1; delete it if unsure"),
    ("empty on both sides", "delete the row"),
)


def _invariant_hint(message: str) -> str:
    for words, hint in _INVARIANT_HINTS:
        if words in message:
            return hint
    return "every sentence must be in exactly one row, rows in text order"


def load(path: str | Path, *, remember: bool = True) -> Document:
    """Read a document from a YAML file (source paths resolve relative to the file).

    ``remember=False``: use the parse cache but add nothing to it (a scan of many documents,
    the project screen's, must not push the big ones the user opens out of it)."""
    p = Path(path)
    return loads_bytes(read_bytes(p, FormatError, "document"), str(p), p.parent,
                       remember=remember)


def load_with_hash(path: str | Path) -> tuple[Document, str]:
    """The document and the sha256 of the bytes it was read from (to notice, before saving,
    that someone else changed the file meanwhile)."""
    p = Path(path)
    raw = read_bytes(p, FormatError, "document")
    return loads_bytes(raw, str(p), p.parent), hashlib.sha256(raw).hexdigest()


def loads_bytes(raw: bytes, path: str = "<bytes>", base: Path | None = None, *,
                remember: bool = True) -> Document:
    """:func:`loads` on the bytes of a file (UTF-8, BOM optional; parses are cached)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError("is UTF-16 text; workbench documents are UTF-8", path=path,
                          hint="save it as UTF-8, or restore the backup file ending in ~")
    text = decode_utf8(raw, path, FormatError,
                       hint="save it as UTF-8, or restore the backup file ending in ~")
    data = parse_cache.get(raw)
    if data is None:
        data = _parse(text, path)
        if remember:
            parse_cache.put(raw, data)
    return loads(text, path=path, base=base, data=data)
