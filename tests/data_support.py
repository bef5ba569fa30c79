"""Helpers for tests of the data: one exact edit to a copy and the problems the loader reports; and the ids of the
real data's records, read without validating them, to collect one test per record."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

from macros.data.read import HandbookError, load_handbook

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def edit(project: Path, file: str, old: str, new: str) -> None:
    """Replace one exact piece of a data file (it must be there exactly once)."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems_of(project: Path) -> list[str]:
    """Every problem loading ``project`` reports, as the maintainer reads it (the load must fail)."""
    with pytest.raises(HandbookError) as caught:
        load_handbook(project)
    return [str(problem) for problem in caught.value.problems]


# --- Collecting one test per record of the real data ---------------------------------------------------------
# Collection reads ids only, with plain YAML: invalid data then fails the tests (through the `handbook` fixture,
# with the maintainer's list of problems) instead of stopping the collection of the whole module.


def read_yaml(file: str) -> Any:
    """A file of the real project as plain YAML, not validated; None where it cannot be read."""
    try:
        return yaml.safe_load((ROOT / file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def unreadable(file: str) -> list[str]:
    """The one id collected from a file whose records cannot be read: the test collected for it fails."""
    return [f"unreadable {file}"]


def ids_in(file: str, *path: str, key: str = "id") -> list[str]:
    """The ``key`` of each record under ``path`` in a data file (``ids_in("data/glossary.yaml", "terms")``)."""
    records = read_yaml(file)
    try:
        for step in path:
            records = records[step]
        return [str(item[key]) for item in records or ()]  # `terms:` with nothing after it: no records
    except (KeyError, TypeError):
        return unreadable(file)


def role_slugs(published: bool = False) -> list[str]:
    """The slugs of data/roles/: its files' names. With ``published``, only the roles the site shows: files
    that give no other status (a file that cannot be read is kept, and its test fails)."""
    paths = sorted((ROOT / "data" / "roles").glob("*.yaml"))
    if not published:
        return [path.stem for path in paths]
    roles = {path.stem: read_yaml(path.relative_to(ROOT).as_posix()) for path in paths}
    return [slug for slug, role in roles.items()
            if not isinstance(role, dict) or role.get("status", "published") == "published"]


def record(by_key: Mapping[str, T], key: str) -> T:
    """The loaded record a test was collected for; the test fails where the loaded handbook has none."""
    assert key in by_key, f"{key!r} was collected from data/ but the loaded handbook has no such record"
    return by_key[key]
