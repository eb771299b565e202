"""How long a reviewer waits for a usable page from ``workbench serve`` (issue 19).

Serves a copy of ``alignments/bakai.yaml`` (or DOCUMENT) on 127.0.0.1, opens it in Debian's
headless chromium (selenium + chromium-driver) RUNS times, each a fresh tab and so a fresh
``workbench open --ask-user`` process, and prints per run: the page load (``driver.get``,
the HTML and textual.js), then from the page loaded to the name prompt drawn (the app process
started, the document read, the rows laid out), then from the name typed to the rows taking
keys (the "signed" notice drawn). Target: under 3 s from the page loaded to a usable page.
The model is not needed to review: it loads in the background, after the rows are shown.

    .venv/bin/python bench/serve_startup.py [DOCUMENT] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

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


def wait_for(driver, text: str, timeout: float = 30.0) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if driver.execute_script("return window.__wb.includes(arguments[0])", text):
            return time.monotonic() - start
        time.sleep(0.02)
    raise SystemExit(f"the page never showed {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", nargs="?", default=str(ROOT / "alignments" / "bakai.yaml"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    work = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    document = work / Path(args.document).name
    shutil.copy(args.document, document)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(ROOT), WORKBENCH_STATE=str(work / "state"),
               WORKBENCH_CONFIG=str(work / "config"))
    server = subprocess.Popen([sys.executable, "-m", "workbench", "serve", str(document),
                               "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env)
    url = server.stdout.readline().split(" at ", 1)[1].split()[0]

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1400,900",
                 f"--user-data-dir={work / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options,
                              service=Service(shutil.which("chromedriver") or
                                              "/usr/bin/chromedriver"))
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_SOCKET})
    loads, prompts, usable = [], [], []
    try:
        for run in range(args.runs):
            start = time.monotonic()
            driver.get(url)
            loads.append(time.monotonic() - start)
            prompts.append(wait_for(driver, "Your name"))
            driver.find_element(By.CSS_SELECTOR, ".textual-terminal").click()
            typed = time.monotonic()
            ActionChains(driver).send_keys(f"Reviewer {run}", Keys.ENTER).perform()
            wait_for(driver, f"signed Reviewer {run}")
            usable.append(prompts[-1] + time.monotonic() - typed)
            print(f"run {run + 1}: page {loads[-1]:.2f} s, then the name prompt "
                  f"{prompts[-1]:.2f} s, usable (name given) {usable[-1]:.2f} s after the "
                  "page loaded")
            driver.get("about:blank")  # the tab's session ends
            time.sleep(0.5)
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print(f"{document.name}: page load median {statistics.median(loads):.2f} s; page loaded -> "
          f"name prompt median {statistics.median(prompts):.2f} s (max {max(prompts):.2f}); "
          f"-> usable median {statistics.median(usable):.2f} s (target < 3 s)")


if __name__ == "__main__":
    main()
