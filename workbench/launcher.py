"""The ``workbench`` program: the command line (:mod:`workbench.cli`) with the workbench UI
(:mod:`workbench.tui`) plugged into its ``open`` command, and ``serve`` (:mod:`workbench.web`:
that UI in a browser).

The two front ends do not import each other (an import-linter contract); this module, above
both, is the one place that sees them together. The UI is imported only when ``open`` runs,
so the other commands start without loading Textual.
"""

from __future__ import annotations

from .cli import make_main
from .cli.context import OpenRequest
from .core.errors import WorkbenchError
from .web import serve


def start_ui(request: OpenRequest) -> None:
    """Show a document in the workbench UI until the user quits."""
    from .tui.app import WorkbenchApp

    if request.doc is None and request.path.is_dir():  # a corpus: the project screen
        from .tui.project import ProjectApp

        chosen, order, user, ask_user = None, (None, False), request.user, request.ask_user
        notice = None
        while True:
            project = ProjectApp(request.path, selected=chosen, order=order, notice=notice)
            path = project.run()
            if path is None:
                return
            order, notice = project.order, None  # the list comes back sorted as it was left
            chosen = path.resolve().relative_to(request.path.resolve()).with_suffix("").as_posix()
            try:
                app = WorkbenchApp.open_file(path, model=request.model, user=user,
                                             ask_user=ask_user, write_root=request.write_root)
            except WorkbenchError as exc:  # broken since the list was read: back to the list
                notice = str(exc)
                continue
            app.run()
            user, ask_user = app.user, False  # a reviewer gives their name once per tab
    if request.doc is None:
        app = WorkbenchApp.open_file(request.path, model=request.model, user=request.user,
                                   ask_user=request.ask_user, write_root=request.write_root)
    else:
        app = WorkbenchApp(request.doc, request.path, align=True, model=request.model,
                           ask_overwrite=request.ask_overwrite, user=request.user,
                           ask_user=request.ask_user, write_root=request.write_root)
        app.startup_notices = list(request.notices)
    app.run()


main = make_main(start_ui)
main.add_command(serve)
