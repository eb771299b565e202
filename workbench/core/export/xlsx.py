"""XLSX (openpyxl): one sheet, a header row, then one pair per row, the layout LF Aligner
writes and memoQ's and Trados' Excel filters import (source in column A, target in B):

    ru | en | status | confidence | flags

``confidence`` is a number (three decimals shown), ``flags`` the open and resolved flags in
words; a row whose source is a heading is bold. The header row is frozen and filtered, the text
columns wrap.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from . import Pair, flag_summary, row_kinds, write_binary


def write(doc: Document, pairs: list[Pair], path: Path, name: str = "") -> list[Path]:
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = (name or "alignment")[:31].translate(str.maketrans("[]:*?/\\", "_______")) \
        or "alignment"
    ws.append([doc.source.lang, doc.target.lang, "status", "confidence", "flags"])
    kinds = row_kinds(doc, pairs)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for p in pairs:
        flags = "; ".join(flag_summary(f) for f in p.flags if f.status != "dismissed")
        ws.append([p.source, p.target, p.status,
                   round(p.confidence, 3) if p.confidence is not None else None, flags or None])
        r = ws.max_row
        for c in range(1, 6):
            ws.cell(r, c).alignment = wrap
        ws.cell(r, 4).number_format = "0.000"
        if kinds.get(p.row) == "heading":
            ws.cell(r, 1).font = ws.cell(r, 2).font = bold
    for c in range(1, 6):
        ws.cell(1, c).font = bold
    for col, width in zip("ABCDE", (60, 60, 11, 11, 40)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:E{ws.max_row}"
    buf = io.BytesIO()
    wb.save(buf)
    write_binary(path, buf.getvalue())
    return [path]
