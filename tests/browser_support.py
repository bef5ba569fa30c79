"""Helpers of the browser tests and of ``make audit``: Debian's Chromium and a local static server.

Nothing here touches the network: the site is served on 127.0.0.1 only, and Chromium is started with
every background request turned off and every host name except the local ones unresolvable.
"""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Flags for a sandbox-less container with no network: no GPU, no QUIC, no first-run or background traffic,
# and every host name except the local server resolves to nothing (a stray CDN request fails at once).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]

INSTALL_HINT = "install Debian's Chromium: `make browser` (apt-get install chromium fonts-noto-cjk)"


def chromium_path() -> str | None:
    """Debian's Chromium (Playwright cannot download its own browser here); ``CHROME_PATH`` wins."""
    explicit = os.environ.get("CHROME_PATH")
    if explicit and Path(explicit).is_file():
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def require_chromium() -> str:
    """The browser's path; without one, skip with a one-line reason locally and fail in CI."""
    import pytest

    path = chromium_path()
    if path:
        return path
    message = f"Chromium not found: {INSTALL_HINT}"
    if in_ci():
        pytest.fail(message + " (CI=true: browser tests must not be skipped)", pytrace=False)
    pytest.skip(message)


def launch(playwright, executable: str, **options):
    """Headless Chromium with the offline flags."""
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS, **options)


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map")


class _QuietHandler(SimpleHTTPRequestHandler):
    """A static file server that keeps quiet, never caches (every test sees the current build) and, like any
    real static host (GitHub Pages, Netlify, nginx), compresses text with gzip for clients that accept it."""

    _gzipped: dict[tuple[str, float], bytes] = {}

    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass

    def do_GET(self):
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            return super().do_GET()
        key = (str(path), path.stat().st_mtime)
        body = self._gzipped.get(key)
        if body is None:
            body = self._gzipped[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        # Serve the site's own 404 page, as a static host does.
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


# .js files as JavaScript, whatever the machine's mime.types says.
_QuietHandler.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                                ".json": "application/json", ".svg": "image/svg+xml", ".webmanifest":
                                "application/manifest+json"}


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yields the base URL (ending in ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def assert_not_found_page_works(tab, root: str, address: str = "") -> None:
    """The 404 page open in ``tab`` answers from ``root`` (an absolute address ending in /): styled, in Chinese,
    its links lead under ``root`` and its search fetches its index from there and lists results under it."""
    assert tab.evaluate("document.baseURI") == root, address
    assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", address
    assert tab.locator("article h1").inner_text() == "找不到这个页面"
    links = tab.locator("article a").evaluate_all("links => links.map(a => [a.textContent, a.href])")
    assert ["查看全部岗位", root + "roles/"] in links and ["回到首页", root] in links, links
    tab.locator("article label[for='__search']").click()
    box = tab.locator("input.md-search__input")
    box.click()
    with tab.expect_response(lambda response: response.url.endswith("search/index.json")) as index:
        tab.keyboard.insert_text("风险")
        box.dispatch_event("keyup")
    assert index.value.ok and index.value.url == root + "search/index.json", index.value.url
    first = tab.locator("li.md-search-result__item a.md-search-result__link").first
    first.wait_for(timeout=30_000)
    assert first.get_attribute("href").startswith(root), first.get_attribute("href")
