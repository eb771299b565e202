"""The export dialog (``E``): which format, which rows, which file.

It only answers; the files area's :class:`~.exporting.Exporting` writes. The file name follows
the format (``bakai.tmx``, ``bakai.tsv`` ...) until the translator types one of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, RadioButton

from ...core.export import FORMATS
from ..common.dialogs import AnswerOnce, ArrowChoice, ReusableDialog, dialog_css, reset_input

REPORT = "report"  #: the HTML review report, offered beside the exports
ROWS = ("default", "confirmed", "all")


@dataclass(frozen=True)
class ExportAnswer:
    fmt: str           # an export format, or REPORT
    only: str | None   # "confirmed", "all", or None: the format's default
    path: Path


def suffix(fmt: str) -> str:
    return {REPORT: ".html", "moses": ""}.get(fmt, f".{fmt}")


class ExportDialog(AnswerOnce, ReusableDialog[ExportAnswer | None]):
    """Format (arrows), rows (arrows), file name; enter exports, escape cancels."""

    DEFAULT_CSS = dialog_css("ExportDialog", """
    ExportDialog > Vertical { max-width: 90; }
    ExportDialog ArrowChoice { layout: horizontal; height: auto; width: 1fr; border: none;
                               padding: 0; margin-bottom: 1; }
    ExportDialog RadioButton { width: auto; margin-right: 2; }
    ExportDialog .label { color: $text-muted; }
    """)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel"),
                Binding("ctrl+s", "save", "Export", id="export.save")]

    def setup(self, formats: tuple[str, ...] = FORMATS, stem: Path = Path("export")) -> None:
        """``stem``: the document's path without its suffix (the default file name)."""
        self.formats = (*formats, REPORT)
        self.stem = stem
        self._typed = False  # the user typed a file name: the format no longer changes it

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export", classes="title")
            yield Label("format (←/→)", classes="label")
            with ArrowChoice(id="format"):
                for i, fmt in enumerate(self.formats):
                    yield RadioButton(self._label(fmt), value=i == 0)
            yield Label("rows (←/→; default: confirmed for tmx and moses, all for the rest)",
                        classes="label")
            with ArrowChoice(id="rows"):
                for i, rows in enumerate(ROWS):
                    yield RadioButton(rows, value=i == 0)
            yield Label("file", classes="label")
            yield Input(id="path", compact=True)
            yield Label("enter: export · tab: next field · esc: cancel", classes="hint")

    @staticmethod
    def _label(fmt: str) -> str:
        return "HTML report" if fmt == REPORT else fmt

    def fill(self) -> None:
        formats = self.query_one("#format", ArrowChoice)
        buttons = list(formats.query(RadioButton))
        if [str(b.label) for b in buttons] != [self._label(f) for f in self.formats]:
            raise ValueError("the export dialog is made for one list of formats")
        formats.choose(0)
        self.query_one("#rows", ArrowChoice).choose(0)
        reset_input(self.query_one("#path", Input), self._default_path(self.formats[0]))
        self.focus_first(formats)

    def _default_path(self, fmt: str) -> str:
        return str(self.stem) + suffix(fmt)

    def _choice(self, name: str) -> int:
        return max(0, self.query_one(f"#{name}", ArrowChoice).pressed_index)

    @on(ArrowChoice.Changed, "#format")
    def _format_changed(self) -> None:
        if not self._typed:
            self.query_one("#path", Input).value = self._default_path(
                self.formats[self._choice("format")])

    @on(Input.Changed, "#path")
    def _typed_path(self, event: Input.Changed) -> None:
        if event.value != self._default_path(self.formats[self._choice("format")]):
            self._typed = True

    @on(Input.Submitted, "#path")
    def _submit(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self.notify("Give a file to write.", severity="warning")
            return
        rows = ROWS[self._choice("rows")]
        self.answer(ExportAnswer(self.formats[self._choice("format")],
                                 None if rows == "default" else rows, Path(path).expanduser()))

    def action_cancel(self) -> None:
        self.answer(None)
