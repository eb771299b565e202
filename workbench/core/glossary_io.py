"""Glossary import/export: OmegaT TSV, CSV with a header row, TBX.

- **TSV** (OmegaT's glossary format): UTF-8, one term per line, ``source<TAB>target<TAB>comment``,
  no header. The comment is the note; forbidden variants, which OmegaT has no column for,
  are appended to it as ``forbidden: A; B`` (after `` | `` when there is a note) and read
  back from there. Lines starting with ``#`` and blank lines are skipped on import.
- **CSV** (memoQ, Trados and spreadsheets): UTF-8 with a header row
  ``<source lang>,<target lang>,note,forbidden`` (e.g. ``ru,en,note,forbidden``); forbidden
  variants are joined with ``; ``. On import the first two columns are the terms; columns
  named note/comment/description/definition and forbidden are recognized by name; the
  delimiter is the header's most frequent of comma, semicolon and tab.
- **TBX**: TBX v2 (``<martif type="TBX">``, ISO 30042:2008, the TBX-Basic layout memoQ and
  Trados read): one ``termEntry`` per term with the note as ``<note>``, a ``langSet`` per
  language, each term in a ``tig``; the target term is marked
  ``administrativeStatus = preferredTerm-admn-sts`` and forbidden variants
  ``deprecatedTerm-admn-sts``. Import also reads TBX v3 (``conceptEntry``/``langSec``/
  ``termSec``) and ``ntig``/``termGrp`` entries.

Every reader returns ``(terms, source_lang, target_lang)``; a malformed file is a
:class:`FormatError` naming the file and line, and then nothing is imported. Import is strict,
because a lenient reader loses terms silently: in CSV an unclosed quote swallows the lines after
it into one cell (quoted cells may not run over the end of a line: no term has a newline), a
row with more cells than the header has a stray separator, and a control character (a NUL
byte) or a line longer than :data:`MAX_LINE` characters is a broken export, not a glossary.
TBX may not declare entities (the "billion laughs" of XML).
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable

from .errors import FormatError, decode_utf8, read_bytes
from .glossary import Term
from .langtags import read_lang, same_language

FORMATS = ("tsv", "csv", "tbx")
#: the longest line (and cell) read: a term, its translation and a note fit many times over
MAX_LINE = 4_000
#: control characters no glossary has (tab, newline and carriage return are the format's own)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FORBIDDEN_MARK = "forbidden:"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOTE_NAMES = {"note", "notes", "comment", "comments", "description", "definition"}


def guess_format(path: str | Path) -> str:
    """The format named by a file's extension (.tsv/.txt/.tab -> tsv, .csv, .tbx/.xml)."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext in ("tsv", "txt", "tab", "utf8"):
        return "tsv"
    if ext == "csv":
        return "csv"
    if ext in ("tbx", "xml"):
        return "tbx"
    raise FormatError(f"cannot tell the glossary format from the extension '.{ext}'",
                      path=str(path), hint="give --format tsv, csv or tbx")


# ---------------------------------------------------------------- TSV (OmegaT)

def _comment(term: Term) -> str:
    parts = []
    if term.note:
        parts.append(term.note)
    if term.forbidden:
        parts.append(f"{_FORBIDDEN_MARK} " + "; ".join(term.forbidden))
    return " | ".join(parts)


def _parse_comment(comment: str) -> tuple[str | None, tuple[str, ...]]:
    comment = comment.strip()
    note, forbidden = comment, ()
    if comment.startswith(_FORBIDDEN_MARK):
        note, rest = "", comment[len(_FORBIDDEN_MARK):]
        forbidden = tuple(f.strip() for f in rest.split(";") if f.strip())
    elif f" | {_FORBIDDEN_MARK}" in comment:
        note, rest = comment.rsplit(f" | {_FORBIDDEN_MARK}", 1)
        forbidden = tuple(f.strip() for f in rest.split(";") if f.strip())
    return (note.strip() or None), forbidden


def _clean(text: str) -> str:
    return " ".join(text.split())  # no tabs or newlines inside a TSV/CSV cell


def write_tsv(terms: Iterable[Term]) -> str:
    lines = []
    for t in terms:
        cells = [_clean(t.source), _clean(t.target)]
        comment = _clean(_comment(t))
        if comment:
            cells.append(comment)
        lines.append("\t".join(cells))
    return "\n".join(lines) + ("\n" if lines else "")


def _check_lines(text: str, path: str) -> None:
    """A control character or an over-long line, with its line number (see the docstring)."""
    bad = _CONTROLS.search(text)
    if bad is not None:
        name = "a NUL byte" if bad[0] == "\x00" else f"a control character (U+{ord(bad[0]):04X})"
        raise FormatError(f"has {name}: not a glossary line", path=path,
                          line=text.count("\n", 0, bad.start()) + 1,
                          hint="export the glossary again, or remove the character")
    for n, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE:
            raise FormatError(f"a line of {len(line):,} characters is not a glossary term "
                              f"(at most {MAX_LINE:,})", path=path, line=n,
                              hint="an unclosed quote or a missing line break? fix the line")


def read_tsv(text: str, path: str = "<tsv>", source_lang: str = "ru",
             target_lang: str = "en") -> tuple[list[Term], str, str]:
    _check_lines(text, path)
    terms = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise FormatError("a glossary line needs a source and a target term separated "
                              "by a tab", path=path, line=n)
        if len(cells) > 3:
            raise FormatError(f"has {len(cells)} tab-separated cells; a glossary line has 3 "
                              "at most: source, target, comment", path=path, line=n,
                              hint="a tab inside a term? Remove the extra tabs")
        note, forbidden = _parse_comment(cells[2] if len(cells) > 2 else "")
        terms.append(Term(cells[0].strip(), cells[1].strip(), note, forbidden))
    return terms, source_lang, target_lang


# ---------------------------------------------------------------- CSV

def write_csv(terms: Iterable[Term], source_lang: str = "ru", target_lang: str = "en") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([source_lang, target_lang, "note", "forbidden"])
    for t in terms:
        w.writerow([t.source, t.target, t.note or "", "; ".join(t.forbidden)])
    return buf.getvalue()


_QUOTES = 'close the quote on that line; a quote inside a quoted cell is written twice: ""'


def _csv_rows(text: str, path: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(line, cells) of each record; a record running over several lines (an unclosed quote
    swallows the lines after it) or broken quoting is a FormatError at the line it starts."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:
            problem = ("a quoted cell is never closed" if "end of data" in str(exc)
                       else f"not valid CSV: {exc}")
            raise FormatError(problem, path=path, line=start, hint=_QUOTES) from None
        if reader.line_num > start:
            raise FormatError("a quoted cell runs over the end of the line (an unclosed quote?)",
                              path=path, line=start, hint=_QUOTES)
        rows.append((start, row))


def read_csv(text: str, path: str = "<csv>", source_lang: str = "ru",
             target_lang: str = "en") -> tuple[list[Term], str, str]:
    """Terms of a CSV file whose header names the two languages (codes, or names as memoQ
    writes them: "Russian", "English (United States)"); a header that names none ("Source",
    "Target") takes the given languages."""
    _check_lines(text, path)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # the header decides: comma, semicolon or tab
    numbered = _csv_rows(text, path, delimiter)
    rows = [row for _, row in numbered]
    if not rows or len(rows[0]) < 2:
        raise FormatError("a glossary CSV needs a header row naming at least the two "
                          "languages, like: ru,en,note", path=path, line=1)
    header = [h.strip() for h in rows[0]]
    low = [h.lower() for h in header]
    note_col = next((i for i, h in enumerate(low) if i > 1 and h in _NOTE_NAMES), None)
    forb_col = next((i for i, h in enumerate(low) if i > 1 and h.startswith("forbidden")), None)
    terms = []
    for n, row in numbered[1:]:
        if not any(c.strip() for c in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise FormatError("a glossary row needs a source and a target term", path=path,
                              line=n)
        if len(row) > len(header):
            raise FormatError(f"has {len(row)} cells, the header {len(header)}", path=path,
                              line=n, hint=f"a {delimiter!r} inside a term? Put the term in "
                                           "quotes, or remove the extra cells")

        def cell(i: int | None) -> str:
            return row[i].strip() if i is not None and i < len(row) else ""

        forbidden = tuple(f.strip() for f in cell(forb_col).split(";") if f.strip())
        terms.append(Term(row[0].strip(), row[1].strip(), cell(note_col) or None, forbidden))
    return terms, read_lang(header[0]) or source_lang, read_lang(header[1]) or target_lang


# ---------------------------------------------------------------- TBX

def write_tbx(terms: Iterable[Term], source_lang: str = "ru", target_lang: str = "en") -> str:
    root = ET.Element("martif", {"type": "TBX", _XML_LANG: source_lang})
    header = ET.SubElement(root, "martifHeader")
    desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(desc, "p").text = "exported by workbench"
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p",
                  {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for k, t in enumerate(terms, 1):
        entry = ET.SubElement(body, "termEntry", {"id": f"t{k}"})
        if t.note:
            ET.SubElement(entry, "note").text = t.note
        src = ET.SubElement(entry, "langSet", {_XML_LANG: source_lang})
        ET.SubElement(ET.SubElement(src, "tig"), "term").text = t.source
        tgt = ET.SubElement(entry, "langSet", {_XML_LANG: target_lang})
        for text, status in [(t.target, "preferredTerm-admn-sts"),
                             *[(f, "deprecatedTerm-admn-sts") for f in t.forbidden]]:
            tig = ET.SubElement(tgt, "tig")
            ET.SubElement(tig, "term").text = text
            ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
            + ET.tostring(root, encoding="unicode") + "\n")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def read_tbx(text: str, path: str = "<tbx>", source_lang: str | None = None,
             target_lang: str | None = None) -> tuple[list[Term], str, str]:
    """Terms of a TBX file (v2 martif or v3): the given languages' terms where the file has
    both (in whichever order its entries list them, "ru-RU" for "ru"), else the first two
    languages it has."""
    entity = re.search(r"<!ENTITY", text)
    if entity is not None:
        raise FormatError("declares XML entities, which a TBX glossary never needs (and which "
                          "can expand to gigabytes)", path=path,
                          line=text.count("\n", 0, entity.start()) + 1,
                          hint="remove the DOCTYPE's [...] part, or export the glossary again")
    try:  # the file was read as UTF-8: an encoding its declaration names is not used
        root = ET.fromstring(text.encode("utf-8"), parser=ET.XMLParser(encoding="utf-8"))
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise FormatError(f"not valid TBX/XML: {exc}", path=path, line=line) from None
    entries = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    langs: list[str] = []
    parsed = []
    for entry in entries:
        notes = [_text(e) for e in entry if _local(e.tag) in ("note", "descrip", "descripGrp")]
        by_lang: dict[str, list[tuple[str, str]]] = {}
        for ls in entry:
            if _local(ls.tag) not in ("langSet", "langSec"):
                continue
            lang = ls.get(_XML_LANG) or ls.get("lang") or ""
            if lang and lang not in langs:
                langs.append(lang)
            for holder in ls:
                if _local(holder.tag) not in ("tig", "ntig", "termSec"):
                    continue
                term = next((e for e in holder.iter() if _local(e.tag) == "term"), None)
                if term is None or not _text(term):
                    continue
                status = ""
                for e in holder.iter():
                    if _local(e.tag) == "termNote" and e.get("type") in (
                            "administrativeStatus", "normativeAuthorization"):
                        status = _text(e)
                by_lang.setdefault(lang, []).append((_text(term), status))
        parsed.append((entry, notes, by_lang))
    if len(langs) < 2:
        raise FormatError("a TBX glossary needs terms in two languages (xml:lang on langSet)",
                          path=path)
    src_lang, tgt_lang = langs[0], langs[1]
    if source_lang and target_lang:
        wanted = [next((x for x in langs if same_language(x, want)), None)
                  for want in (source_lang, target_lang)]
        if all(wanted) and wanted[0] != wanted[1]:
            src_lang, tgt_lang = wanted
    terms = []
    for entry, notes, by_lang in parsed:
        src = by_lang.get(src_lang) or []
        tgt = by_lang.get(tgt_lang) or []
        if not src or not tgt:
            continue  # a monolingual entry: nothing to pair
        bad = ("deprecated", "forbidden", "superseded", "admitted-not")
        allowed = [t for t, s in tgt if not any(b in s.lower() for b in bad)] or [tgt[0][0]]
        forbidden = tuple(t for t, s in tgt if any(b in s.lower() for b in bad))
        term = Term(src[0][0], allowed[0], "; ".join(n for n in notes if n) or None, forbidden)
        longest = max(len(c) for c in (term.source, term.target, term.note or "", *term.forbidden))
        if longest > MAX_LINE:  # XML itself refuses control characters
            raise FormatError(f"term entry {len(terms) + 1} ({term.source[:40]!r}) has a text of "
                              f"{longest:,} characters, not a term (at most {MAX_LINE:,})",
                              path=path, hint="fix the entry, or export the glossary again")
        terms.append(term)
    return terms, read_lang(src_lang) or src_lang, read_lang(tgt_lang) or tgt_lang


# ---------------------------------------------------------------- files

def export_terms(terms: Iterable[Term], fmt: str, source_lang: str = "ru",
                 target_lang: str = "en") -> str:
    """The text of a glossary file in ``fmt`` (tsv, csv or tbx)."""
    if fmt == "tsv":
        return write_tsv(terms)
    if fmt == "csv":
        return write_csv(terms, source_lang, target_lang)
    if fmt == "tbx":
        return write_tbx(terms, source_lang, target_lang)
    raise FormatError(f"unknown glossary format '{fmt}'", hint="use tsv, csv or tbx")


def import_terms(path: str | Path, fmt: str | None = None, source_lang: str = "ru",
                 target_lang: str = "en") -> tuple[list[Term], str, str]:
    """Read a glossary file; TSV has no language header, so it takes the given languages."""
    p = Path(path)
    fmt = fmt or guess_format(p)
    text = decode_utf8(read_bytes(p, FormatError, "glossary file"), p, FormatError)
    if fmt == "tsv":
        return read_tsv(text, str(p), source_lang, target_lang)
    if fmt == "csv":
        return read_csv(text, str(p), source_lang, target_lang)
    if fmt == "tbx":
        return read_tbx(text, str(p), source_lang, target_lang)
    raise FormatError(f"unknown glossary format '{fmt}'", hint="use tsv, csv or tbx")
