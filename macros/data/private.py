"""The project's private folder, ``<project>/.cache/``: caches and the build lock, never a shared temp folder.

A folder of the system's temp directory is shared with every user of the machine: another user can create
the name first (then Jinja refuses to use it and every build fails) or plant files in it that the next build
loads. A folder inside the project is as private as the project itself — whoever can write to the project
can change its code anyway. It is used only when it is a real folder (not a link), owned by this user and
writable by no one else; otherwise the caches are simply off, and nothing fails.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER = ".cache"


def _trusted(path: Path, uid: int | None) -> bool:
    info = path.lstat()
    return (stat.S_ISDIR(info.st_mode) and (uid is None or info.st_uid == uid)
            and not info.st_mode & 0o022)


def private_folder(root: Path, name: str = "") -> Path | None:
    """``<root>/.cache/<name>/`` made if needed (mode 0700); None when it cannot be made or trusted."""
    uid = os.getuid() if hasattr(os, "getuid") else None  # Windows has no user ids
    folder = Path(root) / FOLDER
    try:
        for path in (folder, folder / name) if name else (folder,):
            try:
                path.mkdir(mode=0o700)  # never follows a link at its own name: an existing name fails
            except FileExistsError:
                pass
            if not _trusted(path, uid):
                return None
    except OSError:
        return None
    return folder / name if name else folder
