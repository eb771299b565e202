"""The conflict view: what both people changed differently, and which version to keep.

Shown when saving finds that someone else saved the same document meanwhile and some of their
changes touch the rows or sentences you changed (see :mod:`workbench.core.merge`). Each
conflict lists the row or sentence with the original, your version and theirs; ``m``/``t``
keep yours or theirs for the selected one, ``M``/``T`` for all, enter merges and saves, escape
saves nothing (your edits stay in the workbench). The answer is ``{conflict key: choice}``.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from ...core.merge import MINE, THEIRS, Conflict
from ..common.dialogs import Dialog, dialog_css


class ConflictScreen(Dialog[dict[str, str] | None]):
    """Choose mine or theirs per conflict (or for all); enter merges, escape cancels."""

    DEFAULT_CSS = dialog_css("ConflictScreen", """
    ConflictScreen > Vertical { max-width: 130; height: 90%; }
    ConflictScreen VerticalScroll { height: 1fr; }
    """)
    BINDINGS = [
        Binding("down,j", "move(1)", "Next", show=False),
        Binding("up,k", "move(-1)", "Previous", show=False),
        Binding("m,left", "choose('mine')", "Keep mine", id="conflict.mine"),
        Binding("t,right", "choose('theirs')", "Keep theirs", id="conflict.theirs"),
        Binding("M", "choose_all('mine')", "All mine", id="conflict.all_mine"),
        Binding("T", "choose_all('theirs')", "All theirs", id="conflict.all_theirs"),
        Binding("enter", "done", "Merge and save", priority=True, id="conflict.done"),
        Binding("escape", "cancel", "Cancel", id="conflict.cancel"),
    ]

    def __init__(self, path: str, conflicts: list[Conflict]) -> None:
        super().__init__()
        self.path = path
        self.conflicts = conflicts
        self.choices = {c.key: c.choice for c in conflicts}
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"{self.path} was changed by someone else: {len(self.conflicts)} "
                        "conflict(s) with your edits", classes="title")
            yield Label("Their other changes and yours merge by themselves. For each conflict "
                        "below choose whose version to keep.", classes="hint")
            with VerticalScroll():
                yield Static(id="list")
            yield Label("↑/↓ select · m/t keep mine/theirs · M/T all mine/theirs · enter: merge "
                        "and save · esc: do not save", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Merge and save", variant="primary", id="done")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._render_list()

    def _render_list(self) -> None:
        out = Text()
        for i, c in enumerate(self.conflicts):
            chosen = self.choices[c.key]
            cursor = "▶ " if i == self.index else "  "
            out.append(f"{cursor}{i + 1}. {c.what}", style="bold reverse" if i == self.index
                       else "bold")
            out.append(f"   keep: {chosen}\n", style="bold green")
            for who, lines, style in (("original", c.base, "dim"),
                                      ("mine", c.mine, "cyan" if chosen == MINE else "dim cyan"),
                                      ("theirs", c.theirs,
                                       "magenta" if chosen == THEIRS else "dim magenta")):
                for k, line in enumerate(lines[:6] or ["(nothing)"]):
                    mark = "●" if who == chosen else " "
                    out.append(f"    {mark} {who if k == 0 else '':8} ", style=style)
                    out.append(f"{line}\n", style=style)
            out.append("\n")
        self.query_one("#list", Static).update(out)

    def action_move(self, step: int) -> None:
        self.index = max(0, min(len(self.conflicts) - 1, self.index + step))
        self._render_list()

    def action_choose(self, who: str) -> None:
        if self.conflicts:
            self.choices[self.conflicts[self.index].key] = who
            self.index = min(len(self.conflicts) - 1, self.index + 1)
            self._render_list()

    def action_choose_all(self, who: str) -> None:
        for c in self.conflicts:
            self.choices[c.key] = who
        self._render_list()

    def action_done(self) -> None:
        self.dismiss(dict(self.choices))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        self.action_done()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
