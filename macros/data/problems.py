"""Problems with the data: what is wrong, where (file, line, column, field), collected rather than raised one by one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located precisely enough to fix without reading code."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class HandbookError(Exception):
    """The data has problems; ``problems`` lists all of them, sorted by file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(sorted(set(problems)))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} in data/; nothing was built.")
        return "\n".join(lines)


class _Where(NamedTuple):  # a tuple: cheap to make, and made only for problems and references
    file: str
    line: int
    column: int
    path: str


# A location packed into one integer by the reader (see read.py): line above, column below.
_COLUMN_BITS = 20


def _unpack(file: str, packed: int, path: str) -> _Where:
    return _Where(file, (packed >> _COLUMN_BITS) + 1, (packed & ((1 << _COLUMN_BITS) - 1)) + 1, path)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


INVALID = object()


class _Collector:
    """Problems and the locations of every record and reference, gathered while converting."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.refs: list[tuple[str, str, str, int, str]] = []  # (kind, value, file, packed location, path)
        # id(record) -> (file, path, packed location, {field: packed location of its value})
        self.places: dict[int, tuple[str, str, int, dict[str, int]]] = {}
        # The same, as (record, place) pairs: what a parse gives and the parse cache keeps (ids do not last).
        self.placed: list[tuple[object, tuple[str, str, int, dict[str, int]]]] = []
        self.cache_keys: set[str] = set()  # parse cache entries this load used

    def add(self, where: _Where, message: str) -> None:
        self.problems.append(Problem(where.file, where.line, where.column, where.path, message))

    def place(self, record: object, field: str = "") -> _Where:
        """Where a record (or one of its fields) was written."""
        file, path, packed, fields = self.places[id(record)]
        if field in fields:
            return _unpack(file, fields[field], _join(path, field))
        return _unpack(file, packed, path)

    @staticmethod
    def reference_place(ref: tuple[str, str, str, int, str]) -> _Where:
        """Where a reference (an item of ``refs``) was written."""
        _kind, _value, file, packed, path = ref
        return _unpack(file, packed, path)
