"""The 404 page opened at hostile addresses, in Chromium: whatever address a reader is sent to, the page loads
nothing from another host and, where the site is below the address, it is styled and its links and search
lead into the site.

A static host answers any address it does not have with the site's 404.html and status 404, served from the
host's root or a preview's, which is not site_url's path (/handbook/): the page's script finds the root from
the address, and an address such as ``//evil.example/roles/x`` must not make that root another host.
"""

from __future__ import annotations

import functools
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from browser_support import assert_not_found_page_works
from hostile_support import run_command, valid_project_copy

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (`make setup`)")

SITE_URL_PATH = "/handbook/"  # mkdocs.yml's site_url; the mounts below are elsewhere on purpose
PREVIEW = "/preview/copy/"
# Addresses made to move the page's root to another host, by class; each is put below a mount (its leading
# "/" is the mount's). evil.example does not resolve in the test browser: a request to it is only recorded.
HOSTILE = [
    ("double slash", "/evil.example/roles/x"),
    ("double slash, search folder", "/evil.example/search/x"),
    ("double slash, api folder", "/evil.example/api/x"),
    ("double slash, another port of this host", "/127.0.0.1:9/roles/x"),
    ("triple slash", "//evil.example/roles/x"),
    ("backslash", "\\evil.example/roles/x"),
    ("two backslashes", "\\\\evil.example/career/x"),
    ("dot segment", ".//evil.example/career/x"),
    ("dot-dot segment", "x/..//evil.example/roles/x"),
    ("encoded slashes", "%2F%2Fevil.example/roles/x"),
    ("encoded slashes, lower case", "%2f%2fevil.example/roles/x"),
    ("encoded backslashes", "%5C%5Cevil.example/roles/x"),
    ("encoded dots", "x/%2e%2e/%2F/evil.example/roles/x"),
    ("scheme-like", "http:/evil.example/roles/x"),
    ("scheme-like, two slashes", "http://evil.example/roles/x"),
    ("bad percent escape", "%E0%A4%A/evil.example/roles/x"),
]


class StaticHost(BaseHTTPRequestHandler):
    """A static host with the site mounted at ``mount``: a file under the mount is served, any other address
    is answered with the site's 404.html and status 404."""

    def __init__(self, *args, site: Path, mount: str, **kwargs):
        self.site, self.mount = site, mount
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass

    def do_GET(self):
        path = unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        found = None
        if path.startswith(self.mount):
            candidate = (self.site / path[len(self.mount):]).resolve()
            if candidate.is_dir() and path.endswith("/"):
                candidate = candidate / "index.html"
            if candidate.is_relative_to(self.site) and candidate.is_file():
                found = candidate
        status, file = (200, found) if found else (404, self.site / "404.html")
        body = file.read_bytes()
        kind = "text/javascript" if file.suffix == ".js" else mimetypes.guess_type(file.name)[0]
        self.send_response(status)
        self.send_header("Content-Type", kind or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def static_host(site: Path, mount: str) -> Iterator[str]:
    """The site served at ``mount`` of a host on a free port of 127.0.0.1; yields the origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost, site=site.resolve(), mount=mount))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = valid_project_copy(tmp_path_factory.mktemp("not-found") / "project")
    built = run_command(project, "build", timeout=300)
    assert built.status == 0, built.output
    assert f'<base href="{SITE_URL_PATH}">' in (project / "site" / "404.html").read_text(encoding="utf-8")
    return project / "site"


@pytest.fixture
def browser_context(browser):
    """A phone-sized context of its own: every request of its pages (and their workers) is recorded."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    yield context
    context.close()


def open_missing(context, origin: str, address: str) -> tuple[object, list[str]]:
    """Open ``address`` (a path, sent as written) on the host; the tab and every address it requested."""
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    response = tab.goto(origin + address, wait_until="load")
    assert response.status == 404, f"{address}: status {response.status}"
    tab.wait_for_load_state("networkidle")
    assert not errors, f"{address}: script errors {errors}"
    return tab, requested


def foreign(requested: list[str], origin: str) -> list[str]:
    """The requests that leave this host (data: and this host's blob: addresses stay on it)."""
    return [url for url in requested
            if not (url.startswith(origin + "/") or url.startswith("data:") or url.startswith(f"blob:{origin}/"))]


@pytest.mark.parametrize("mount", ["/", PREVIEW], ids=["domain root", "preview"])
@pytest.mark.parametrize("kind, address", HOSTILE, ids=[kind for kind, _ in HOSTILE])
def test_a_hostile_address_loads_nothing_from_another_host(browser_context, site, mount, kind, address):
    with static_host(site, mount) as origin:
        tab, requested = open_missing(browser_context, origin, mount + address)
        try:
            assert not foreign(requested, origin), f"{kind}: requests to another host: {foreign(requested, origin)}"
            assert_not_found_page_works(tab, origin + mount, mount + address)
            assert not foreign(requested, origin), f"{kind}: requests to another host: {foreign(requested, origin)}"
        finally:
            tab.close()


OUTSIDE = [*HOSTILE[:6], ("dot-dot segment out of the preview", "preview/copy/..//evil.example/roles/x")]


@pytest.mark.parametrize("kind, address", OUTSIDE, ids=[kind for kind, _ in OUTSIDE])
def test_a_hostile_address_outside_the_preview_loads_nothing_from_another_host(browser_context, site, kind, address):
    """Outside the preview the site's root cannot be known: the page may be unstyled, never served by another
    host."""
    with static_host(site, PREVIEW) as origin:
        tab, requested = open_missing(browser_context, origin, "/" + address)
        tab.close()
    assert not foreign(requested, origin), f"{kind}: requests to another host: {foreign(requested, origin)}"


def test_a_hostile_address_below_site_urls_path_keeps_that_root(browser_context, site):
    with static_host(site, SITE_URL_PATH) as origin:
        tab, requested = open_missing(browser_context, origin, SITE_URL_PATH + "/evil.example/roles/x")
        try:
            assert_not_found_page_works(tab, origin + SITE_URL_PATH, "")
        finally:
            tab.close()
    assert not foreign(requested, origin), foreign(requested, origin)


def test_a_missing_address_in_a_preview_gets_the_styled_page(browser_context, site):
    with static_host(site, PREVIEW) as origin:
        tab, requested = open_missing(browser_context, origin, PREVIEW + "roles/no-such-role/deeper/")
        try:
            assert_not_found_page_works(tab, origin + PREVIEW, PREVIEW)
        finally:
            tab.close()
    assert not foreign(requested, origin), foreign(requested, origin)
