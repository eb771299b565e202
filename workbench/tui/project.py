"""The project screen (``workbench open OUT_DIR``): the documents of a corpus folder, worst
first (the summary's numbers from its manifest), Enter opens one in the workbench; quitting
it comes back here (the program's loop: :mod:`workbench.launcher`)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

COLUMNS = ("document", "status", "mean conf.", "1-0/0-1", "length ratio", "rows", "reason")


class ProjectApp(App[Path | None]):
    """Returns the path of the document chosen, or None when the user quits."""

    TITLE = "workbench: project"
    BINDINGS = [("q", "quit_project", "Quit"), ("escape", "quit_project", "Quit")]

    def __init__(self, folder: Path, selected: str | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.selected = selected
        self.rows: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="project-summary")
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        from ..core.corpus import project_rows

        self.sub_title = str(self.folder)
        self.rows = project_rows(self.folder)
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for r in self.rows:
            table.add_row(r["name"], r["status"], *(_cell(r.get(k)) for k in (
                "mean_confidence", "one_sided_rows", "length_ratio", "rows", "reason")),
                key=r["name"])
        done = sum(1 for r in self.rows if r["path"] is not None)
        failed = sum(1 for r in self.rows if r["status"] == "failed")
        self.query_one("#project-summary", Static).update(
            f"{done} documents" + (f", {failed} failed pairs" if failed else "")
            + " - worst first; Enter opens a document, q quits")
        names = [r["name"] for r in self.rows]
        if self.selected in names:
            table.move_cursor(row=names.index(self.selected))
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        row = self.rows[event.cursor_row]
        if row["path"] is None:
            self.notify(f"{row['name']}: no document ({row.get('reason') or 'not aligned'})",
                        severity="warning")
            return
        self.exit(row["path"])

    def action_quit_project(self) -> None:
        self.exit(None)


def _cell(v) -> str:
    return "" if v is None else str(v)
