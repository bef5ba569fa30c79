"""``mkdocs serve`` under faults no check foresees: a FIFO in data/, data/ deleted and restored (a branch
switch), errors in a theme template or a page's macro call. Each time the server keeps answering at once from
the last good pages, says what is wrong (one line naming the file and what was being done; the same problem
in preview-problems.json, which every open page shows) and recovers on the next good save. Never a traceback.
Every wait is for a condition, bounded."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_support import valid_project_copy
from test_serve import NEW_SUMMARY, OLD_SUMMARY, SLUG, _get, _serve, _tail, _wait_for
from test_serve_problems import warm_up

from macros.site.preview import PROBLEMS_FILE

ROLE = f"data/roles/{SLUG}.yaml"
ANSWER_WITHIN = 1.0  # seconds


def _log(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")


def _problems(root_url: str) -> list[dict]:
    """What every page of the preview shows at its top."""
    return json.loads(_get(f"{root_url}{PROBLEMS_FILE}")[1])["problems"]


def _last_good_page(url: str) -> str:
    """The page, answered within a second (from the last good site, also while a rebuild runs)."""
    started = time.monotonic()
    status, text = _get(url)
    took = time.monotonic() - started
    assert status == 200 and took < ANSWER_WITHIN, f"{url}: status {status} after {took:.2f} s"
    return text


def _failed_since(log: Path, offset: int) -> bool:
    return "预览未更新" in _log(log)[offset:]


@pytest.mark.slow
def test_a_fifo_in_data_is_reported_and_its_removal_recovers(tmp_path: Path) -> None:
    project = valid_project_copy(tmp_path / "project")
    role = project / ROLE
    good = role.read_text(encoding="utf-8")
    fifo = project / "data" / "roles" / "fifo.yaml"
    log = tmp_path / "serve.log"
    with _serve(project, log) as (server, root_url):
        page_url = f"{root_url}roles/{SLUG}/"
        warm_up(role, good, log)
        offset = len(_log(log))
        os.mkfifo(fifo)
        try:
            _wait_for("the FIFO to be reported", lambda: _failed_since(log, offset), log)
            assert "data/roles/fifo.yaml" in _log(log)[offset:], _tail(log)
            assert [problem["file"] for problem in _problems(root_url)] == ["data/roles/fifo.yaml"]
            assert OLD_SUMMARY in _last_good_page(page_url)
        finally:
            fifo.unlink(missing_ok=True)
        # Removing it is a good save: the banner goes, and the next edit is served.
        _wait_for("the problems to clear once the FIFO is gone", lambda: _problems(root_url) == [], log)
        role.write_text(good.replace(f"summary: {OLD_SUMMARY}", f"summary: {NEW_SUMMARY}"), encoding="utf-8")
        _wait_for("the edit to be served", lambda: NEW_SUMMARY in _last_good_page(page_url), log)
        assert server.poll() is None
    assert "Traceback" not in _log(log), _tail(log, 80)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["moved away and back", "deleted and written again"])
def test_data_deleted_and_restored_is_watched_again(tmp_path: Path, how: str) -> None:
    """A branch switch: data/ disappears (the pages say so) and comes back; an edit after that is served."""
    project = valid_project_copy(tmp_path / "project")
    data, aside = project / "data", tmp_path / "data-elsewhere"
    role = project / ROLE
    good = role.read_text(encoding="utf-8")
    log = tmp_path / "serve.log"
    with _serve(project, log) as (server, root_url):
        page_url = f"{root_url}roles/{SLUG}/"
        warm_up(role, good, log)
        if how == "moved away and back":
            data.rename(aside)
        else:
            shutil.copytree(data, aside)
            shutil.rmtree(data)
        _wait_for("data/ missing to be shown", lambda: [p["file"] for p in _problems(root_url)] == ["data"], log)
        assert OLD_SUMMARY in _last_good_page(page_url)
        if how == "moved away and back":
            aside.rename(data)
        else:
            shutil.copytree(aside, data)
        _wait_for("the problems to clear once data/ is back", lambda: _problems(root_url) == [], log)
        role.write_text(good.replace(f"summary: {OLD_SUMMARY}", f"summary: {NEW_SUMMARY}"), encoding="utf-8")
        _wait_for("an edit after the restore to be served", lambda: NEW_SUMMARY in _last_good_page(page_url), log)
        assert server.poll() is None
    assert "Traceback" not in _log(log), _tail(log, 80)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.slow
def test_an_unexpected_error_is_one_line_and_the_next_good_save_recovers(tmp_path: Path) -> None:
    project = valid_project_copy(tmp_path / "project")
    role = project / ROLE
    good = role.read_text(encoding="utf-8")
    theme, prose = "overrides/main.html", "handbook/glossary.md"
    originals = {name: (project / name).read_text(encoding="utf-8") for name in (theme, prose)}
    broken_theme = originals[theme].replace("{% block extrahead %}", "{% block extrahead %}{{ 1 // 0 }}", 1)
    broken_prose = originals[prose] + "\n{{ no_such_macro() }}\n"
    faults = [  # (what, the file and its text, where the problem is, the error named)
        ("a theme template fails", theme, broken_theme, f"{theme}:{_line_of(broken_theme, '{{ 1 // 0 }}')}:1",
         r"套用主题模板（\S+）时出错：ZeroDivisionError: "),
        ("a page calls no macro there is", prose, broken_prose,
         f"{prose}:{_line_of(broken_prose, '{{ no_such_macro() }}')}:1", "生成页面时出错：UndefinedError: "),
    ]
    log = tmp_path / "serve.log"
    with _serve(project, log) as (server, root_url):
        page_url = f"{root_url}roles/{SLUG}/"
        warm_up(role, good, log)
        shown = OLD_SUMMARY
        for number, (what, name, text, where, named) in enumerate(faults):
            offset = len(_log(log))
            (project / name).write_text(text, encoding="utf-8")
            _wait_for(f"{what}: the failure to be reported", lambda: _failed_since(log, offset), log)
            said = _log(log)[offset:]
            ours = [line for line in said.splitlines() if where in line]
            assert len(ours) == 1 and re.search(named, ours[0].partition(where)[2]), f"{what}:\n{said}"
            [problem] = _problems(root_url)
            assert f"{problem['file']}:{problem['line']}:{problem['column']}" == where, (what, problem)
            assert "Traceback" not in said and "Macro Rendering Error" not in said, said
            assert shown in _last_good_page(page_url), f"{what}: the last good page is gone"
            # The fix, with an edit: served, and the banner gone.
            summary = shown = f"修正后的简介{'甲乙丙'[number]}。"
            (project / name).write_text(originals[name], encoding="utf-8")
            role.write_text(good.replace(f"summary: {OLD_SUMMARY}", f"summary: {summary}"), encoding="utf-8")
            _wait_for(f"{what}: the fix to be served", lambda: summary in _last_good_page(page_url), log)
            assert _problems(root_url) == []
            assert server.poll() is None, f"{what}: mkdocs serve stopped:\n{_tail(log)}"
    assert "Traceback" not in _log(log), _tail(log, 80)


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["a theme template fails", "a page calls no macro there is"])
def test_a_first_build_that_fails_says_so_in_one_line(tmp_path: Path, fault: str) -> None:
    """Before anything is served there is no last good site: serve stops, saying what is wrong, one line."""
    project = valid_project_copy(tmp_path / "project")
    name, old, new, needle = {
        "a theme template fails": ("overrides/main.html", "{% block extrahead %}", "{% block extrahead %}{{ 1 // 0 }}",
                                   "{{ 1 // 0 }}"),
        "a page calls no macro there is": ("handbook/glossary.md", "{{ glossary() }}",
                                           "{{ glossary() }}\n{{ no_such_macro() }}", "{{ no_such_macro() }}"),
    }[fault]
    path = project / name
    text = path.read_text(encoding="utf-8").replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"]
    result = subprocess.run(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                            text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Serving on" not in output, output
    assert re.search(re.escape(f"{name}:{_line_of(text, needle)}:1") + r"(?!\d)", output), output
    assert "预览没有启动：有 1 处问题（见上）" in output, output
    assert "Traceback" not in output and "Macro Rendering Error" not in output, output
