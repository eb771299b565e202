"""``workbench serve``: the workbench UI in a browser, for reviewers without a terminal.

The page is textual-serve's: each browser tab runs its own ``workbench open DOCUMENT
--ask-user`` process (the same Textual app, no second UI), which asks the reviewer's name
first; the name signs the flags raised in that tab. Saving is the app's ordinary save
(:mod:`workbench.core.session`: the document lock, a merge with whatever another tab or a
terminal saved meanwhile), so two reviewers on one document lose nothing.

Who may come in: on 127.0.0.1 (the default) anyone on this machine; on any other address an
access token is required (``--token``, or one generated and printed), on the page, its static
files and the websocket. A request without it gets 403 before anything starts. A websocket
whose page came from another site (its ``Origin`` is not this server) is refused too, and
without a token only requests for this machine's own names (``127.0.0.1``, ``localhost``) are
answered (no DNS rebinding), so a web page in the reviewer's browser cannot drive a local
workbench. Nothing but the page, its
script and fonts is served: no file listing, no downloads, no other file on disk; and a
tab's save as and export write only in the document's folder (``open --write-root``).

Above the command line and the UI (the layers contract in ``pyproject.toml``); it runs the
UI as a program, so it imports neither.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import shlex
import socket
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from .core import store
from .core.errors import WorkbenchError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

log = logging.getLogger("workbench.serve")


def tab_command(document: Path) -> str:
    """The shell command each browser tab runs: the workbench UI on ``document`` (or the
    project screen of a folder), asking the reviewer's name first, saving and exporting only
    in the document's folder (the path quoted: it goes through a shell)."""
    root = document if document.is_dir() else document.parent
    return " ".join(shlex.quote(part) for part in (
        sys.executable, "-m", "workbench", "open", str(document), "--ask-user",
        "--write-root", str(root)))


def make_server(command: str, *, host: str, port: int, token: str | None, title: str):
    """A textual-serve server that checks ``token`` (None: no token needed) and serves only
    the page. textual-serve (aiohttp) is imported here, when ``serve`` runs."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    running: set[AppService] = set()  # the tabs' app processes
    cookie = f"workbench_token_{port}"

    class WorkbenchServer(Server):
        sessions = 0  # tabs whose app process was started

        def token_of(self, request: web.Request) -> str | None:
            return request.query.get("token") or request.cookies.get(cookie) or \
                (request.headers.get("Authorization", "").removeprefix("Bearer ") or None)

        def allowed(self, request: web.Request) -> bool:
            if token is None:
                return True
            given = self.token_of(request)
            return given is not None and secrets.compare_digest(given.encode(), token.encode())

        @web.middleware
        async def guard(self, request: web.Request, handler):
            if not self.allowed(request):
                log.warning("refused %s %s: no or wrong access token", request.method,
                            request.path)
                raise web.HTTPForbidden(text="workbench: a wrong or missing access token "
                                             "(open the address serve printed)\n")
            if token is None and _hostname(request.host) not in LOCAL_HOSTS:
                # no token: only this machine's own names, so that a site whose name is made to
                # point at 127.0.0.1 (DNS rebinding) cannot reach a local workbench
                log.warning("refused a request for host %s (no token: local names only)",
                            request.host)
                raise web.HTTPForbidden(text="workbench: without an access token, only "
                                             "http://127.0.0.1 (or localhost) gets in\n")
            origin = request.headers.get("Origin")
            if request.path == "/ws" and origin and urlsplit(origin).netloc != request.host:
                log.warning("refused a websocket from the page of %s", origin)
                raise web.HTTPForbidden(text="workbench: a page of another site\n")
            return await handler(request)

        async def _make_app(self) -> web.Application:
            app = web.Application(middlewares=[self.guard])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
            app.add_routes([
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ])
            app.on_shutdown.append(self.on_shutdown)
            return app

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            """The page, its websocket address taken from the address the browser used (so a
            reverse proxy with TLS gives wss://); the token is kept in a cookie for the
            page's script, fonts and websocket."""
            secure = request.secure or request.headers.get("X-Forwarded-Proto") == "https"
            context: dict[str, Any] = {
                "font_size": _to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": f"{'wss' if secure else 'ws'}://{request.host}/ws",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": self.title},
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            if token is not None:
                response.set_cookie(cookie, token, httponly=True, samesite="Strict",
                                    secure=secure, path="/")
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            """textual-serve's handler, with each tab's app process kept track of, so that
            stopping the server ends them (as closing the tab does)."""
            WorkbenchServer.sessions += 1
            log.warning("tab %d: a session starts (%s)", WorkbenchServer.sessions,
                        request.remote)
            websocket = web.WebSocketResponse(heartbeat=15)
            width = _to_int(request.query.get("width", "80"), 80)
            height = _to_int(request.query.get("height", "24"), 24)
            service = None
            try:
                await websocket.prepare(request)
                service = AppService(self.command, write_bytes=websocket.send_bytes,
                                     write_str=websocket.send_str, close=websocket.close,
                                     download_manager=self.download_manager, debug=False)
                running.add(service)
                await service.start(width, height)
                await self._process_messages(websocket, service)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # noqa: BLE001 - one tab's failure is logged, not fatal
                log.exception(error)
            finally:
                if service is not None:
                    await _stop(service)
                    running.discard(service)
            return websocket

        async def on_shutdown(self, app: web.Application) -> None:
            """ctrl+c or SIGTERM: every tab's app quits (its journal keeps unsaved edits)."""
            await asyncio.gather(*(_stop(service) for service in list(running)))

    return WorkbenchServer(command, host=host, port=port, title=title)


async def _stop(service) -> None:
    """Ask a tab's app to quit; kill it if it has not within 5 s."""
    try:
        await asyncio.wait_for(service.stop(), timeout=5)
    except (asyncio.TimeoutError, ConnectionError, OSError):
        pass
    process = getattr(service, "_process", None)
    if process is not None and process.returncode is None:
        process.kill()
        await process.wait()


def _hostname(host: str | None) -> str:
    """``127.0.0.1:8000`` -> ``127.0.0.1``, ``[::1]:8000`` -> ``::1``."""
    return urlsplit(f"//{host or ''}").hostname or ""


def _to_int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or one line saying why not (a port in use ...)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise WorkbenchError(f"cannot listen on {host}: {exc}",
                             hint="give --host an address of this machine") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        hint = ("another program (or another workbench serve) listens there: give another "
                "--port" if exc.errno in (98, 48) else "give another --host or --port")
        raise WorkbenchError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                             hint=hint) from None
    sock.setblocking(False)
    return sock


def check_document(target: Path) -> None:
    """Refuse, in one line, what cannot be served: a folder with no documents (a folder is
    served as its project screen), a missing file, a document that does not load."""
    if target.is_dir():
        from .core.export.combined import corpus_documents

        if not corpus_documents(target):
            raise WorkbenchError("is a directory with no documents (NAME.yaml)",
                                 path=str(target), hint="serve a document, or a folder that "
                                                        "workbench corpus align wrote")
        return
    store.load(target)  # a FormatError names the file and the line


@click.command(name="serve")
@click.argument("document", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="the address to listen on; any other than 127.0.0.1 needs an access token")
@click.option("--token", help="the access token (default: none on 127.0.0.1, else a new one, "
                              "printed)")
def serve(document: Path, port: int, host: str, token: str | None) -> None:
    """Serve the workbench UI on DOCUMENT in a browser, one session per tab.

    \b
    workbench serve alignments/X.yaml                      http://127.0.0.1:8000/
    workbench serve alignments/X.yaml --host 0.0.0.0       prints the address with its token

    Each tab asks the reviewer's name, which signs the flags raised there; saves merge with
    what other tabs or a terminal saved meanwhile.
    """
    check_document(document)
    if token is not None and len(token) < 8:
        raise WorkbenchError("an access token of at least 8 characters, please",
                             hint="or leave --token out to have one made")
    if token is None and host not in LOCAL_HOSTS:
        token = secrets.token_urlsafe(24)
    sock = listen(host, port)
    server = make_server(tab_command(document.resolve()), host=host, port=port, token=token,
                         title=f"workbench · {document.name}")
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"workbench: serving {document} at {address}  (ctrl+c stops)")
    sys.stdout.flush()
    run(server, sock)


def run(server, sock: socket.socket) -> None:
    """Serve until ctrl+c or SIGTERM."""
    from aiohttp import web

    logging.basicConfig(level=logging.WARNING, format="workbench serve: %(message)s",
                        stream=sys.stderr)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    web.run_app(server._make_app(), sock=sock, print=None, loop=loop)
