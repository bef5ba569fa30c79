"""Problems with the data, in one format: ``file:line:column: field.path: expected …, got …``.

What pydantic rejects is said through :data:`MESSAGES`, one line per kind of mistake; the models' own
validators and the rules write their messages where they check. Problems are collected, never raised one by one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ValidationError

from .models import PATTERN_HINTS


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


def path_of(loc: tuple) -> str:
    """A location ``('skills', 0, 'level')`` as the maintainer reads it: ``skills[0].level``."""
    path = ""
    for step in loc:
        path = f"{path}[{step}]" if isinstance(step, int) else f"{path}.{step}" if path else str(step)
    return path


@dataclass(frozen=True)
class Located:
    """One file's text and its YAML nodes, which know where each value and key was written. The nodes are
    composed again only when a problem needs a place: kept for every file, they were most of the objects the
    garbage collector walked while loading (5.1 s instead of 2.9 s at 1,000 roles, in a build)."""

    file: str
    text: str
    compose: Callable[[str], Any]  # text -> the yaml.Node of the document

    @cached_property
    def root(self) -> Any:
        return self.compose(self.text)

    def node(self, loc: tuple, key: bool = False) -> Any:
        """The node at ``loc`` (its key's node with ``key``); the nearest enclosing one if there is none."""
        node = self.root
        for index, step in enumerate(loc):
            children = node.value if isinstance(node.value, list) else []
            if isinstance(step, int) and step < len(children) and not isinstance(children[step], tuple):
                node = children[step]
                continue
            pair = next((pair for pair in children if isinstance(pair, tuple) and pair[0].value == step), None)
            if pair is None:
                break
            node = pair[0] if key and index == len(loc) - 1 else pair[1]
        return node

    def at(self, loc: tuple, key: bool = False, report: tuple | None = None) -> Problem:
        """Where the value (or key) at ``loc`` was written, named as the field at ``report``: a problem without
        its message yet."""
        mark = self.node(loc, key).start_mark
        return Problem(self.file, mark.line + 1, mark.column + 1, path_of(loc if report is None else report), "")

    def raw(self, loc: tuple) -> str:
        """How the value at ``loc`` was written."""
        node = self.node(loc)
        return node.value if isinstance(node.value, str) else ""


def kind_of(value: Any) -> str:
    """How a value reads to a maintainer: 'a list', 'a mapping', 'text', 'a number', ..."""
    if isinstance(value, bool):
        return "true/false"
    return {tuple: "a list", list: "a list", dict: "a mapping", str: "text", type(None): "nothing"}.get(
        type(value), "a number")


# pydantic's error type -> the message; {placeholders} come from the error's context and from `_fields`.
MESSAGES = {
    "missing": "missing required field '{path}'",
    "extra_forbidden": "unknown field; {suggestion}",
    "string_type": "expected text, got {kind} {raw!r} (put it in quotes if it is meant as text)",
    "string_too_short": "expected text, got an empty string",
    "string_pattern_mismatch": "expected {hint}, got {input!r}",
    "int_type": "expected a whole number, got {raw!r}",
    "range": "expected {low}–{high}, got {got}",
    "date_format": "expected a date as YYYY-MM-DD, got {got}",
    "literal_error": "expected one of {choices}, got {raw!r}",
    "too_short": "expected at least {min_length} item(s), got {actual_length}",
    "too_long": "expected at most {max_length} item(s), got {actual_length}",
    "tuple_type": "expected a list, got {kind}",
    "model_type": "expected a mapping of fields, got {kind}",
    "dict_type": "expected a mapping, got {kind}",
}
# Where one value was expected but a list, a mapping or nothing came: "expected {what}, got a list".
EXPECTED = {"string_type": "text", "int_type": "a whole number", "range": "a whole number",
            "date_format": "a date", "literal_error": "one of {choices}"}


def _record_inside(hint: Any) -> tuple[type[BaseModel] | None, int]:
    """The record type a field holds and how many lists or mappings deep: ``tuple[Skill, ...]`` is (Skill, 1)."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (tuple, dict):
        inner, depth = _record_inside(args[-1] if origin is dict else args[0])
        return inner, depth + 1
    if origin is None and isinstance(hint, type) and issubclass(hint, BaseModel):
        return hint, 0
    return next((found for found in map(_record_inside, args) if found[0]), (None, 0))  # Annotated, X | None


def _fields_at(model: type[BaseModel] | None, loc: tuple) -> list[str]:
    """The field names of the record at ``loc`` under ``model``."""
    skip = 0
    for step in loc:
        if skip:  # an item of a list or mapping: the same record type
            skip -= 1
        elif model is not None and step in model.model_fields:  # (model_fields may hold unresolved hints)
            model, skip = _record_inside(get_type_hints(model)[step])
    return list(model.model_fields) if model is not None and not skip else []


def _fields(error: dict, located: Located, loc: tuple, model: type[BaseModel]) -> dict[str, Any]:
    value, context = error.get("input"), error.get("ctx") or {}
    fields = {**context, "path": path_of(loc), "input": value, "kind": kind_of(value),
              "raw": value if isinstance(value, str) else located.raw(loc)}
    if error["type"] == "extra_forbidden":
        allowed = _fields_at(model, error["loc"][:-1])
        close = difflib.get_close_matches(str(error["loc"][-1]), allowed, n=1)
        fields["suggestion"] = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
    if "pattern" in context:
        fields["hint"] = PATTERN_HINTS.get(context["pattern"], f"text matching {context['pattern']}")
    if "expected" in context:
        fields["choices"] = ", ".join(re.findall(r"'([^']*)'", context["expected"]))
    return fields


def validation_problems(error: ValidationError, located: Located, model: type[BaseModel]) -> list[Problem]:
    """pydantic's errors as problems, each at the line and column where the value (or key) was written."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(step for step in item["loc"] if step != "[key]")
        kind = item["type"]
        if kind in ("too_short", "too_long") and isinstance(item["input"], tuple):
            # pydantic counts only the items that were valid: count what was written.
            written = len(item["input"])
            if (item["ctx"].get("min_length") or 0) <= written <= (item["ctx"].get("max_length") or written):
                continue
            item["ctx"]["actual_length"] = written
        fields = _fields(item, located, loc, model)
        if kind == "missing":
            where = located.at(loc[:-1])
        else:
            where = located.at(loc, key=kind == "extra_forbidden" or len(loc) < len(item["loc"]))
        template = MESSAGES.get(kind)
        if kind in EXPECTED and isinstance(fields["input"], (tuple, list, dict, type(None))):
            template = f"expected {EXPECTED[kind]}, got {{kind}}"
        message = template.format(**fields) if template else item["msg"]  # pydantic's words if not listed
        problems.append(replace(where, message=message))
    return problems


def _records_in(value: Any, loc: tuple, found: dict[int, tuple]) -> dict[int, tuple]:
    """Every record inside a validated value, by identity, with its location."""
    if isinstance(value, BaseModel):
        found[id(value)] = loc
        for name, item in value:
            _records_in(item, (*loc, name), found)
    elif isinstance(value, (tuple, dict)):
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            _records_in(item, (*loc, key), found)
    return found


@dataclass
class Collector:
    """Problems, the references to resolve, and where every record was written: what the rules work with.

    ``out.place(record, "field")`` is where a record's field was written (the record itself when the field
    was left out): a rule says where its problem is with it, e.g. ``out.add(out.place(role, "slug"), "…")``.
    Locations are worked out only when asked for, i.e. when there is something to report.
    """

    problems: list[Problem] = field(default_factory=list)
    refs: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, value, index into files)
    files: list[tuple[Any, type, Located, Any]] = field(default_factory=list)  # record or None, model, file, values
    _records: dict[int, tuple[Located, tuple]] = field(default_factory=dict)

    def add(self, where: Problem, message: str) -> None:
        self.problems.append(replace(where, message=message))

    def unique(self, items: Iterable[Any], key: str) -> None:
        """Each item's ``key`` differs from every other's (ids, slugs, levels, terms)."""
        seen: dict[Any, Any] = {}
        for item in items:
            first = seen.setdefault(getattr(item, key), item)
            if first is not item:
                where, there = self.place(item, key), self.place(first, key)
                used = f"line {there.line}" if there.file == where.file else f"{there.file}:{there.line}"
                self.add(where, f"duplicate {key} {getattr(item, key)!r} (already used on {used})")

    def add_file(self, record: Any, model: type, located: Located, values: Any, refs: list[tuple[str, str]]) -> None:
        """A file read: its record (None if it was not valid), the plain values read, the references found."""
        self.refs.extend((kind, value, len(self.files)) for kind, value in refs)
        self.files.append((record, model, located, values))

    def place(self, record: object, field: str = "") -> Problem:
        if not self._records:
            self._records = {key: (located, loc) for record_, _model, located, _values in self.files
                             if record_ is not None for key, loc in _records_in(record_, (), {}).items()}
        located, loc = self._records[id(record)]
        if field and located.node((*loc, field)) is not located.node(loc):
            return located.at((*loc, field))
        return located.at(loc)

    def reference_places(self, kind: str, value: str, file: int) -> list[Problem]:
        """Where a reference was written (a mapping key is reported as its mapping's field): validating the file
        again, refusing this reference (:class:`~.models.Ref`), makes pydantic say where it is."""
        _record, model, located, values = self.files[file]
        try:
            model.model_validate(values, context={"unknown": (kind, value)})
        except ValidationError as error:
            return [located.at(loc[:-1], key=True, report=loc[:-2]) if loc[-1] == "[key]" else located.at(loc)
                    for loc in (item["loc"] for item in error.errors() if item["type"] == "unknown_reference")]
        return []


def text_or_problem(path: Path, rel: str) -> str | Problem:
    """A text file's content, or the problem that it cannot be read as UTF-8 text (pages, stubs)."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return Problem(rel, 1, 1, "", f"expected UTF-8 text, got byte 0x{error.object[error.start]:02x} "
                       f"at offset {error.start}: save the file as UTF-8")
    except OSError as error:
        return Problem(rel, 1, 1, "", f"cannot read file: {error.strerror}")
