"""``mkdocs serve``: how long a maintainer waits between saving a role file and the rebuilt site.

The server runs on a copy of the project, on 127.0.0.1 and a free port. Each measurement changes a role's
``last_reviewed`` date (a real content change that stays valid), notes the time of the write, and waits for
the server's line that the site is rebuilt and the open pages are told to reload: ``Reloading browsers`` from
plain MkDocs (the floor), the preview's one line per rebuild, ``预览已更新（用时 X 秒）``, from the handbook (its
serve is quiet: macros/site/preview.py). Plain MkDocs also says ``Detected file changes`` when it notices. The delay includes MkDocs noticing the change: its watcher polls the watched
folders every 0.5 s and waits 0.1 s for further changes before building. ``Documentation built in X seconds``
(or the preview's seconds) gives the build alone, when printed: MkDocs drops a log message identical to an
earlier one, so a build that takes exactly as long as an earlier one goes unreported.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .measure import child_env

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds|预览已更新（用时 ([0-9.]+) 秒）")
DETECTED = "Detected file changes"
RELOADED = re.compile(r"Reloading browsers|预览已更新")
SERVING = "Serving on"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class _Log:
    """The server's output lines with the time each arrived, readable while the server runs."""

    lines: list[tuple[float, str]] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def follow(self, stream) -> None:
        for raw in iter(stream.readline, b""):
            with self.changed:
                self.lines.append((time.perf_counter(), raw.decode("utf-8", errors="replace").rstrip()))
                self.changed.notify_all()

    def wait_quiet(self, quiet: float, timeout: float) -> None:
        """Wait until no line has arrived for ``quiet`` seconds (a rebuild still running would log)."""
        deadline = time.perf_counter() + timeout
        with self.changed:
            while time.perf_counter() < deadline:
                last = self.lines[-1][0] if self.lines else 0.0
                left = last + quiet - time.perf_counter()
                if left <= 0:
                    return
                self.changed.wait(left)

    def wait_for(self, text: str | re.Pattern[str], after: float, timeout: float) -> tuple[float, str]:
        """The first line at or after ``after`` containing ``text``; raises TimeoutError."""
        deadline = time.perf_counter() + timeout
        with self.changed:
            while True:
                for stamp, line in self.lines:
                    if stamp >= after and (text.search(line) if isinstance(text, re.Pattern) else text in line):
                        return stamp, line
                left = deadline - time.perf_counter()
                if left <= 0:
                    tail = "\n".join(line for _stamp, line in self.lines[-20:])
                    raise TimeoutError(f"no {text!r} in the server log within {timeout:.0f} s:\n{tail}")
                self.changed.wait(left)


@dataclass(frozen=True)
class Rebuild:
    """One save of a role file."""

    detected_seconds: float | None  # write -> "Detected file changes" (plain MkDocs only)
    reload_seconds: float  # write -> the rebuilt site is being shown
    build_only_seconds: float | None  # what MkDocs reports for the build itself, when it reports it


def touch_role(path: Path, edit: int) -> None:
    """Change the role's review date (a real, valid content change) and save the file."""
    text = path.read_text(encoding="utf-8")
    date = (dt.date.today() - dt.timedelta(days=1 + edit)).isoformat()
    changed, count = re.subn(r"^last_reviewed: .*$", f"last_reviewed: {date}", text, count=1, flags=re.MULTILINE)
    if not count:
        changed = text + f"\n# benchmark edit {edit}\n"
    path.write_text(changed, encoding="utf-8")


def touch_page(path: Path, edit: int) -> None:
    """Change a Markdown page (the floor's role page) by a comment and save it."""
    text = re.sub(r"\n<!-- benchmark edit \d+ -->\n$", "\n", path.read_text(encoding="utf-8"))
    path.write_text(text + f"\n<!-- benchmark edit {edit} -->\n", encoding="utf-8")


# `make serve`: the handbook's preview makes again only the pages a save changed (macros/site/rebuild.py).
HANDBOOK_SERVE = ("--livereload", "--dirty")
FLOOR_SERVE = ("--livereload",)  # plain `mkdocs serve`


def measure_serve(project: Path, changed_file: Path, edits: int = 3, timeout: float = 300.0,
                  touch: Callable[[Path, int], None] = touch_role, options: tuple[str, ...] = HANDBOOK_SERVE) -> dict:
    """Start ``mkdocs serve`` on ``project``, save ``changed_file`` ``edits`` times, time each rebuild."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *options,
               "--config-file", str(project / "mkdocs.yml")]
    server = subprocess.Popen(command, cwd=project, env=child_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    log = _Log()
    reader = threading.Thread(target=log.follow, args=(server.stdout,), daemon=True)
    reader.start()
    rebuilds: list[Rebuild] = []
    try:
        started = time.perf_counter()
        ready, _line = log.wait_for(SERVING, started, timeout)
        first_build = ready - started
        for edit in range(edits):
            # A save the watcher saw half-written triggers a second rebuild: let every rebuild finish first.
            log.wait_quiet(2.0, timeout)
            written = time.perf_counter()
            touch(changed_file, edit)
            reloaded, _line = log.wait_for(RELOADED, written, timeout)
            with log.changed:
                lines = [line for stamp, line in log.lines if written <= stamp <= reloaded]
            detected = next((stamp for stamp, line in log.lines if written <= stamp <= reloaded and DETECTED in line),
                            None)
            built = [match for match in map(BUILT.search, lines) if match]
            seconds = float(built[0].group(1) or built[0].group(2)) if built else None
            rebuilds.append(Rebuild(None if detected is None else detected - written, reloaded - written, seconds))
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs removes its temporary site folder
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    reported = [r.build_only_seconds for r in rebuilds if r.build_only_seconds is not None]
    noticed = [r.detected_seconds for r in rebuilds if r.detected_seconds is not None]
    return {
        "port": port,
        "startup_seconds": first_build,
        "edits": len(rebuilds),
        "detected_seconds": [r.detected_seconds for r in rebuilds],
        "reload_seconds": [r.reload_seconds for r in rebuilds],
        "build_only_seconds": [r.build_only_seconds for r in rebuilds],
        "median_detected_seconds": statistics.median(noticed) if noticed else None,
        "median_reload_seconds": statistics.median(r.reload_seconds for r in rebuilds),
        "median_build_only_seconds": statistics.median(reported) if reported else None,
    }
