"""workbench serve: the workbench UI in a browser (textual-serve), one session per tab.

The browser test drives Debian's chromium (chromium + chromium-driver, selenium) headless: it
skips, saying why, where they are missing (`.ci/run` installs them as root)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.core import review, store
from workbench.launcher import main

ROOT = Path(__file__).resolve().parent.parent
BAKAI = ROOT / "alignments" / "bakai.yaml"


@pytest.fixture
def document(tmp_path) -> Path:
    path = tmp_path / "doc.yaml"
    shutil.copy(BAKAI, path)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A ``workbench serve`` process, stopped (SIGTERM) at the end."""

    def __init__(self, *args: str) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-m", "workbench", "serve", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env, cwd=ROOT)
        self.first_line = self.proc.stdout.readline()  # "workbench: serving ... at URL"
        assert "serving" in self.first_line, self.first_line + self.proc.stderr.read()
        self.url = self.first_line.split(" at ", 1)[1].split()[0]

    def children(self) -> list[str]:
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return path.read_text().split() if path.exists() else []

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err

    def __enter__(self) -> "Served":
        return self

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.stop()


def status(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}),
                                    timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


WEBSOCKET = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
             "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


# ---------------------------------------------------------------- bad input: one line, exit 2

def one_line_error(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("workbench: "), result.output
    return lines[0]


def test_a_folder_is_served_as_its_project_screen_and_an_empty_one_is_refused(tmp_path):
    import shutil

    from workbench.web import check_document, tab_command

    assert "is a directory with no documents" in one_line_error(["serve", str(tmp_path)])
    shutil.copy(ROOT / "alignments/bakai.yaml", tmp_path / "bakai.yaml")
    check_document(tmp_path)  # a folder of documents: served
    command = tab_command(tmp_path)
    assert f"open {tmp_path} --ask-user --write-root {tmp_path}" in command


def test_a_reviewer_names_themselves_once_per_tab_on_the_project_screen(tmp_path, monkeypatch):
    """serve FOLDER: each tab runs the project screen; the first document opened asks the
    reviewer's name, the next ones in that tab sign with it."""
    from workbench.cli.context import OpenRequest
    from workbench.launcher import start_ui
    from workbench.tui import project
    from workbench.tui.app import WorkbenchApp

    doc = tmp_path / "bakai.yaml"
    doc.write_bytes((ROOT / "alignments/bakai.yaml").read_bytes())
    choices = iter([doc, doc, None])  # open a document twice, then quit the project screen
    monkeypatch.setattr(project.ProjectApp, "run", lambda self: next(choices))
    opened = []

    class Opened:
        def __init__(self, kwargs):
            self.kwargs, self.user = kwargs, kwargs["user"] or "anna"  # the name typed

        def run(self):
            opened.append(self.kwargs)

    monkeypatch.setattr(WorkbenchApp, "open_file",
                        classmethod(lambda cls, path, **kw: Opened(kw)))
    start_ui(OpenRequest(tmp_path, ask_user=True, write_root=tmp_path))
    assert [(k["ask_user"], k["user"], k["write_root"]) for k in opened] == [
        (True, None, tmp_path), (False, "anna", tmp_path)]


def test_a_document_that_does_not_load_is_refused(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("source: [\n", encoding="utf-8")
    assert "broken.yaml:" in one_line_error(["serve", str(broken)])
    assert "file not found" in one_line_error(["serve", str(tmp_path / "none.yaml")])


def test_a_taken_port_is_refused(document):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        line = one_line_error(["serve", str(document), "--port", str(port)])
    assert f"cannot listen on 127.0.0.1:{port}" in line and "--port" in line


def test_a_short_token_is_refused(document):
    assert "at least 8 characters" in one_line_error(["serve", str(document), "--token", "abc"])


# ---------------------------------------------------------------- the token

def test_without_the_right_token_nothing_starts(document):
    port = free_port()
    token = "the-right-token-42"
    with Served(str(document), "--host", "0.0.0.0", "--port", str(port),
                "--token", token) as served:
        base = f"http://127.0.0.1:{port}"
        assert served.url == f"http://0.0.0.0:{port}/?token={token}"
        for path in ("/", "/?token=wrong-token-00", "/static/js/textual.js"):
            assert status(base + path) == 403, path
        assert status(base + "/ws", WEBSOCKET) == 403
        assert status(base + "/ws?token=wrong-token-00", WEBSOCKET) == 403
        assert status(base + "/", {"Authorization": "Bearer wrong-token-00"}) == 403
        # with the token: the page, but still no file outside it, and no other site's socket
        assert status(f"{base}/?token={token}") == 200
        assert status(f"{base}/static/js/textual.js?token={token}") == 200
        assert status(f"{base}/static/?token={token}") in (403, 404)  # no listing
        assert status(f"{base}/download/x?token={token}") == 404
        assert status(f"{base}/static/../../../etc/passwd?token={token}") in (403, 404)
        assert status(f"{base}/ws?token={token}",
                      dict(WEBSOCKET, Origin="http://evil.example")) == 403
        # behind a TLS proxy: the page's websocket is wss:// on the name the browser used
        request = urllib.request.Request(f"{base}/?token={token}", headers={
            "Host": "review.example.org", "X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=10) as response:
            page = response.read().decode()
            assert "Secure" in response.headers["Set-Cookie"]
        assert 'data-session-websocket-url="wss://review.example.org/ws"' in page
        assert served.children() == []  # no app process was started
        err = served.stop()
    assert "a session starts" not in err and "refused" in err


def test_another_host_gets_a_generated_token(document):
    port = free_port()
    with Served(str(document), "--host", "0.0.0.0", "--port", str(port)) as served:
        token = served.url.split("?token=", 1)[1]
        assert len(token) >= 30
        assert status(f"http://127.0.0.1:{port}/") == 403
        assert status(f"http://127.0.0.1:{port}/?token={token}") == 200


def test_localhost_needs_no_token(document):
    port = free_port()
    with Served(str(document), "--port", str(port)) as served:
        assert served.url == f"http://127.0.0.1:{port}/"
        assert status(served.url) == 200
        assert status(f"http://localhost:{port}/") == 200
        # a site whose name was made to point here (DNS rebinding) is no local name
        assert status(served.url, {"Host": f"evil.example:{port}"}) == 403
        assert status(served.url + "ws", dict(WEBSOCKET, Host=f"evil.example:{port}",
                                              Origin=f"http://evil.example:{port}")) == 403
        assert served.children() == []


# ---------------------------------------------------------------- a reviewer in a browser

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")

#: collects what the app writes to the page, to wait for a text (the terminal is a canvas)
RECORD_SOCKET = """
window.__wb = "";
const Native = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = new Native(url, protocols);
  socket.addEventListener("message", (event) => {
    const text = typeof event.data === "string" ? event.data
      : new TextDecoder().decode(event.data);
    window.__wb = (window.__wb + text).slice(-400000);
  });
  return socket;
};
window.WebSocket.prototype = Native.prototype;
"""


def chromium(tmp_path):
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("needs Debian's chromium and chromium-driver "
                    "(apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (test extra)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1400,900",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1400, "height": 900, "deviceScaleFactor": 1,
                            "mobile": False})
    record_socket(driver)
    return driver


def record_socket(driver) -> None:
    """In the current tab (and every page it loads): keep what the app writes to the page."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_SOCKET})


def wait_for(driver, text: str, timeout: float = 20.0) -> float:
    """Seconds until the app has written ``text`` to the page."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if driver.execute_script("return window.__wb.includes(arguments[0])", text):
            return time.monotonic() - start
        time.sleep(0.05)
    driver.save_screenshot(os.environ.get("WORKBENCH_SERVE_SHOT", "/tmp/serve-failed.png"))
    raise AssertionError(f"the page never showed {text!r}")


def test_a_reviewer_flags_a_row_in_a_browser(document, tmp_path):
    driver = chromium(tmp_path)
    port = free_port()
    try:
        with Served(str(document), "--port", str(port)) as served:
            from selenium.webdriver.common.action_chains import ActionChains
            from selenium.webdriver.common.by import By
            from selenium.webdriver.common.keys import Keys

            loaded = time.monotonic()
            driver.get(served.url)
            page = time.monotonic() - loaded
            ready = wait_for(driver, "Your name")  # the app asks the reviewer's name
            print(f"page loaded in {page:.2f} s; the name prompt {ready:.2f} s after")
            driver.find_element(By.CSS_SELECTOR, ".textual-terminal").click()  # the focus

            def type_(*what: str, then: str | None = None) -> None:
                driver.execute_script("window.__wb = ''")
                ActionChains(driver).send_keys(*what).perform()
                if then is not None:
                    wait_for(driver, then)

            type_("Zhanna Reviewer", Keys.ENTER, then="signed Zhanna Reviewer")
            type_(":", then="Go to row")
            type_("12", Keys.ENTER, then="Row 12/")
            type_("f", then="Flag row 12")
            type_("omis", then="Omission")
            for _ in range(4):  # severity, flagged, words, comment: at a person's pace
                type_(Keys.TAB)
                time.sleep(0.2)
            type_("a clause is missing", then="a clause is missing")
            type_(Keys.ENTER)
            time.sleep(0.3)
            # meanwhile the translator flags another row in the terminal: nothing is lost
            result = CliRunner().invoke(main, ["flag", "add", str(document), "3", "-c",
                                               "fluency/grammar", "-s", "minor", "--user",
                                               "translator"])
            assert result.exit_code == 0, result.output
            driver.execute_script("window.__wb = ''")
            ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(
                Keys.CONTROL).perform()
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                flags = review.flags(store.load(document))
                if any(f.author == "Zhanna Reviewer" for f in flags):
                    break
                time.sleep(0.2)
            driver.save_screenshot(str(tmp_path / "serve-1400x900.png"))  # outside the repo
            tabs = served.children()
            assert len(tabs) == 1  # this tab's app process
            served.stop()  # ends the tabs' apps too
            time.sleep(0.3)
            assert not any(Path(f"/proc/{pid}").exists() for pid in tabs)
    finally:
        driver.quit()
    doc = store.load(document)
    flags = review.flags(doc)
    mine = [f for f in flags if f.author == "Zhanna Reviewer"]
    assert len(mine) == 1, flags
    assert tuple(mine[0].src) == doc.beads[11].src  # row 12
    assert mine[0].category == "Accuracy/Omission" and mine[0].comment == "a clause is missing"
    assert any(f.author == "translator" for f in flags)  # the terminal's flag kept


def raise_flag(driver, url: str, name: str, row: int, comment: str) -> None:
    """In a new page: give the name, go to ``row``, flag it (omission) with ``comment``."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(url)
    wait_for(driver, "Your name")
    driver.find_element(By.CSS_SELECTOR, ".textual-terminal").click()

    def type_(*what: str, then: str | None = None) -> None:
        driver.execute_script("window.__wb = ''")
        ActionChains(driver).send_keys(*what).perform()
        if then is not None:
            wait_for(driver, then)

    type_(name, Keys.ENTER, then=f"signed {name}")
    type_(":", then="Go to row")
    type_(str(row), Keys.ENTER, then=f"Row {row}/")
    type_("f", then=f"Flag row {row}")
    type_("omis", then="Omission")
    for _ in range(4):
        type_(Keys.TAB)
        time.sleep(0.2)
    type_(comment, then=comment)
    type_(Keys.ENTER, then=f"Row {row} flagged")


def save_and_wait(driver, document: Path, author: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if any(f.author == author for f in review.flags(store.load(document))):
            return
        time.sleep(0.2)
    raise AssertionError(f"{author}'s flag never reached {document}")


def test_two_reviewers_in_two_tabs_lose_nothing(document, tmp_path):
    """Two tabs, two sessions on one document: each saves its flag, the second save merges
    the first one's (the one save path), both are on disk."""
    driver = chromium(tmp_path)
    try:
        with Served(str(document), "--port", str(free_port())) as served:
            raise_flag(driver, served.url, "Anna", 5, "first tab")
            first = driver.current_window_handle
            driver.switch_to.new_window("tab")
            record_socket(driver)
            raise_flag(driver, served.url, "Boris", 20, "second tab")
            assert len(served.children()) == 2  # a session per tab
            save_and_wait(driver, document, "Boris")
            driver.switch_to.window(first)
            save_and_wait(driver, document, "Anna")
    finally:
        driver.quit()
    doc = store.load(document)
    by = {f.author: f for f in review.flags(doc)}
    assert by["Anna"].comment == "first tab" and tuple(by["Anna"].src) == doc.beads[4].src
    assert by["Boris"].comment == "second tab" and tuple(by["Boris"].src) == doc.beads[19].src
