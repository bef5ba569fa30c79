"""One child process, timed: wall time, and its own peak memory from ``wait4`` (not the whole process tree)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """What one child process cost."""

    seconds: float
    max_rss_mib: float
    returncode: int
    output: str  # stdout + stderr, for the error message of a failed build


def child_env() -> dict[str, str]:
    """The environment of every timed child. Bytecode is written (as on a maintainer's machine), so the
    handbook's macros/ is compiled once by the untimed capture build, not by every timed build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, log: Path | None = None) -> Run:
    """Run ``command`` to completion; its max RSS comes from ``wait4`` on exactly this child."""
    log = log or cwd / ".bench-child.log"
    with open(log, "w+b") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env or child_env(), stdout=output,
                                   stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    rss = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1024 / 1024
    return Run(seconds, rss, process.returncode, text)


def mkdocs_build(project: Path, site: Path, config: str = "mkdocs.yml", extra_env: dict[str, str] | None = None,
                 python: list[str] | None = None) -> Run:
    """``mkdocs build`` of a project into ``site`` (removed first); raises when the build fails."""
    shutil.rmtree(site, ignore_errors=True)
    command = [*(python or [sys.executable]), "-m", "mkdocs", "build", "--clean", "--config-file",
               str(project / config), "--site-dir", str(site)]
    result = run(command, project, {**child_env(), **(extra_env or {})})
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project} ({config}):\n{result.output[-4000:]}")
    return result


def tree_bytes(path: Path) -> int:
    """Total size of the files under ``path``."""
    return sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file())
