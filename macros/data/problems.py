"""Problems with the data, in one format: ``file:line:column field.path：应为…，实际是…：请…``.

Every message is an entry of :data:`~.messages.MESSAGES`, in Chinese: what pydantic rejects is said through
:data:`BY_TYPE`, one entry per kind of mistake; the models' own validators and the rules name their entries
where they check. Problems are collected, never raised one by one.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ValidationError

from .files import reason
from .messages import ERROR, say
from .models import PATTERN_HINTS


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located precisely enough to fix without reading code."""

    file: str
    line: int
    column: int
    field: str
    message: str
    # CAUSE (0) for a problem others may follow from (a file that cannot be read, a record that is not what its
    # file name says): causes are listed first, so they are read before their consequences.
    rank: int = field(default=1, compare=False)

    def __str__(self) -> str:
        # file:line:column as editors and terminals open it with a click; then the field as written in the YAML.
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where} {self.field}：{self.message}" if self.field else f"{where} {self.message}"


class HandbookError(Exception):
    """The data has problems; ``problems`` lists all of them, causes first, then by file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = ordered(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [ERROR + str(problem) for problem in self.problems]
        lines.append(say("problems_summary", count=len(self.problems)))
        return "\n".join(lines)


CAUSE = 0


def ordered(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Problems once each, causes first, then by file and line."""
    return tuple(sorted(set(problems), key=lambda problem: (problem.rank, problem)))


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
    """How a value reads to a maintainer: 列表, 映射, 文字, 数字, ..."""
    if isinstance(value, bool):
        return say("kind_true_false")
    return say({tuple: "kind_list", list: "kind_list", dict: "kind_mapping", str: "kind_text",
                type(None): "kind_nothing"}.get(type(value), "kind_number"))


# pydantic's error type -> the entry of MESSAGES that says it; {placeholders} come from the error's context and
# from `_fields`. The models' own errors (range, decimal, date_format, line_break, rule) carry their message.
BY_TYPE = {
    "missing": "missing_field",
    "extra_forbidden": "unknown_field",
    "string_type": "not_text",
    "string_too_short": "empty_text",
    "string_pattern_mismatch": "pattern_mismatch",
    "int_type": "not_whole_number",
    "literal_error": "not_one_of",
    "too_short": "too_few_items",
    "too_long": "too_many_items",
    "tuple_type": "not_list",
    "model_type": "not_record",
    "dict_type": "not_mapping",
    "date_type": "not_date",
}
# Where one value was expected but a list, a mapping or nothing came: "应为整数，实际是列表".
EXPECTED = {"string_type": "kind_text", "int_type": "kind_whole_number", "range": "kind_whole_number",
            "date_format": "kind_date", "date_type": "kind_date"}


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


def _shortened(value: Any, most: int = 60) -> Any:
    """A value quoted in a message, cut short when long (a number of 5,000 digits, a pasted paragraph)."""
    return value[:most - 1] + "…" if isinstance(value, str) and len(value) > most else value


def _fields(error: dict, located: Located, loc: tuple, model: type[BaseModel]) -> dict[str, Any]:
    value, context = error.get("input"), error.get("ctx") or {}
    fields = {**context, "path": path_of(loc), "input": _shortened(value), "kind": kind_of(value),
              "raw": _shortened(value if isinstance(value, str) else located.raw(loc))}
    if error["type"] == "extra_forbidden":
        allowed = _fields_at(model, error["loc"][:-1])
        close = difflib.get_close_matches(str(error["loc"][-1]), allowed, n=1)
        fields["suggestion"] = (say("did_you_mean", name=close[0]) if close else
                                say("allowed_fields", names="、".join(allowed)))
    if "pattern" in context:
        fields["hint"] = PATTERN_HINTS.get(context["pattern"]) or say("hint_regex", pattern=context["pattern"])
    if "expected" in context:
        fields["choices"] = "、".join(re.findall(r"'([^']*)'", context["expected"]))
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
        problems.append(replace(where, message=_message(kind, item, fields)))
    return problems


def _message(kind: str, error: dict, fields: dict[str, Any]) -> str:
    """What one of pydantic's errors means, in the maintainer's words."""
    if isinstance(fields["input"], (tuple, list, dict, type(None))) and kind in (*EXPECTED, "literal_error"):
        if kind == "literal_error":
            return say("expected_choice", **fields)
        return say("expected_one_value", what=say(EXPECTED[kind]), kind=fields["kind"])
    if kind in BY_TYPE:
        return say(BY_TYPE[kind], **fields)
    if "message" in fields:  # the models' own errors: said already
        return fields["message"]
    return say("invalid_value", detail=error["msg"])  # a kind of mistake not foreseen: pydantic's words, quoted


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
    # What a draft role still needs before it can be published: warnings, never stopping a build.
    todos: list[Problem] = field(default_factory=list)

    def add(self, where: Problem, message: str) -> None:
        self.problems.append(replace(where, message=message))

    def todo(self, where: Problem, slug: str, message: str) -> None:
        """A rule a published role must satisfy, not yet satisfied by the draft ``slug``: a to-do (a warning)."""
        self.todos.append(replace(where, message=say("todo", slug=slug, message=message)))

    def unique(self, items: Iterable[Any], key: str) -> None:
        """Each item's ``key`` differs from every other's (ids, slugs, levels, terms)."""
        seen: dict[Any, Any] = {}
        for item in items:
            first = seen.setdefault(getattr(item, key), item)
            if first is not item:
                where, there = self.place(item, key), self.place(first, key)
                used = (say("used_on_line", line=there.line) if there.file == where.file else
                        say("used_in_file", file=there.file, line=there.line))
                self.add(where, say("duplicate_value", key=key, value=getattr(item, key), used=used))

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

    def place_in(self, record: object, *steps: str | int) -> Problem:
        """Where a value inside a record was written, e.g. ``place_in(area, "duties", 2)``."""
        self.place(record)  # works out the records' places
        located, loc = self._records[id(record)]
        return located.at((*loc, *steps))

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


# What a path is when it is not a regular file, for the message that refuses it.
_KINDS = ((stat.S_ISDIR, "kind_folder"), (stat.S_ISFIFO, "kind_fifo"), (stat.S_ISSOCK, "kind_socket"),
          (stat.S_ISCHR, "kind_char_device"), (stat.S_ISBLK, "kind_block_device"))
PAGE_MAX_BYTES = 8_000_000  # the longest page of the handbook has about 30,000


def not_regular(mode: int) -> str | None:
    """Why a file of this mode (``os.stat``'s) is not read, in Chinese; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((key for test, key in _KINDS if test(mode)), "kind_special")
    return say("not_regular_file", kind=say(kind))


class Unreadable(Exception):
    """A file the handbook does not read: not a regular file, or too large (``size``, in bytes)."""

    def __init__(self, message: str, size: int | None = None):
        super().__init__(message)
        self.message, self.size = message, size


def regular_bytes(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, never waiting: a FIFO would block a reader until something writes into it, and a
    device can be endless. What is not a regular file is refused before it is opened (a link is followed to the
    file it names, which is then opened without following links and without waiting for a writer), and refused
    again if the file opened turns out not to be regular. :class:`Unreadable` or OSError when it is not read."""
    info = os.stat(path)  # follows a link: OSError for a broken one or a loop
    reason = not_regular(info.st_mode)
    if reason:
        raise Unreadable(reason)
    key = (os.fspath(path), info.st_ino, info.st_size, info.st_mtime_ns, max_bytes)
    if key in _READ_BYTES:
        return _READ_BYTES[key]
    real = os.path.realpath(path) if os.path.islink(path) else path
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    with open(os.open(real, flags), "rb") as stream:
        info = os.fstat(stream.fileno())
        if reason := not_regular(info.st_mode):
            raise Unreadable(reason)
        if info.st_size > max_bytes:
            raise Unreadable(say("page_too_large", size=info.st_size, limit=max_bytes), info.st_size)
        data = stream.read(max_bytes + 1)
    if len(data) <= _READ_BYTES_SMALL:
        if len(_READ_BYTES) >= _READ_BYTES_LIMIT:
            _READ_BYTES.clear()
        _READ_BYTES[key] = data
    return data


# Small files (the pages, their stubs) by name, inode, size and time: the checks of `check` and of a build read
# each page up to four times, and `mkdocs serve` reads them all again on every save (at 1,000 roles, 0.5 s).
_READ_BYTES: dict[tuple[str, int, int, int, int], bytes] = {}
_READ_BYTES_SMALL = 64_000
_READ_BYTES_LIMIT = 20_000


def text_or_problem(path: Path, rel: str) -> str | Problem:
    """A text file's content (line ends as \\n), or the problem that it cannot be read as UTF-8 text (pages,
    stubs)."""
    try:
        data = regular_bytes(path, PAGE_MAX_BYTES)
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        return Problem(rel, 1, 1, "", say("not_utf8_page", byte=error.object[error.start], offset=error.start + 1))
    except Unreadable as refused:
        return Problem(rel, 1, 1, "", refused.message, CAUSE)
    except OSError as error:
        return Problem(rel, 1, 1, "", say("cannot_read", reason=reason(error)))
