"""Shared fixtures: copies of the project to break on purpose, the real data, and the real site built once per run."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT_PARTS = ("macros", "handbook", "overrides", "mkdocs.yml")


def copy_project(target: Path, data: Path | None = None) -> Path:
    """A working copy of the project in ``target``, optionally with another ``data/`` folder."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    shutil.copytree(data or ROOT / "data", target / "data")
    return target


def build_site(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` on a project folder, as a maintainer would."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def handbook():
    """The real handbook's data, loaded once. Invalid data fails every test that needs it with the maintainer's
    list of problems (no test module loads the data at import, so collection never stops on it)."""
    from macros.data.read import HandbookError, load_handbook

    try:
        return load_handbook(ROOT).handbook
    except HandbookError as error:
        report = error.report()
    pytest.fail(report, pytrace=False)  # outside the except: the report once, not chained to the error


@pytest.fixture(scope="session")
def raci_matrix(handbook):
    """The real handbook's RACI matrix: its members in column order, each activity's A."""
    from macros.site.raci import RaciMatrix

    return RaciMatrix.of(handbook)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The real handbook, built once with ``--strict`` for the whole run: the first worker to need it builds it,
    the others wait for it and read the same folder (no test writes into it)."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # pytest-xdist: every worker's temporary folder is under the run's
        shared = shared.parent
    site, failed = shared / "built-site" / "site", shared / "built-site.failed"
    with (shared / "built-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not site.is_dir() and not failed.exists():
            staging = shared / "built-site" / "building"
            result = build_site(ROOT, staging)
            if result.returncode == 0:
                staging.rename(site)  # whole, or not there
            else:
                failed.write_text(result.stdout + result.stderr, encoding="utf-8")
    if failed.exists():
        pytest.fail("mkdocs build --strict failed:\n" + failed.read_text(encoding="utf-8"), pytrace=False)
    return site


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """The project's code with the small valid data set of ``tests/fixtures/minimal``, safe to break."""
    return copy_minimal_project(tmp_path / "project")


def copy_minimal_project(target: Path) -> Path:
    """A copy of the project with the small data set of ``tests/fixtures/minimal`` and its role pages."""
    project = copy_project(target, FIXTURES / "minimal" / "data")
    # Its role pages: the real stubs belong to the real roles.
    roles = project / "handbook" / "roles"
    for stub in roles.glob("*.md"):
        if stub.name != "index.md":
            stub.unlink()
    from macros.maintain.stubs import stub_text, track_stub_text

    for slug in ("project-manager", "risk-manager"):
        (roles / f"{slug}.md").write_text(stub_text(slug), encoding="utf-8")
    # Its track pages likewise.
    tracks = project / "handbook" / "career"
    for stub in tracks.glob("*.md"):
        if stub.name != "index.md":
            stub.unlink()
    for track in ("coordination", "project-management"):
        (tracks / f"{track}.md").write_text(track_stub_text(track), encoding="utf-8")
    (project / "data" / "url-contract.txt").unlink(missing_ok=True)
    shutil.copytree(ROOT / "data" / "schema", project / "data" / "schema")
    shutil.copy2(ROOT / "data" / "guide-examples.json", project / "data")  # generated, shown by the guide
    return project


# --- Browser tests: Debian's Chromium through Playwright, against the real site served on 127.0.0.1 ---
# Without Chromium they skip with a one-line reason; in CI (CI=true) they fail instead (browser_support).

SCREENSHOTS = ROOT / "test-output" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from browser_support import launch, require_chromium

    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright, executable)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> str:
    """The real handbook served on a free port of 127.0.0.1; the base URL, ending in ``/``."""
    from browser_support import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture
def page(browser, site_server):
    """A fresh desktop tab (1280×800, zh-CN) in its own context; fails the test on JavaScript errors and on
    console errors (a failed request, such as a stray call to the network, logs one)."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", base_url=site_server)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()
    assert not errors, f"errors on the page: {errors}"
