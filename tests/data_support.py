"""Helpers for tests that break a copy of the data: one exact edit, then the problems the loader reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.read import HandbookError, load_handbook


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
