"""Zensical against MkDocs on the same project: a whole build by each engine, and a save under each one's serve.

Zensical (pinned in requirements-zensical.txt, installed by ``make zensical-setup`` into ``.venv-zensical``) builds
with ``python -m macros zensical``: its own build of zensical.yml, then the build's last step (export, cards,
address check), which MkDocs runs from ``on_post_build``. The two builds of a size alternate, as the handbook and
its floor do.

Under serve the measure is what a reader sees: the time from saving a role's YAML file until the served role page
shows the change (its review date), polled over HTTP. Zensical announces differential rebuilds; whether a save
of a data file (which it does not know the pages read) reaches the page at all is part of the result: a save
that the page has not shown after ``SERVE_WAIT`` seconds is reported as not shown.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

from . import measure, serve
from .project import ROOT, Project

ZVENV = ROOT / ".venv-zensical" / "bin"
SERVE_WAIT = 60.0  # seconds a save may take to show before it counts as not shown
POLL = 0.05


def available() -> bool:
    """Whether ``make zensical-setup`` has installed Zensical here."""
    return (ZVENV / "zensical").exists() and (ZVENV / "python").exists()


def _env(project: Path) -> dict[str, str]:
    # Zensical imports the macros module and the Markdown extensions from the project (as `make zensical` does).
    return {**measure.child_env(), "PYTHONPATH": str(project)}


def build(project: Path) -> measure.Run:
    """``python -m macros zensical`` in ``project``: Zensical's build and the last step; raises when it fails."""
    command = [str(ZVENV / "python"), "-m", "macros", "zensical", "--zensical", str(ZVENV / "zensical")]
    result = measure.run(command, project, _env(project))
    if result.returncode != 0:
        raise RuntimeError(f"zensical build failed in {project}:\n{result.output[-4000:]}")
    return result


def bench_builds(project: Project, repeat: int, say: Callable[[str], None]) -> dict:
    """``repeat`` pairs of whole builds of ``project``, MkDocs (as ``make build`` would) and Zensical, alternating."""
    seconds: dict[str, list[float]] = {"mkdocs": [], "zensical": []}
    rss: dict[str, list[float]] = {"mkdocs": [], "zensical": []}
    site = project.root.parent / "site-mkdocs"
    for run in range(repeat):
        for engine in ("mkdocs", "zensical"):
            outcome = measure.mkdocs_build(project.root, site) if engine == "mkdocs" else build(project.root)
            seconds[engine].append(outcome.seconds)
            rss[engine].append(outcome.max_rss_mib)
            say(f"zensical: {project.roles} roles: run {run + 1}/{repeat} {engine:8} {outcome.seconds:7.2f} s "
                f"{outcome.max_rss_mib:6.0f} MiB")
    return {
        "roles": project.roles,
        "data": "real" if project.real else "synthetic",
        "seconds": seconds,
        "max_rss_mib": rss,
        "median_seconds": {engine: statistics.median(values) for engine, values in seconds.items()},
        "ratio": statistics.median(seconds["zensical"]) / statistics.median(seconds["mkdocs"]),
    }


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server on 127.0.0.1
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(url: str, text: str, timeout: float) -> float | None:
    """When the page at ``url`` first holds ``text`` (perf_counter), or None after ``timeout`` seconds."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if text in _page(url):
            return time.perf_counter()
        time.sleep(POLL)
    return None


def _reviewed(role_file: Path) -> str:
    found = re.search(r"^last_reviewed: (\S+)", role_file.read_text(encoding="utf-8"), re.MULTILINE)
    return f'datetime="{found.group(1)}"' if found else ""


def measure_serve(command: list[str], project: Path, env: dict[str, str], page_url: str, role_file: Path,
                  edits: int, startup: float) -> dict:
    """Start a server, wait for the role page, save ``role_file`` ``edits`` times and time each until the page
    shows the save. Saves that do not show within SERVE_WAIT are counted, not timed."""
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    shown: list[float] = []
    missed = 0
    try:
        started = time.perf_counter()
        ready = _wait_for(page_url, _reviewed(role_file), startup)
        if ready is None:
            raise RuntimeError(f"{command[0]} serve showed no {page_url} within {startup:.0f} s")
        for edit in range(edits):
            time.sleep(2.0)  # let a rebuild of the previous save finish
            serve.touch_role(role_file, edit)
            written = time.perf_counter()
            seen = _wait_for(page_url, _reviewed(role_file), SERVE_WAIT)
            if seen is None:
                missed += 1
            else:
                shown.append(seen - written)
    finally:
        with_group = os.getpgid(server.pid)
        os.killpg(with_group, signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(with_group, signal.SIGKILL)
            server.wait()
    return {
        "startup_seconds": ready - started,
        "edits": edits,
        "shown_seconds": shown,
        "not_shown": missed,
        "median_shown_seconds": statistics.median(shown) if shown else None,
    }


def bench_serve(project: Project, edits: int, say: Callable[[str], None]) -> dict:
    """A save of one role file under ``make serve`` (MkDocs, --dirty) and under ``zensical serve``, one after the
    other, timed to the moment the served role page shows it."""
    role_file = project.root / "data" / "roles" / f"{project.sample_role}.yaml"
    startup = 120.0 + project.roles * 0.6  # a first build of 1,000 roles takes minutes under Zensical
    results = {}
    for engine in ("mkdocs", "zensical"):
        port = serve.free_port()
        if engine == "mkdocs":
            command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                       *serve.HANDBOOK_SERVE]
        else:
            command = [str(ZVENV / "zensical"), "serve", "-f", "zensical.yml", "--dev-addr", f"127.0.0.1:{port}"]
        url = f"http://127.0.0.1:{port}/handbook/roles/{project.sample_role}/"
        results[engine] = measure_serve(command, project.root, _env(project.root), url, role_file, edits, startup)
        median = results[engine]["median_shown_seconds"]
        say(f"zensical: serve {project.roles} roles, {engine}: "
            + (f"page shows a save after {median:.2f} s (median)" if median is not None else "no save shown")
            + (f", {results[engine]['not_shown']} of {edits} not shown in {SERVE_WAIT:.0f} s"
               if results[engine]["not_shown"] else ""))
    return {"roles": project.roles, "data": "real" if project.real else "synthetic", **results}
