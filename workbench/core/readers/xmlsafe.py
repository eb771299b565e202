"""XML parsing for files a user gives (XLIFF, TMX, SRX, the parts of DOCX, ODT and EPUB).

lxml with no DTD loading, no entity resolution and no network, and libxml2's limits on depth
and text size left on (``huge_tree`` off). A file that declares entities in a DTD (the
"external entity" and "billion laughs" attacks, or just an old tool's habit) is refused with a
hint instead of being read with the entities silently left out.
"""

from __future__ import annotations

from typing import Any, Callable

from lxml import etree

from ..errors import InputError


def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def parse_xml(data: bytes, path: str, what: str = "an XML file"):
    """The root element of ``data``; a syntax error or a DTD with entities is an InputError."""
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        msg = str(exc.msg if hasattr(exc, "msg") else exc).split(" (line")[0]
        raise InputError(f"is {what} that is not well-formed XML ({msg})", path=path,
                         line=line or None,
                         hint="the file is damaged or not what its name says; export it again"
                         ) from None
    if root is None:
        raise InputError(f"is {what} with no content", path=path)
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(f"is {what} whose DTD declares entities (external entities are never "
                         "read)", path=path,
                         hint="remove the <!DOCTYPE ...> block and the &name; references, or "
                              "export the file again without a DTD")
    return root


def local(tag) -> str:
    """The local name of an element's tag ("" for comments and the like)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def inline_text(el, special: Callable[[Any, str], str | None] = lambda child, name: None) -> str:
    """The text of ``el`` and of what it holds, the children's tails included, as it stands
    (the caller collapses white space as its format wants): ``special(child, its local name)``
    gives what a child stands for instead ("" to leave it out), or None to read its text."""
    out: list[str] = []

    def walk(node) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            instead = special(child, local(child.tag))
            if instead is None:
                walk(child)
            else:
                out.append(instead)
            if child.tail:
                out.append(child.tail)

    if el is not None:
        walk(el)
    return "".join(out)
