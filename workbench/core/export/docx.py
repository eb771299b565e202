"""DOCX (python-docx): a bilingual table for a reviewer who works in Word: two columns, the
source and its translation, one pair per row, a header row (the two languages) repeated on
every page, landscape pages. A row whose source is a heading is bold. Corrections made in Word
are not read back (give the reviewer flags instead: ``workbench report``).
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..textio import lang_name
from . import Pair, row_kinds, write_binary


def write(doc: Document, pairs: list[Pair], path: Path, name: str = "") -> list[Path]:
    import io

    from docx import Document as Word
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    word = Word()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    if name:
        word.core_properties.title = name
    table = word.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    head = table.rows[0]
    for cell, lang in zip(head.cells, (doc.source.lang, doc.target.lang)):
        cell.text = ""
        cell.paragraphs[0].add_run(lang_name(lang)).bold = True
    trpr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    kinds = row_kinds(doc, pairs)
    for p in pairs:
        cells = table.add_row().cells
        for cell, text in zip(cells, (p.source, p.target)):
            run = cell.paragraphs[0].add_run(text)
            if kinds.get(p.row) == "heading":
                run.bold = True
    buf = io.BytesIO()
    word.save(buf)
    write_binary(path, buf.getvalue())
    return [path]
