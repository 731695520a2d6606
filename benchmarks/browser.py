"""A real `streamlit run app.py` on a free port, driven by Debian's headless Chromium: what the benchmarks
measure and the browser tests (tests/support/browser.py) check."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from core.incidents import unexpected_message

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("DP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(var_dir: Path, extra_env: dict[str, str] | None = None, address: str | None = "127.0.0.1"):
    """Start the app as a user would; yield its base URL; stop it afterwards. `address` None: the one
    .streamlit/config.toml names."""
    port = free_port()
    env = {**os.environ, "DP_VAR_DIR": str(var_dir), **(extra_env or {})}
    env.pop("DP_DB", None)
    env.pop("DP_ARCHIVE", None)
    log = open(var_dir.parent / f"streamlit-{port}.log", "wb")  # noqa: SIM115 (closed in the finally below)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         *(["--server.address", address] if address else []), "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: {(var_dir.parent / f'streamlit-{port}.log').read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@contextmanager
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


VIEWPORT = {"width": 1600, "height": 1000}


def new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", accept_downloads=True)
    return context.new_page()


# Streamlit marks its root with the state of the script run (`data-test-script-state`, the hook of its
# own browser tests): `initial` before the first run, then `running`, `rerunRequested` or `notRunning`.
_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning' && app.dataset.testConnectionState === 'CONNECTED'
    && !document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]');
}"""
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
QUIET_S = 0.4  # a finished run may start another (query parameters written, a page switched)


def wait_idle(page: Page, timeout_s: float = 30) -> None:
    """Wait until the script run has finished, no other has started for QUIET_S, and the page is painted."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        if not page.evaluate(_IDLE):
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_S:
            page.evaluate(TWO_FRAMES)
            return
        time.sleep(0.05)
    raise TimeoutError("the app kept running")


UNEXPECTED = unexpected_message("").partition("(")[0]  # ui.incidents' alert for an error it caught: the page cut short


def exceptions(page: Page) -> list[str]:
    """Tracebacks Streamlit draws, and the alerts that stand for one (every page runs under ui.incidents.safely)."""
    return (page.locator('[data-testid="stException"]').all_inner_texts()
            + page.locator('[data-testid="stAlert"]', has_text=UNEXPECTED).all_inner_texts())
