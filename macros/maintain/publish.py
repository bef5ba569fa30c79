"""``python -m macros build``: build the site beside the published one and swap it in, so ``site/`` is always a
whole good site.

* One build per project at a time: a lock (``.cache/build.lock``) makes a second build wait for the first.
* The new site is built into ``site.building-<pid>``; the swap exchanges the two folders in one step (Linux
  ``renameat2``). Where that is not available it takes two renames, ``site`` → ``site.old`` and the new
  site → ``site``: a build killed between them leaves the last good site in ``site.old``, and the next build
  puts it back before anything else (it is restored, never deleted).
* The MkDocs child dies with the build (``PR_SET_PDEATHSIG`` on Linux; its process group on a signal), so
  a killed build leaves nothing running.

``HANDBOOK_BUILD_FAULT=<point>`` kills the build at one of :data:`FAULT_POINTS` (for the fault tests).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from ..data.private import private_folder

FAULT_POINTS = ("locked", "recovered", "child-started", "built", "between-renames", "swapped", "cleaned")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_PR_SET_PDEATHSIG = 1


def _fault(point: str) -> None:
    if os.environ.get("HANDBOOK_BUILD_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock; wait (saying so) while another build holds it."""
    folder = private_folder(root)
    # Without a trusted .cache/ the project folder itself is locked (flock works on a folder too).
    fd = (os.open(folder / "build.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
          if folder else os.open(root, os.O_RDONLY | os.O_CLOEXEC))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("another build of this project is running: waiting for it to finish", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock (as the process's death does)


def recover(site_dir: Path) -> None:
    """Undo what an interrupted build left: put the last good site back, remove half-built folders."""
    retired = site_dir.with_name(site_dir.name + ".old")
    if retired.is_dir() and not site_dir.exists():
        retired.rename(site_dir)
        print(f"restored the last good site from {retired.name} (an earlier build was interrupted)",
              file=sys.stderr)
    elif retired.exists():
        shutil.rmtree(retired, ignore_errors=True)  # a swap that finished: the newer site is in place
    for stale in site_dir.parent.glob(site_dir.name + ".building*"):
        shutil.rmtree(stale, ignore_errors=True)  # under the lock, no other build is using it


def _libc():
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders' names in one step; False where the system cannot (the caller renames twice)."""
    if not sys.platform.startswith("linux") or os.environ.get("HANDBOOK_BUILD_FAULT") == "between-renames":
        return False
    libc = _libc()
    renameat2 = getattr(libc, "renameat2", None) if libc else None
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _die_with_parent(parent: int):
    def setup() -> None:  # runs in the child between fork and exec
        libc = _libc()
        if libc is not None and sys.platform.startswith("linux"):
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the build died before the line above: do not outlive it
            os._exit(1)
    return setup


def _run_child(command: list[str], root: Path, env: dict[str, str]) -> int:
    """Run MkDocs; it ends when the build ends, whether the build finishes, is stopped or is killed."""
    child = subprocess.Popen(command, cwd=root, env=env, preexec_fn=_die_with_parent(os.getpid()),
                             process_group=0)

    def stop(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    try:
        _fault("child-started")
        return child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def build(root: Path, site_dir: Path, strict: bool = True) -> int:
    """Build into ``<site>.building-<pid>`` and swap it in only when the build succeeded."""
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    with build_lock(root):
        _fault("locked")
        recover(site_dir)
        _fault("recovered")
        staging = site_dir.with_name(f"{site_dir.name}.building-{os.getpid()}")
        command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(staging),
                   "--config-file", str(root / "mkdocs.yml")]
        if strict:
            command.append("--strict")
        status = _run_child(command, root, {**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        if status != 0 or not (staging / "index.html").is_file():
            shutil.rmtree(staging, ignore_errors=True)
            kept = "the previous site is unchanged" if site_dir.exists() else "no site was written"
            print(f"build failed: {kept} ({site_dir})", file=sys.stderr)
            return status or 1
        _fault("built")
        if not site_dir.exists():
            staging.rename(site_dir)
        elif _exchange(staging, site_dir):
            _fault("swapped")
            shutil.rmtree(staging, ignore_errors=True)  # now the previous site
        else:
            retired = site_dir.with_name(site_dir.name + ".old")
            site_dir.rename(retired)
            _fault("between-renames")
            staging.rename(site_dir)
            _fault("swapped")
            shutil.rmtree(retired, ignore_errors=True)
        _fault("cleaned")
    print(f"site written to {site_dir}")
    return 0
