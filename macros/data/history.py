"""The committed history of the role files: every version of ``data/roles/<slug>.yaml`` the repository holds,
read back with the handbook's own reader and models.

Two git commands read the history, whatever the number of roles or commits (after two ``git rev-parse``
that ask whether there is a whole history; each run without a shell, with a timeout, and never through the
repository's pager, text conversions, external diff programs or signature checks):

* ``git log --first-parent --raw -M -- data/roles``: every commit of the main line that changed a role file,
  with its date and the blob of each file it wrote (renames detected, as ``git log --follow`` would);
* ``git cat-file --batch``: those blobs, in one stream (what ``git show <commit>:<path>`` gives one by one).

A role is followed back through its renames: git's own rename detection, and where a rename changed so much
that git saw a file deleted and another added, through the role's ``former_slugs``. Each version is read as
``data/`` is (:func:`macros.data.read.read_values`); one that the current models refuse (it was written before a
field changed) is compared all the same, as the plain values its YAML holds (as every version is); one that is
not YAML at all is skipped. Only commits count: uncommitted edits of the working tree are not history. A folder
without a repository, without git, or a shallow clone (whose first commit would look like every role being
written at once) has no history: :attr:`History.missing` says why, and the build goes on without it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .models import Role
from .problems import Collector
from .read import MAX_BYTES, ROLE_DIR, read_values

GIT_TIMEOUT = 30  # seconds for one git command; the four of a build take ~20 ms on the handbook's history
# Git's environment: the repository found from the project folder (a hook's GIT_DIR would point elsewhere),
# no prompt, no lock taken on the index by a read.
_GIT_ENV_DROPPED = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_NAMESPACE", "GIT_OBJECT_DIRECTORY",
                    "GIT_ALTERNATE_OBJECT_DIRECTORIES")
# Nothing the repository's own settings would run: no file-system monitor, no signature checks (gpg per commit).
_GIT_SAFE = ("-c", "core.fsmonitor=false", "-c", "log.showSignature=false", "--no-pager")
_COMMIT = "\x01"  # starts each commit of the log: --format=%x01%H%x1f%cI
# Each committed version read, by its blob id (the content's hash): a role file's ~3 ms of YAML, read once.
_PARSED: dict[str, tuple[dict[str, Any], bool] | None] = {}
_ROLE_DEFAULTS = {name: info.get_default(call_default_factory=True)
                  for name, info in Role.model_fields.items() if not info.is_required()}


class _NoHistory(Exception):
    """Why there is no history: a key of the message table (``history_*``)."""


class _GitSaidNo(_NoHistory):
    """Git ran and ended with an error status (what it means depends on the question asked)."""


@dataclass(frozen=True)
class Version:
    """One committed version of a role file."""

    commit: str
    date: dt.datetime  # when the commit landed (committer date, with its offset)
    path: str  # the file's path at that commit, relative to the project (data/roles/<slug>.yaml)
    # The role as plain values (text, numbers, lists, dicts; dates as YYYY-MM-DD) as its YAML holds them, with
    # the model's defaults for the fields left out.
    values: Mapping[str, Any]
    valid: bool  # whether today's models accept this version


@dataclass(frozen=True)
class History:
    """Each role's committed versions, oldest first (a role never committed has none)."""

    versions: Mapping[str, tuple[Version, ...]] = field(default_factory=dict)
    # Why there is no history at all: a key of the message table (history_no_git, history_not_repository,
    # history_shallow, history_git_failed, history_uncommitted), or None.
    missing: str | None = None


@dataclass(frozen=True)
class _Event:
    """A commit's change to one file (``git log --raw``)."""

    commit: str
    date: dt.datetime
    status: str  # A, M, D, T, R<score>, C<score>
    path: str  # the file written (for R and C: the new name)
    old_path: str  # the file it came from (R and C), else the path itself
    blob: str  # the blob written (for D: zeros)


def _git(root: Path, args: list[str], stdin: bytes | None = None) -> bytes:
    """A git command's output; :class:`_NoHistory` when git is missing, fails or takes too long."""
    env = {key: value for key, value in os.environ.items() if key not in _GIT_ENV_DROPPED}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        result = subprocess.run(["git", *_GIT_SAFE, *args], cwd=root, env=env, input=stdin, capture_output=True,
                                timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise _NoHistory("history_no_git") from None
    except (OSError, subprocess.SubprocessError):  # a timeout, a git that cannot be started
        raise _NoHistory("history_git_failed") from None
    if result.returncode != 0:
        raise _GitSaidNo("history_git_failed")
    return result.stdout


def _repository(root: Path) -> None:
    """The project is in a work tree with its whole history, or :class:`_NoHistory`."""
    try:
        answer = _git(root, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"]).split()
    except _GitSaidNo:
        raise _NoHistory("history_not_repository") from None  # not a repository (or one git refuses to read)
    if answer[:1] != [b"true"]:
        raise _NoHistory("history_not_repository")
    if answer[1:2] == [b"true"]:
        raise _NoHistory("history_shallow")


def _events(root: Path) -> list[_Event]:
    """Every change to a file under data/roles/ on the main line, newest first."""
    try:
        _git(root, ["rev-parse", "--verify", "--quiet", "HEAD"])
    except _GitSaidNo:
        raise _NoHistory("history_uncommitted") from None  # a repository without a commit yet
    output = _git(root, ["log", "-m", "--first-parent", "--raw", "--no-abbrev", "-M", "-z", "--relative",
                         "--no-textconv", "--no-ext-diff", "--no-color", f"--format={_COMMIT}%H%x1f%cI",
                         "--", ROLE_DIR])
    events = []
    for chunk in output.decode("utf-8", "surrogateescape").split(_COMMIT)[1:]:
        header, _, raw = chunk.partition("\0")
        commit, _, date = header.partition("\x1f")
        tokens = raw.lstrip("\n").split("\0")
        index = 0
        while index < len(tokens) and tokens[index].startswith(":"):
            fields = tokens[index].split()  # :old-mode new-mode old-blob new-blob status
            status = fields[4]
            if status[:1] in "RC":
                old_path, path, index = tokens[index + 1], tokens[index + 2], index + 3
            else:
                old_path = path = tokens[index + 1]
                index += 2
            events.append(_Event(commit, dt.datetime.fromisoformat(date), status, path, old_path, fields[3]))
    return events


def _follow(events: list[_Event], path: str, formers: Iterable[str]) -> list[_Event]:
    """The events that wrote a role's file, newest first, followed back through its renames: git's (R) and,
    where git saw a file added (A) and the old one deleted, the role's former file names."""
    formers = [f"{ROLE_DIR}/{slug}.yaml" for slug in formers]
    name, chain = path, []
    for index, event in enumerate(events):
        if event.path != name or event.status == "D":
            continue
        chain.append(event)
        if event.status[:1] == "R":
            name = event.old_path
        elif event.status[:1] in "AC":
            older = {other.path for other in events[index + 1:]}
            name = next((former for former in formers if former in older), "")
            if not name:
                break
    if not chain:  # renamed in the working tree only: the committed history is the former file's
        older = {event.path for event in events}
        former = next((former for former in formers if former in older), None)
        return _follow(events, former, ()) if former else []
    return chain


def _blobs(root: Path, ids: Iterable[str]) -> dict[str, bytes]:
    """The contents of git blobs, in one ``git cat-file --batch``."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    output = _git(root, ["cat-file", "--batch"], stdin="".join(f"{blob}\n" for blob in ids).encode())
    contents, at = {}, 0
    for blob in ids:
        end = output.index(b"\n", at)
        header = output[at:end].split()
        if len(header) != 3:  # "<id> missing"
            at = end + 1
            continue
        size = int(header[2])
        contents[blob] = output[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return contents


def _plain(value: Any) -> Any:
    """Tuples as lists, dates as YYYY-MM-DD: what JSON and the comparison of versions work with."""
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def read_version(path: str, data: bytes) -> tuple[dict[str, Any], bool] | None:
    """One committed role file as plain values and whether today's models accept it; None when it is not a
    YAML mapping the reader accepts (then it is left out of the history). Read as ``data/`` is read
    (:func:`macros.data.read.read_values`), validated without locating its problems: only whether there are."""
    if len(data) > MAX_BYTES:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    readable, values = read_values(path, text, Collector())
    if not readable or not isinstance(values, dict):
        return None
    try:
        Role.model_validate(values)
        valid = True
    except ValidationError:
        valid = False
    # Compared as written (with the model's defaults for what was left out), valid or not: the same shape for
    # every version, whatever types the models give their fields (a duty is a text, or a text and an activity).
    return {**_plain(_ROLE_DEFAULTS), **_plain(values)}, valid


def read_history(root: Path, sources: Mapping[str, str], formers: Mapping[str, Iterable[str]]) -> History:
    """The committed versions of each role's file (``sources``: slug -> data/roles/<file>, relative to the
    project; ``formers``: slug -> its former slugs), oldest first. Never raises: without history,
    :attr:`History.missing` says why."""
    try:
        _repository(root)
        events = _events(root)
        chains = {slug: _follow(events, path, formers.get(slug, ())) for slug, path in sources.items()}
        contents = _blobs(root, (event.blob for chain in chains.values() for event in chain
                                 if event.blob not in _PARSED))
    except _NoHistory as none:
        return History(missing=str(none))
    versions: dict[str, tuple[Version, ...]] = {}
    for slug, chain in chains.items():
        read = []
        for event in reversed(chain):
            if event.blob not in _PARSED:  # a blob never changes: read once per process (serve rebuilds often)
                data = contents.get(event.blob)
                _PARSED[event.blob] = read_version(event.path, data) if data is not None else None
            parsed = _PARSED[event.blob]
            if parsed is not None:
                read.append(Version(event.commit, event.date, event.path, parsed[0], parsed[1]))
        versions[slug] = tuple(read)
    if not any(versions.values()):
        return History(versions=versions, missing="history_uncommitted")
    return History(versions=versions)
