"""`mkdocs serve` as a maintainer uses it: a save with a mistake shows the problem with its file:line and the
last good site stays up; the next good save shows up in the served page.

The server runs on a free port of 127.0.0.1 in a copy of the project (the small data set of
tests/fixtures/minimal), and every wait is bounded.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

WAIT = 60.0  # seconds, at most, for each thing the test waits for
SLUG = "risk-manager"
OLD_SUMMARY = "一句话简介。"
NEW_SUMMARY = "识别、评估并跟踪项目风险的岗位。"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(what: str, condition: Callable[[], object], log: Path) -> object:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"gave up after {WAIT:.0f} s waiting for {what}; the server's log:\n{_tail(log)}", pytrace=False)


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _get(url: str) -> tuple[int, str]:
    """GET from the local server; a server that does not answer within 10 s fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # 127.0.0.1 only
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (TimeoutError, urllib.error.URLError) as error:
        pytest.fail(f"the server stopped answering: no reply to {url} within 10 s ({error})", pytrace=False)


# As `make serve` runs it: making again only the pages a save changed (macros/site/rebuild.py).
SERVE_OPTIONS = ("--livereload", "--dirty")


@contextmanager
def _serve(project: Path, log: Path, temp: Path | None = None) -> Iterator[tuple[subprocess.Popen, str]]:
    """``mkdocs serve`` in ``project`` as ``make serve`` runs it; the process and the URL of the site's root.
    ``temp``: the temporary folder it is given (TMPDIR)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"TMPDIR": str(temp)} if temp else {})}
    for _attempt in range(3):  # another program may take the free port before the server binds it
        port = _free_port()
        with log.open("wb") as output:
            server = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *SERVE_OPTIONS],
                cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            serving = re.compile(rf"Serving on (http://127\.0\.0\.1:{port}/\S*)")
            found = _wait_for("the server to start",
                              lambda: serving.search(log.read_text(encoding="utf-8", errors="replace"))
                              or server.poll() is not None, log)
            if server.poll() is None:
                yield server, found.group(1)
                return
            if "Address already in use" not in log.read_text(encoding="utf-8", errors="replace"):
                pytest.fail(f"mkdocs serve exited with {server.returncode}:\n{_tail(log)}", pytrace=False)
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs removes its temporary site folder
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=15)
    pytest.fail("no free port for mkdocs serve after 3 attempts", pytrace=False)


@pytest.mark.slow
def test_serve_keeps_the_last_good_site_and_picks_up_the_fix(minimal_project: Path, tmp_path: Path) -> None:
    role_file = minimal_project / "data" / "roles" / f"{SLUG}.yaml"
    good = role_file.read_text(encoding="utf-8")
    assert "intermediate: 3}\n" in good and f"summary: {OLD_SUMMARY}\n" in good
    log = tmp_path / "serve.log"

    with _serve(minimal_project, log) as (server, root_url):
        page_url = f"{root_url}roles/{SLUG}/"
        status, page = _get(page_url)
        assert status == 200 and OLD_SUMMARY in page, f"{page_url} answered {status}:\n{_tail(log)}"
        # A bad save: the log names the file, line and column, and the server keeps answering.
        bad = good.replace("intermediate: 3}\n", "intermediate: 7}\n", 1)
        line = bad[: bad.index("intermediate: 7}")].count("\n") + 1
        column = bad.splitlines()[line - 1].index("7") + 1
        # Where, then which field (the wording is the data floor's, tested in tests/test_validation.py).
        message = f"data/roles/{SLUG}.yaml:{line}:{column} skills[0].levels.intermediate"

        def saved_and_reported() -> bool:
            # Saved again until reported: a save before the file watcher's first look at data/ goes unseen.
            if message in log.read_text(encoding="utf-8", errors="replace"):
                return True
            role_file.write_text(bad, encoding="utf-8")
            return False

        _wait_for(f"the message {message!r} in the log", saved_and_reported, log)
        assert server.poll() is None, f"mkdocs serve stopped on a bad save:\n{_tail(log)}"
        status, page = _get(page_url)
        assert status == 200, f"{page_url} answered {status} after a bad save:\n{_tail(log)}"
        assert OLD_SUMMARY in page, "the last good page is no longer served"

        # A good save: the served page shows it.
        role_file.write_text(good.replace(f"summary: {OLD_SUMMARY}\n", f"summary: {NEW_SUMMARY}\n", 1),
                             encoding="utf-8")
        _wait_for(f"{page_url} to show the new summary", lambda: NEW_SUMMARY in _get(page_url)[1], log)
        assert server.poll() is None
        # Search follows: the rebuilt index holds the new summary in the role page's opening section.
        index = json.loads(_get(f"{root_url}search/index.json")[1])
        first = next(first for url, _title, first, *_boost in index["pages"] if url == f"roles/{SLUG}/")
        text_file = max(n for n, start in enumerate(index["texts"]) if start <= first)
        assert NEW_SUMMARY in _get(f"{root_url}search/texts/{text_file}.json")[1]
        text = log.read_text(encoding="utf-8", errors="replace")
        assert "Traceback" not in text, f"mkdocs serve printed a traceback:\n{_tail(log)}"


@pytest.mark.slow
def test_a_preview_stopped_by_kill_leaves_nothing_in_the_temporary_folder(minimal_project: Path,
                                                                        tmp_path: Path) -> None:
    """`kill` (SIGTERM: a closed session, a process manager) stops the preview as Ctrl+C does: the server shuts
    down and the copies of the site it served from are removed, not left behind in /tmp."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    log = tmp_path / "serve.log"
    with _serve(minimal_project, log, temp) as (server, root_url):
        assert _get(root_url)[0] == 200
        assert list(temp.glob("handbook-preview-*")), "the preview serves from a copy in its temporary folder"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert list(temp.iterdir()) == []
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace"), _tail(log)
