"""Markdown (CommonMark and tables, by markdown-it-py): headings with their level, list items,
table cells, block quotes and paragraphs as text, markup removed (emphasis, links keep their
text, images their nothing); code blocks, front matter and raw HTML tags are not prose and are
left out (the text inside an HTML block is kept).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import Paragraph, SourceFile, no_text
from .limits import MAX_MARKUP, check_size
from .text import decoded

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*\n", re.S)


def _inline(token) -> str:
    out = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "html_inline":
            continue
    return re.sub(r"[ \t\n]+", " ", "".join(out)).strip()


def parse(text: str) -> list[Paragraph]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    text = _FRONT_MATTER.sub("", text, count=1)
    out: list[Paragraph] = []
    stack: list[tuple[str, int | None]] = []
    for tok in md.parse(text):
        if tok.type == "heading_open":
            stack.append(("heading", int(tok.tag[1])))
        elif tok.type == "list_item_open":
            stack.append(("list-item", None))
        elif tok.type in ("td_open", "th_open"):
            stack.append(("table-cell", None))
        elif tok.type in ("heading_close", "list_item_close", "td_close", "th_close"):
            if stack:
                stack.pop()
        elif tok.type == "inline":
            body = _inline(tok)
            if body:
                kind, level = stack[-1] if stack else ("paragraph", None)
                out.append(Paragraph(body, kind, level))
        elif tok.type == "html_block":
            from .html import blocks, parse_html

            root = parse_html(tok.content)
            if root is not None:
                out.extend(blocks(root, whole=True))
    return out


def read(path: Path, lang: str | None = None, encoding: str | None = None,
         fmt: str = "markdown") -> SourceFile:
    check_size(path, MAX_MARKUP, "a Markdown file")
    tf = decoded(path, lang, encoding)
    paras = parse(tf.text)
    if not paras:
        raise no_text(path, "markdown")
    return SourceFile(str(path), "markdown", tuple(paras), tf.sha256, tf.encoding, tf.warnings)
