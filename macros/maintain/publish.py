"""``python -m macros build``: build the site beside the published one and swap it in, so ``site/`` is always a
whole good site.

* One build per project at a time: a lock (``.cache/build.lock``) makes a second build wait for the first.
* The new site is built into ``site.building-<pid>``; the swap exchanges the two folders in one step (Linux
  ``renameat2``). Where that is not available it takes two renames, ``site`` → ``site.old`` and the new
  site → ``site``: a build killed between them leaves the last good site in ``site.old``, and the next build
  puts it back before anything else (it is restored, never deleted).
* The MkDocs child dies with the build (``PR_SET_PDEATHSIG`` on Linux; its process group on a signal), so
  a killed build leaves nothing running.
* The build replaces or deletes only folders it built itself: each carries its mark (``.handbook-build``, made
  with the staging folder, so even a half-built one has it). The site folder is never the project, a folder
  holding it, or inside the project's own folders (``data/``, ``handbook/``, ``macros/`` …). A build that
  cannot finish (a full disk, a read-only or mounted ``site/``) says why in one line, removes what it made
  and keeps the old site.

``HANDBOOK_BUILD_FAULT=<point>`` kills the build at one of :data:`FAULT_POINTS` (for the fault tests).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import logging
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..data.files import WriteError, reason, write_file
from ..data.messages import ERROR, WARNING, say
from ..data.private import private_folder
from ..site.urls import DOCS_DIR

FAULT_POINTS = ("locked", "recovered", "child-started", "built", "between-renames", "swapped", "cleaned")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_PR_SET_PDEATHSIG = 1

MARK = ".handbook-build"  # hidden: MkDocs' --clean keeps hidden files, so the mark outlives the build's start
MARK_TEXT = say("build_mark")
# The project's own folders: a site is never built into one of them (nor into the project or a folder holding it).
PROJECT_FOLDERS = ("data", DOCS_DIR, "macros", "overrides", "tests", "benchmarks", "audit", ".git", ".github",
                   ".ci", ".cache", ".venv", "node_modules")
# A site built before builds marked their folders (a maintainer's checkout has one) is replaced once more, when
# it is recognised for sure: the files only a build of this handbook writes at its top (the home page, MkDocs'
# sitemap, this handbook's export) and none of a project's own. Any other folder without the mark is left alone:
# deleting the wrong folder costs far more than asking the maintainer to move one.
OLD_SITE_FILES = ("index.html", "sitemap.xml", "api/roles.json")
SOURCE_NAMES = ("mkdocs.yml", ".git", "data", "macros", DOCS_DIR)


class Refused(Exception):
    """The build must not go on: where, and why (in Chinese)."""


def folder_problem(root: Path, folder: Path) -> str | None:
    """Why ``folder`` must not be an output folder (the site, the export) of the project at ``root``."""
    project = Path(os.path.realpath(root))
    real = Path(os.path.realpath(folder))
    if project.is_relative_to(real):
        return say("folder_is_project")
    for name in PROJECT_FOLDERS:
        if real.is_relative_to(project / name):
            return say("folder_in_project", name=name)
    return None


def built_here(folder: Path) -> bool:
    """Whether the build may replace or delete ``folder``: a real folder (not a link) that is empty, carries
    the build's mark, or is a site built before the mark (see :data:`OLD_SITE_FILES`)."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        with os.scandir(folder) as entries:
            if next(entries, None) is None:
                return True
        if stat.S_ISREG(os.lstat(folder / MARK).st_mode):
            return True
    except OSError:
        pass
    return (all((folder / name).is_file() for name in OLD_SITE_FILES)
            and not any(os.path.lexists(folder / name) for name in SOURCE_NAMES))


def _remove(folder: Path) -> None:
    """Delete a folder the build made (never follows a link: rmtree refuses one)."""
    shutil.rmtree(folder, ignore_errors=True)


def _not_ours(folder: Path) -> str:
    return _refusal(folder, say("site_not_ours", mark=MARK))


def _refusal(where: object, message: str) -> str:
    """The one line that says why the build stops."""
    return ERROR + say("refused", where=where, message=message)


def _fault(point: str) -> None:
    if os.environ.get("HANDBOOK_BUILD_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock; wait (saying so) while another build holds it."""
    folder = private_folder(root)
    fd = None
    if folder:
        with contextlib.suppress(OSError):  # a full or read-only .cache/: lock the project folder instead
            fd = os.open(folder / "build.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    # Without a trusted .cache/ the project folder itself is locked (flock works on a folder too).
    fd = fd if fd is not None else os.open(root, os.O_RDONLY | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(say("build_waiting"), file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock (as the process's death does)


def recover(site_dir: Path) -> None:
    """Undo what an interrupted build left: put the last good site back, remove half-built folders. Only
    folders the build made are touched (:func:`built_here`); another one in the way stops the build."""
    retired = site_dir.with_name(site_dir.name + ".old")
    if os.path.lexists(retired) and not built_here(retired):
        raise Refused(_not_ours(retired))
    if retired.is_dir() and not os.path.lexists(site_dir):
        retired.rename(site_dir)
        print(say("site_restored", name=retired.name), file=sys.stderr)
    elif os.path.lexists(retired):
        _remove(retired)  # a swap that finished: the newer site is in place
    for stale in site_dir.parent.glob(site_dir.name + ".building*"):
        if built_here(stale):
            _remove(stale)  # under the lock, no other build is using it
        else:
            print(WARNING + say("refused", where=stale, message=say("stale_staging_kept")), file=sys.stderr)


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


def _swap(staging: Path, site_dir: Path) -> None:
    """Put the built site in place of the old one (which ``staging`` then holds, or nothing)."""
    if not os.path.lexists(site_dir):
        staging.rename(site_dir)
    elif _exchange(staging, site_dir):
        _fault("swapped")
        _remove(staging)  # now the previous site
    else:
        retired = site_dir.with_name(site_dir.name + ".old")
        site_dir.rename(retired)
        _fault("between-renames")
        try:
            staging.rename(site_dir)
        except BaseException:
            retired.rename(site_dir)  # the old site back at its place before saying why
            raise
        _fault("swapped")
        _remove(retired)


def _start(root: Path, site_dir: Path) -> Path:
    """Check the site folder, undo an interrupted build, and make this build's staging folder with its mark."""
    if problem := folder_problem(root, site_dir):
        raise Refused(_refusal(site_dir, problem))
    recover(site_dir)
    _fault("recovered")
    if os.path.lexists(site_dir) and not built_here(site_dir):
        raise Refused(_not_ours(site_dir))
    staging = site_dir.with_name(f"{site_dir.name}.building-{os.getpid()}")
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(staging)  # a new folder: never an existing one, never through a link
    except OSError as error:
        raise Refused(_refusal(staging, say("staging_failed", reason=reason(error)))) from None
    try:
        write_file(staging, staging / MARK, MARK_TEXT)
    except WriteError as error:
        _remove(staging)
        raise Refused(ERROR + str(error)) from None
    return staging


def build(root: Path, site_dir: Path, strict: bool = True) -> int:
    """Build into ``<site>.building-<pid>`` and swap it in only when the build succeeded."""
    started = time.monotonic()
    site_dir = Path(os.path.abspath(site_dir if site_dir.is_absolute() else root / site_dir))
    if problem := folder_problem(root, site_dir):  # before anything is written, the lock included
        print(_refusal(site_dir, problem), file=sys.stderr)
        return 1
    with build_lock(root):
        _fault("locked")
        try:
            staging = _start(root, site_dir)
        except Refused as refusal:
            print(refusal, file=sys.stderr)
            return 1
        command = [sys.executable, "-m", __name__, "mkdocs", "build", "--clean", "--site-dir", str(staging),
                   "--config-file", str(root / "mkdocs.yml")]
        if strict:
            command.append("--strict")
        try:
            status = _run_child(command, root, {**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        except BaseException:
            _remove(staging)
            raise
        if status != 0 or not (staging / "index.html").is_file():
            _remove(staging)
            kept = "build_failed_site_kept" if site_dir.exists() else "build_failed_no_site"
            print(say(kept, site=site_dir), file=sys.stderr)
            return status or 1
        _fault("built")
        try:
            _swap(staging, site_dir)
        except OSError as error:
            _remove(staging)
            print(_refusal(site_dir, say("swap_failed", reason=reason(error))), file=sys.stderr)
            return 1
        _fault("cleaned")
    print(say("site_written", site=site_dir, seconds=time.monotonic() - started))
    return 0


class _ProblemsAsCheckPrintsThem(logging.Filter):
    """The handbook's problems (macros/__init__.py raises them as one BuildError) are printed as ``check``
    prints them, without MkDocs' ``ERROR   -`` in front of the first line."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.levelno >= logging.ERROR and message.startswith(say("build_stopped")):
            print(message, file=sys.stderr, flush=True)
            return False
        return True


def _mkdocs(argv: list[str]) -> None:
    """The build's MkDocs process (``python -m macros.maintain.publish mkdocs build …``): MkDocs' own command
    line, quiet but for warnings and problems (the build prints one line of its own when it is done), with an
    error it does not expect (a full disk) told in one line instead of a traceback."""
    import click
    from mkdocs.__main__ import cli
    from mkdocs.exceptions import Abort

    # Loggers below "mkdocs", whose level MkDocs' command line sets: theirs stay as set here.
    logging.getLogger("mkdocs.commands").setLevel(logging.WARNING)  # Cleaning…, Building…, built in …
    # mkdocs-macros' [macros] lines and the handbook's info lines (review dates, drafts, no version history: make
    # check lists the first two; plain `mkdocs build` prints all three), as the preview (site/preview.py) does.
    logging.getLogger("mkdocs.plugins").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)  # [macros] Found module …
    logging.getLogger("mkdocs.commands.build").addFilter(_ProblemsAsCheckPrintsThem())
    try:
        cli.main(args=argv[1:], prog_name=argv[0], standalone_mode=False)
    except Abort as abort:  # MkDocs gives up; what went wrong is printed above it
        strict = re.match(r"Aborted with (\d+) warnings? in strict mode", str(abort))
        if strict:
            print(ERROR + say("build_strict_stop", count=int(strict.group(1))), file=sys.stderr)
        sys.exit(1)
    except click.ClickException as error:  # a wrong command line (the build writes its own)
        error.show()
        sys.exit(error.exit_code)
    except Exception as error:  # noqa: BLE001 - anything MkDocs did not report itself
        where = getattr(error, "filename", None) or "MkDocs"
        what = reason(error) if isinstance(error, OSError) else f"{type(error).__name__}: {error}"
        print(ERROR + say("refused", where=where, message=say("mkdocs_failed", what=what)), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    _mkdocs(sys.argv[1:])
