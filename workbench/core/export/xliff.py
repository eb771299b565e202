"""XLIFF 2.0: one ``unit`` per pair, the row's status and confidence as metadata, open and
resolved flags as notes.

    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
      <file id="f1" original="bakai">
        <unit id="r12">
          <mda:metadata><mda:metaGroup category="workbench">
            <mda:meta type="row">12</mda:meta><mda:meta type="status">confirmed</mda:meta>
            <mda:meta type="confidence">0.930</mda:meta></mda:metaGroup></mda:metadata>
          <notes><note category="flag">[open] Fluency/Spelling (minor): ...</note></notes>
          <segment id="s12" state="final"><source>...</source><target>...</target></segment>
        </unit>

The child order follows the XLIFF 2.0 schema (other namespaces, notes, segments). A
confirmed row's segment is ``final``, a proposed one ``translated``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..document import Document
from . import Pair, clean, flag_summary, write_xml

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def build(doc: Document, pairs: list[Pair], name: str = "") -> ET.Element:
    ET.register_namespace("", XLIFF)
    ET.register_namespace("mda", MDA)
    root = ET.Element(_q(XLIFF, "xliff"), version="2.0", srcLang=doc.source.lang,
                      trgLang=doc.target.lang)
    file_ = ET.SubElement(root, _q(XLIFF, "file"), id="f1", original=clean(name or "document")[0])
    for p in pairs:
        unit = ET.SubElement(file_, _q(XLIFF, "unit"), id=f"r{p.row}")
        meta = ET.SubElement(ET.SubElement(unit, _q(MDA, "metadata")), _q(MDA, "metaGroup"),
                             category="workbench")
        items = [("row", str(p.row)), ("status", p.status)]
        if p.confidence is not None:
            items.append(("confidence", f"{p.confidence:.3f}"))
        for kind, value in items:
            ET.SubElement(meta, _q(MDA, "meta"), type=kind).text = value
        shown = [f for f in p.flags if f.status != "dismissed"]
        if shown:
            notes = ET.SubElement(unit, _q(XLIFF, "notes"))
            for f in shown:
                ET.SubElement(notes, _q(XLIFF, "note"), category="flag").text = flag_summary(f)
        seg = ET.SubElement(unit, _q(XLIFF, "segment"), id=f"s{p.row}",
                            state="final" if p.status == "confirmed" else "translated")
        ET.SubElement(seg, _q(XLIFF, "source")).text = p.source
        ET.SubElement(seg, _q(XLIFF, "target")).text = p.target
    ET.indent(root, space="  ")
    return root


def write(doc: Document, pairs: list[Pair], path: Path, name: str = "") -> list[Path]:
    return write_xml(build(doc, pairs, name), path)
