"""The status line under the rows, and the header's title and unsaved marker.

It tells where the cursor is (row, side, sentence), what the row has (typos, term problems:
the terms area's hint), how far the work is (confirmed rows, unconfirmed red and yellow ones) and whether
it is saved. It is drawn again after every change, cursor move or save.
"""

from __future__ import annotations

from typing import Callable

from textual.widgets import Static

from ..core.confidence import confidence_band
from .context import Context


class StatusLine:
    """Draws the status line from the session, the cursor and the areas' hints."""

    def __init__(self, ctx: Context, *, row_hint: Callable[[], str],
                 search_text: Callable[[], str]) -> None:
        """``row_hint()``: what the terms area says about the cursor's row;
        ``search_text()``: the text searched for, if any."""
        self.ctx = ctx
        self.row_hint = row_hint
        self.search_text = search_text
        self._counted: tuple | None = None
        self._counts = (0, 0, 0)

    def counts(self) -> tuple[int, int, int]:
        """(confirmed, red, yellow) rows: red and yellow are the unconfirmed rows of the low
        and middle confidence bands; recounted only after a change."""
        session = self.ctx.session
        doc = session.doc
        key = (id(doc), session.history.version, len(doc.beads))
        if self._counted != key:
            bands = [confidence_band(b.confidence) for b in doc.beads if not b.confirmed]
            self._counted = key
            self._counts = (doc.confirmed_count, bands.count("low"), bands.count("mid"))
        return self._counts

    def show(self) -> None:
        ctx = self.ctx
        session, view, doc = ctx.session, ctx.view, ctx.doc
        ctx.set_title(session.path.name, "● unsaved changes" if session.dirty else "saved")
        n = len(doc.beads)
        if n == 0:
            text = "no rows yet"
        else:
            lang = ctx.lang(view.side)
            ids = view.sentence_ids()
            sentence = f"{lang} {view.k + 1}/{len(ids)}" if ids else f"{lang} (empty)"
            if ids and doc.side(view.side).get(ids[view.k]).edited:
                sentence += " (edited)"
            hint = self.row_hint()
            if hint:
                sentence += f" · {hint}"
            confirmed, red, yellow = self.counts()
            text = (f"Row {view.row + 1}/{n} · {sentence} · {confirmed} confirmed · "
                    f"{red} red · {yellow} yellow · {'unsaved' if session.dirty else 'saved'}")
        query = self.search_text()
        if query:
            text += f" · search: {query}"
        ctx.screen.query_one("#status", Static).update(text)
