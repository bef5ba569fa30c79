"""Writing files safely: never through a link, never outside the folder being written into, whole files only.

Every command that writes (``new-role``, ``sync-stubs``, ``contract``, ``schemas``, ``export``, the build's
staging folder) writes with :func:`write_file`. It refuses a name that is a link (a role stub pointing at a file
elsewhere is not overwritten through the link) and a folder that leads outside the project (or the chosen output
folder), and writes a temporary file beside the target that then replaces it in one step: a full disk or a
killed command leaves the old file as it was. A refusal or failure is a :class:`WriteError` with the file and a
Chinese message, which the command line prints as one ``错误：`` line.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from .messages import say

# What the system's error means for a maintainer, and what to do about it (an entry of the message table).
_REASONS = {
    errno.ENOSPC: "os_no_space",
    errno.EDQUOT: "os_quota",
    errno.EACCES: "os_no_permission",
    errno.EPERM: "os_not_permitted",
    errno.EROFS: "os_read_only",
    errno.EBUSY: "os_busy",
    errno.EXDEV: "os_other_disk",
    errno.ELOOP: "os_link",
    errno.ENOENT: "os_missing",
    errno.ENOTDIR: "os_not_folder",
    errno.EISDIR: "os_is_folder",
    errno.EEXIST: "os_exists",
    errno.ENOTEMPTY: "os_not_empty",
    errno.ENAMETOOLONG: "os_name_too_long",
    errno.EIO: "os_io",
}


def reason(error: OSError) -> str:
    """An operating-system error in Chinese, with what to do."""
    known = _REASONS.get(error.errno or 0)
    return say(known) if known else say("os_other", detail=error.strerror or error)


class WriteError(Exception):
    """A file or folder a command must not or cannot write: where, and why (in Chinese)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(say("refused", where=where, message=message))
        self.where, self.message = where, message


def shown(root: Path, path: Path) -> str:
    """A path as a maintainer reads it: relative to the project where it is inside it."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return str(path)


def _inside(folder: str, path: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def target(root: Path, path: Path) -> Path:
    """The real path to write ``path`` at; a :class:`WriteError` when it must not be written: its folder leads
    outside ``root`` (through a link, or ``..``), or the name is a link or not a regular file."""
    where = shown(root, path)
    parent = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    if not _inside(os.path.realpath(root), parent):
        raise WriteError(where, say("write_outside", root=os.path.realpath(root), parent=parent))
    real = Path(parent) / os.path.basename(path)
    try:
        info = os.lstat(real)
    except FileNotFoundError:
        return real
    except OSError as error:
        raise WriteError(where, say("write_reason", reason=reason(error))) from None
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(where, say("write_through_link"))
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(where, say("write_not_regular"))
    return real


def write_file(root: Path, path: Path, content: str | bytes, encoding: str = "utf-8") -> None:
    """Write a whole file inside ``root`` (see :func:`target`): the old content stays until the new one is
    complete. Text is written as given (no newline translation). A file that already holds the content is left
    as it is, its time included (`mkdocs serve` then copies only what a save changed)."""
    real = target(root, path)
    data = content.encode(encoding) if isinstance(content, str) else content
    try:
        info = os.lstat(real)
        mode = stat.S_IMODE(info.st_mode)
    except FileNotFoundError:
        mode = None
    else:
        if info.st_size == len(data) and _holds(real, data):
            return
    temporary = real.with_name(f".{real.name}.{os.getpid()}.tmp")  # hidden: no loader or MkDocs reads it
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)  # left by a killed process of the same id (unlink never follows a link)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.replace(temporary, real)  # replaces the name itself: never writes through a link
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteError(shown(root, path), say("write_failed", reason=reason(error))) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _holds(path: Path, data: bytes) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(data) + 1) == data
    except OSError:
        return False


def make_folder(root: Path, path: Path) -> None:
    """Make ``path`` and its missing parents inside ``root``, never through a link (see :func:`target`)."""
    root = Path(os.path.abspath(root))
    path = Path(os.path.abspath(path))
    for folder in [*reversed(path.parents), path]:
        if folder == root or not _inside(str(root), str(folder)):
            continue
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass
        except OSError as error:
            raise WriteError(shown(root, folder), say("folder_failed", reason=reason(error))) from None
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            raise WriteError(shown(root, folder), say("folder_not_folder"))

