"""HTML and XHTML: the text of a page's content, block by block, parsed by lxml.

Left out: <head>, <script>, <style>, <noscript>, <template>, <svg>, <iframe>, forms, hidden
elements, ruby readings (<rt>, <rp>: a Japanese book's furigana), and the page's boilerplate:
<nav>, <aside>, a <header>/<footer> outside the article,
ARIA navigation/banner/contentinfo/search regions, and blocks whose class or id says menu,
breadcrumb, sidebar, cookie, share ... When the page has one <main> or one <article> (or a
role="main"), only that is read. Comments and processing instructions are never text.

Kinds: <h1>-<h6> headings (with their level), <li>/<dt>/<dd> list items, <td>/<th> table
cells, <figcaption>/<caption> captions, footnotes (role="doc-footnote", doc-endnote,
epub:type="footnote", class "footnote"), everything else a paragraph. <br> ends a paragraph.
White space is collapsed as a browser does (a no-break space stays); a <pre> block gives a
paragraph per line, or per paragraph of a hard-wrapped text (a book saved from lib.ru).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import Paragraph, SourceFile, no_text
from ..textio import laid_out
from .limits import MAX_MARKUP, check_size
from .text import decoded

SKIP = {"head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
        "embed", "canvas", "form", "button", "select", "textarea", "input", "nav", "aside",
        "audio", "video", "map", "title", "meta", "link", "base",
        "rt", "rp"}  # a ruby's reading (漢字<rt>かんじ</rt>) is not the text
BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "pre", "address", "center",
          "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "dl", "ul", "ol", "td", "th",
          "tr", "table", "thead", "tbody", "tfoot", "caption", "figure", "figcaption",
          "header", "footer", "body", "html", "hr", "details", "summary", "fieldset", "legend"}
_BOILER_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "menu",
                 "menubar", "toolbar", "dialog", "alert"}
_BOILER_NAMES = re.compile(r"(?:^|[\s_-])(nav|navbar|navheader|navfooter|navigation|menu|"
                           r"breadcrumbs?|sidebar|"
                           r"cookies?|share|sharing|social|advert|ads|banner|skip-link|"
                           r"related|subscribe|newsletter|masthead)(?:$|[\s_-])", re.I)
#: a generated table of contents (DocBook's div.toc and lists of tables and figures, Sphinx's
#: toctree, Word's MsoToc1 paragraphs; by id, LibreOffice's "Table of Contents1"): the headings
#: again, left out unless the page has nothing else (a book's index page)
_TOC_CLASS = re.compile(r"(?:^|\s)(toc|toctree-wrapper|msotoc\d|list-of-(?:tables|figures|"
                        r"examples|procedures|equations))(?:$|\s)", re.I)
_TOC_ID = re.compile(r"toc|table[ _-]?of[ _-]?contents\d*", re.I)
_FOOTNOTE = re.compile(r"(?:^|[\s_-])(foot|end)notes?(?:$|[\s_-])", re.I)
_SPACE = re.compile(r"[ \t\n\r\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def _tag(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return tag.rsplit("}", 1)[-1].lower()


def _attr(el, name: str) -> str:
    for key, value in el.attrib.items():
        if key == name or key.endswith("}" + name) or key.endswith(":" + name):
            return value
    return ""


def _hidden(el) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _in_content(el) -> bool:
    return any(_tag(a) in ("article", "main") for a in el.iterancestors())


def _boilerplate(el, toc: bool = False) -> bool:
    """Whether ``el`` is no part of the text: left out, with all it holds (``toc``: a table
    of contents is kept)."""
    tag = _tag(el)
    if tag in SKIP or _hidden(el):
        return True
    role = (el.get("role") or "").lower()
    if role in _BOILER_ROLES:
        return True
    if tag in ("header", "footer") and not _in_content(el):
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not names.strip() or tag in ("body", "html", "main", "article"):
        return False
    if not toc and (_TOC_CLASS.search(el.get("class") or "") or
                    _TOC_ID.fullmatch(el.get("id") or "")):
        return True
    return bool(_BOILER_NAMES.search(names)) and not _FOOTNOTE.search(names)


def _kind(el) -> tuple[str | None, int | None]:
    tag = _tag(el)
    if re.fullmatch(r"h[1-6]", tag):
        return "heading", int(tag[1])
    role = (el.get("role") or "").lower()
    if role in ("doc-footnote", "doc-endnote") or _attr(el, "type") in ("footnote", "endnote",
                                                                         "rearnote") \
            or _FOOTNOTE.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
        return "footnote", None
    if role == "heading" and el.get("aria-level", "").isdigit():
        return "heading", int(el.get("aria-level"))
    if tag in ("li", "dt", "dd"):
        return "list-item", None
    if tag in ("td", "th"):
        return "table-cell", None
    if tag in ("figcaption", "caption"):
        return "caption", None
    return None, None


class _Collector:
    """Walks a tree, gathering inline text into the block it belongs to."""

    def __init__(self, where: str | None = None, toc: bool = False):
        self.toc = toc
        self.out: list[Paragraph] = []
        self.buf: list[str] = []
        self.stack: list[tuple[str, int | None]] = [("paragraph", None)]
        self.where = where
        self.pre = 0  # how many <pre> elements the walk is inside

    def flush(self) -> None:
        raw = "".join(self.buf)
        self.buf.clear()
        # preformatted text keeps its lines: a paragraph per line, or per run of a
        # hard-wrapped text's lines (a book saved from lib.ru is one <pre>)
        texts = [t for _, t in laid_out(raw.split("\n"))[1]] if self.pre else [raw]
        kind, level = self.stack[-1]
        for text in texts:
            text = _SPACE.sub(" ", text).strip()
            if text:
                self.out.append(Paragraph(text, kind, level, where=self.where))

    def visit(self, el) -> None:
        tag = _tag(el)
        if not tag or _boilerplate(el, self.toc):
            return
        if tag == "br":
            self.flush()
            return
        block = tag in BLOCKS
        if block:
            self.flush()
            kind, level = _kind(el)
            inherited = self.stack[-1]
            if kind == "footnote" or kind is None and inherited[0] == "footnote":
                self.stack.append(("footnote", None))
            else:
                self.stack.append((kind, level) if kind else inherited)
        self.pre += tag == "pre"
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.visit(child)
            if child.tail:
                self.buf.append(child.tail)
        if block:
            self.flush()
            self.stack.pop()
        self.pre -= tag == "pre"


def content_root(root):
    """The part of a page that is its content: the one <main>/<article>, else the body."""
    for query in ("main", "article"):
        found = [e for e in root.iter() if _tag(e) == query and not _hidden(e)]
        if len(found) == 1:
            return found[0]
    found = [e for e in root.iter() if (e.get("role") or "").lower() == "main"]
    if len(found) == 1:
        return found[0]
    body = [e for e in root.iter() if _tag(e) == "body"]
    return body[0] if body else root


def blocks(root, where: str | None = None, whole: bool = False,
           toc: bool = False) -> list[Paragraph]:
    """The paragraphs of a parsed page (``whole``: the whole body, not just its content;
    ``toc``: with its table of contents)."""
    c = _Collector(where, toc)
    start = root if whole else content_root(root)
    if _tag(start) == "html":
        start = next((e for e in start if _tag(e) == "body"), start)
    c.visit(start)
    c.flush()
    return c.out


def parse_html(text: str):
    import lxml.html

    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except Exception:  # noqa: BLE001 - lxml's parser errors on pathological input
        return None


def charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "html") -> SourceFile:
    check_size(path, MAX_MARKUP, "an HTML page")
    if encoding is None:
        with open(path, "rb") as fh:
            declared = charset(fh.read(4096))
        if declared and declared not in ("utf-8", "utf-16", "utf_16"):
            encoding = declared
    tf = decoded(path, lang, encoding)
    root = parse_html(tf.text)
    paras = blocks(root) if root is not None else []
    if not paras and root is not None:  # a contents page: its contents are its text
        paras = blocks(root, toc=True)
    if not paras and root is not None:
        paras = blocks(root, whole=True, toc=True)
    if not paras:
        raise no_text(path, "html", "give the saved page with the article (File > Save Page "
                                    "As, HTML only)")
    return SourceFile(str(path), "html", tuple(paras), tf.sha256, tf.encoding, tf.warnings)
