"""Problems with the data, in one format: ``file:line:column: field.path: expected …, got …``.

Every message a maintainer reads about a value comes from :data:`MESSAGES`, one line per kind of mistake,
whether the YAML reader, pydantic or a rule found it. Problems are collected, never raised one by one.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Iterator, NamedTuple, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .models import PATTERN_HINTS, Record, Ref


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


class Where(NamedTuple):
    file: str
    line: int
    column: int
    path: str


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def path_of(loc: tuple) -> str:
    """A location ``('skills', 0, 'level')`` as the maintainer reads it: ``skills[0].level``."""
    path = ""
    for step in loc:
        path = f"{path}[{step}]" if isinstance(step, int) else join(path, str(step))
    return path


@dataclass(frozen=True)
class Located:
    """One file's YAML nodes, which know where each value and key was written; kept only while loading."""

    file: str
    root: Any  # the yaml.Node of the document

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

    def at(self, loc: tuple, key: bool = False, report: tuple | None = None) -> Where:
        mark = self.node(loc, key).start_mark
        return Where(self.file, mark.line + 1, mark.column + 1, path_of(loc if report is None else report))

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


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the record at ``loc`` under ``model``."""
    hint: Any = model
    for step in (*loc, None):
        shape, inner, _ref = _plan(hint)
        while shape == "optional":
            shape, inner, _ref = _plan(inner)
        if step is None:
            return [name for name, _hint in inner] if shape == "record" else []
        hint = dict(inner)[step] if shape == "record" else inner if shape == "items" else inner[1]
    return []


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
        problems.append(Problem(where.file, where.line, where.column, where.path, message))
    return problems


@cache
def _plan(hint: Any) -> tuple[str, Any, str | None]:
    """How to walk a value of this type for records and references: (shape, inner, reference kind)."""
    ref = None
    while get_origin(hint) is Annotated:
        ref = next((mark.kind for mark in get_args(hint)[1:] if isinstance(mark, Ref)), ref)
        hint = get_args(hint)[0]
    if isinstance(hint, type) and issubclass(hint, Record):
        fields = typing.get_type_hints(hint, include_extras=True)
        return ("record", tuple((name, fields[name]) for name in hint.model_fields), None)
    if get_origin(hint) is tuple:
        return ("items", get_args(hint)[0], None)
    if get_origin(hint) is dict:
        return ("mapping", get_args(hint), _plan(get_args(hint)[0])[2])
    if get_origin(hint) in (typing.Union, types.UnionType):
        return ("optional", next(arg for arg in get_args(hint) if arg is not type(None)), None)
    return ("ref" if ref else "leaf", None, ref)


def _walk(value: Any, hint: Any, loc: tuple) -> Iterator[tuple[str, Any, tuple, str | None]]:
    """(shape, value, location, reference kind) of every record and reference inside ``value``: a record, or
    the plain values read for one (which may not have made a valid record)."""
    shape, inner, ref = _plan(hint)
    if shape == "record" and isinstance(value, (Record, dict)):
        yield shape, value, loc, None
        for name, field_hint in inner:
            item = value.get(name) if isinstance(value, dict) else getattr(value, name)
            yield from _walk(item, field_hint, (*loc, name))
    elif shape == "items" and isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, inner, (*loc, index))
    elif shape == "optional" and value is not None:
        yield from _walk(value, inner, loc)
    elif shape == "mapping" and isinstance(value, dict):
        for key, item in value.items():
            if ref:
                yield "key", key, (*loc, key), ref
            yield from _walk(item, inner[1], (*loc, key))
    elif shape == "ref" and isinstance(value, str):
        yield shape, value, loc, ref


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

    def add(self, where: Where, message: str) -> None:
        self.problems.append(Problem(where.file, where.line, where.column, where.path, message))

    def add_file(self, record: Any, model: type, located: Located, values: Any, refs: list[tuple[str, str]]) -> None:
        """A file read: its record (None if it was not valid), the plain values read, the references found."""
        self.refs.extend((kind, value, len(self.files)) for kind, value in refs)
        self.files.append((record, model, located, values))

    def place(self, record: object, field: str = "") -> Where:
        if not self._records:
            self._records = {id(value): (located, loc) for record_, model, located, _values in self.files
                             if record_ is not None
                             for shape, value, loc, _ref in _walk(record_, model, ()) if shape == "record"}
        located, loc = self._records[id(record)]
        if field and located.node((*loc, field)) is not located.node(loc):
            return located.at((*loc, field))
        return located.at(loc)

    def reference_places(self, kind: str, value: str, file: int) -> list[Where]:
        """Where a reference was written (a mapping key is reported as its mapping's field)."""
        _record, model, located, values = self.files[file]
        return [located.at(loc, key=True, report=loc[:-1]) if shape == "key" else located.at(loc)
                for shape, found, loc, ref in _walk(values, model, ()) if ref == kind and found == value]


def text_or_problem(path: Path, rel: str) -> str | Problem:
    """A text file's content, or the problem that it cannot be read as UTF-8 text (pages, stubs)."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return Problem(rel, 1, 1, "", f"expected UTF-8 text, got byte 0x{error.object[error.start]:02x} "
                       f"at offset {error.start}: save the file as UTF-8")
    except OSError as error:
        return Problem(rel, 1, 1, "", f"cannot read file: {error.strerror}")
