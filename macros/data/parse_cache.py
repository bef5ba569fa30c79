"""Parsed data files kept on disk between processes.

Parsing YAML is most of what ``python -m macros check`` and a build's first data load cost: at 1,000 roles
about 1.7 s on the benchmark machine, half of it PyYAML composing nodes, which no change of ours makes faster. A maintainer
edits a file or two between checks, so each file's parse result (its record, references and locations) is
kept, and only files whose text changed are parsed again (see benchmarks/).

An entry is named by a digest of everything its result depends on: the file's path and text, the record
type, and the loader's own code (models.py, problems.py, read.py, PyYAML's version); an entry can never
be stale, only unused. Entries are pickles, so the folder is private: made with mode 0700 under the temp folder, named for
the user, and ignored when it is not owned by this user or is writable by others (as Jinja does for its
bytecode cache). Any unreadable entry is a miss. ``HANDBOOK_PARSE_CACHE=off`` turns the cache off.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

_SOURCES = ("models.py", "problems.py", "read.py", "parse_cache.py")
_LIMIT_SLACK = 200  # entries kept beyond the files of a load before old ones are removed


def _code_fingerprint() -> str:
    digest = hashlib.sha1(f"{sys.version_info[:2]} {yaml.__version__} {pickle.DEFAULT_PROTOCOL}".encode())
    here = Path(__file__).parent
    for name in _SOURCES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def _private_folder() -> Path | None:
    """``<temp>/pm-handbook-parse-<uid>/``, made if needed; None when it cannot be trusted or made."""
    if os.environ.get("HANDBOOK_PARSE_CACHE", "").lower() in ("off", "0", "false", "no"):
        return None
    uid = os.getuid() if hasattr(os, "getuid") else None  # Windows has no user ids; its temp folder is private
    folder = Path(tempfile.gettempdir()) / f"pm-handbook-parse-{uid or 0}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode) or (uid is not None and info.st_uid != uid) or info.st_mode & 0o077:
            return None
    except OSError:
        return None
    return folder


class ParseCache:
    """Parse results by file path, record type and text, in a private folder of the temp directory."""

    def __init__(self) -> None:
        self.written = 0

    @functools.cached_property
    def folder(self) -> Path | None:
        """This code's folder of entries (made on first use), or None when the cache is off."""
        base = _private_folder()
        if base is None:
            return None
        folder = base / _code_fingerprint()
        try:
            folder.mkdir(exist_ok=True)
        except OSError:
            return None
        self._drop_other_versions(base, folder.name)
        return folder

    @staticmethod
    def _drop_other_versions(base: Path, keep: str) -> None:
        for other in base.iterdir():
            if other.name != keep and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)

    @staticmethod
    def key(rel: str, cls: type, text: str) -> str:
        """The entry name of a file's parse result."""
        digest = hashlib.blake2b(f"{rel}\0{cls.__module__}.{cls.__qualname__}\0".encode(), digest_size=20)
        digest.update(text.encode("utf-8"))
        return digest.hexdigest()

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``, or None."""
        if self.folder is None:
            return None
        try:
            with open(self.folder / key, "rb") as stream:
                return pickle.load(stream)
        except Exception:  # noqa: BLE001 - a missing, torn or foreign entry is a miss, never an error
            return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key``, atomically (a reader sees the old entry, the new one, or none)."""
        folder = self.folder
        if folder is None:
            return
        partial = folder / f".{key}.{os.getpid()}"
        try:
            with open(partial, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, folder / key)
            self.written += 1
        except OSError:
            partial.unlink(missing_ok=True)

    def prune(self, used: set[str]) -> None:
        """Remove entries not in ``used`` once they outnumber the used ones by more than a margin."""
        folder = self.folder
        if folder is None:
            return
        try:
            names = os.listdir(folder)
            if len(names) <= len(used) + _LIMIT_SLACK:
                return
            for name in names:
                if name not in used:
                    (folder / name).unlink(missing_ok=True)
        except OSError:
            pass


def clear() -> None:
    """Remove this user's cache folder (the next load parses every file again)."""
    folder = _private_folder()
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
