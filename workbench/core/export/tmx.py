"""TMX 1.4b: one ``tu`` per pair, for translation-memory tools (OmegaT, memoQ, Trados).

    <tmx version="1.4">
      <header creationtool="workbench" segtype="sentence" srclang="ru" datatype="plaintext" .../>
      <body>
        <tu tuid="12">
          <prop type="x-workbench-row">12</prop>
          <prop type="x-workbench-status">confirmed</prop>
          <prop type="x-workbench-confidence">0.93</prop>
          <prop type="x-workbench-flag">Fluency/Spelling:minor:open</prop>
          <note>[open] Fluency/Spelling (minor): ...</note>
          <tuv xml:lang="ru"><seg>...</seg></tuv>
          <tuv xml:lang="en"><seg>...</seg></tuv>
        </tu>

Written with the standard library's ElementTree (which escapes &, <, > and quotes in
attributes); text was cleaned of characters XML cannot carry before (see the package doc).
User-defined ``prop`` types start with ``x-`` as TMX 1.4b asks.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

from ..document import Document
from . import Pair, clean, flag_summary, write_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("workbench")
    except Exception:  # not installed (running from a checkout)
        return "0"


def build(doc: Document, pairs: list[Pair], name: str = "") -> ET.Element:
    now = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "workbench", "creationtoolversion": _version(), "segtype": "sentence",
        "o-tmf": "workbench-yaml", "adminlang": "en", "srclang": doc.source.lang,
        "datatype": "plaintext", "creationdate": now,
    })
    body = ET.SubElement(root, "body")
    for p in pairs:
        tu = ET.SubElement(body, "tu", tuid=str(p.row))
        props = [("x-workbench-row", str(p.row)), ("x-workbench-status", p.status)]
        if p.confidence is not None:
            props.append(("x-workbench-confidence", f"{p.confidence:.3f}"))
        if name:
            props.append(("x-workbench-document", clean(name)[0]))
        props += [("x-workbench-flag", f"{f.category}:{f.severity}:{f.status}") for f in p.flags]
        for kind, value in props:
            ET.SubElement(tu, "prop", type=kind).text = value
        for f in p.flags:
            ET.SubElement(tu, "note").text = flag_summary(f)
        for lang, text in ((doc.source.lang, p.source), (doc.target.lang, p.target)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root, space="  ")
    return root


def write(doc: Document, pairs: list[Pair], path: Path, name: str = "") -> list[Path]:
    return write_xml(build(doc, pairs, name), path)
