"""Load ``data/`` into a :class:`~macros.model.Handbook`, checking every rule once.

YAML is composed into nodes (with the C parser where available) so every value keeps its line and column;
nodes are then converted into the model's dataclasses by reading the model's own type hints. Every problem
found is collected, never just the first, and reported as ``file:line:column: field: expected …, got …``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import gc
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple, get_args, get_origin

import yaml

from . import model
from .model import Doc, Handbook, MaxItems, MinItems, Pattern, Range, Ref

try:  # the C parser is several times faster; fall back quietly where libyaml is missing
    _YamlLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _YamlLoader = yaml.SafeLoader

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
INT_TAG = "tag:yaml.org,2002:int"
KIND_OF_TAG = {
    INT_TAG: "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    NULL_TAG: "nothing",
    "tag:yaml.org,2002:timestamp": "a date",
}

# The files of data/, each with the record type it holds. Roles are one file each under data/roles/.
DATA_FILES: dict[str, type] = {
    "families.yaml": model.FamilyList,
    "skills.yaml": model.SkillCatalogue,
    "career.yaml": model.CareerPath,
    "activities.yaml": model.ActivityCatalogue,
    "faq.yaml": model.FaqCatalogue,
    "glossary.yaml": model.Glossary,
}
ROLE_DIR = "roles"

# Anchors the role page template uses for its sections: HR link to them, so area and FAQ ids must differ.
ROLE_SECTION_ANCHORS = ("overview", "responsibilities", "skills", "raci", "career", "collaboration", "faq")
REVIEW_INTERVAL = dt.timedelta(days=365)


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


@dataclass(frozen=True)
class Loaded:
    """The result of checking ``data/``: the handbook (when there were no problems) and any warnings."""

    handbook: Handbook
    warnings: tuple[Problem, ...]


class _Where(NamedTuple):  # a tuple: made for every value loaded, and cheaper to make than a dataclass
    file: str
    line: int
    column: int
    path: str


class _Collector:
    """Problems and the locations of every record and reference, gathered while converting."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.refs: list[tuple[str, str, _Where]] = []  # (kind, value, where)
        self.places: dict[int, dict[str, _Where]] = {}  # id(record) -> field -> where (and "" -> record)

    def add(self, where: _Where, message: str) -> None:
        self.problems.append(Problem(where.file, where.line, where.column, where.path, message))

    def place(self, record: object, field: str = "") -> _Where:
        fields = self.places[id(record)]
        return fields.get(field, fields[""])


def _kind(node: yaml.Node) -> str:
    """How a node reads to a maintainer: 'a list', 'a mapping', 'text', 'a number', ..."""
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return KIND_OF_TAG.get(node.tag, "text")


def _where(file: str, node: yaml.Node, path: str) -> _Where:
    return _Where(file, node.start_mark.line + 1, node.start_mark.column + 1, path)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


INVALID = object()
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


class _Converter:
    """Turns YAML nodes into model objects by following the model's type hints."""

    def __init__(self, collector: _Collector, file: str):
        self.out = collector
        self.file = file

    def convert(self, node: yaml.Node, hint: Any, path: str) -> Any:
        base, marks, origin, is_record = _plan(hint)
        if is_record:
            return self._record(node, base, path)
        if origin is tuple:
            return self._sequence(node, get_args(base)[0], marks, path)
        if origin is dict:
            return self._mapping(node, *get_args(base), path)
        if origin in (typing.Union, types.UnionType):
            options = [arg for arg in get_args(base) if arg is not type(None)]
            if node.tag == NULL_TAG:
                return None
            return self.convert(node, options[0], path)
        where = _where(self.file, node, path)
        if origin is Literal:
            choices = get_args(base)
            value = self._scalar(node, where, "one of " + ", ".join(choices))
            if value is INVALID:
                return INVALID
            if value not in choices:
                self.out.add(where, f"expected one of {', '.join(choices)}, got {value!r}")
                return INVALID
            return value
        if base is int:
            return self._int(node, where, marks)
        if base is dt.date:
            return self._date(node, where)
        if base is str:
            return self._text(node, where, marks)
        raise TypeError(f"model type {base!r} is not supported by the loader")  # a bug in model.py

    def _scalar(self, node: yaml.Node, where: _Where, expected: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.out.add(where, f"expected {expected}, got {_kind(node)}")
            return INVALID
        return node.value

    def _text(self, node: yaml.Node, where: _Where, marks: list) -> Any:
        value = self._scalar(node, where, "text")
        if value is INVALID:
            return INVALID
        if node.tag != STR_TAG:
            kind = KIND_OF_TAG.get(node.tag, node.tag)
            self.out.add(where, f"expected text, got {kind} {value!r} (put it in quotes if it is meant as text)")
            return INVALID
        # YAML folds line breaks into spaces, which Chinese does not put between characters: drop those.
        text = _CJK_GAP.sub("", value.strip())
        if not text:
            self.out.add(where, "expected text, got an empty string")
            return INVALID
        for mark in marks:
            if isinstance(mark, Pattern) and not re.match(mark.regex, text):
                self.out.add(where, f"expected {mark.hint}, got {text!r}")
                return INVALID
            if isinstance(mark, Ref):
                self.out.refs.append((mark.kind, text, where))
        return text

    def _int(self, node: yaml.Node, where: _Where, marks: list) -> Any:
        value = self._scalar(node, where, "a whole number")
        if value is INVALID:
            return INVALID
        if node.tag != INT_TAG:
            self.out.add(where, f"expected a whole number, got {value!r}")
            return INVALID
        number = int(value)
        for mark in marks:
            if isinstance(mark, Range) and not mark.low <= number <= mark.high:
                self.out.add(where, f"expected {mark.low}–{mark.high}, got {number}")
                return INVALID
        return number

    def _date(self, node: yaml.Node, where: _Where) -> Any:
        value = self._scalar(node, where, "a date")
        if value is INVALID:
            return INVALID
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self.out.add(where, f"expected a date as YYYY-MM-DD, got {value!r}")
            return INVALID

    def _sequence(self, node: yaml.Node, item: Any, marks: list, path: str) -> Any:
        where = _where(self.file, node, path)
        if node.tag == NULL_TAG and node.value in ("", "~", "null"):
            items_nodes: list = []
        elif not isinstance(node, yaml.SequenceNode):
            self.out.add(where, f"expected a list, got {_kind(node)}")
            return INVALID
        else:
            items_nodes = node.value
        for mark in marks:
            if isinstance(mark, MinItems) and len(items_nodes) < mark.count:
                self.out.add(where, f"expected at least {mark.count} item(s), got {len(items_nodes)}")
            if isinstance(mark, MaxItems) and len(items_nodes) > mark.count:
                self.out.add(where, f"expected at most {mark.count} item(s), got {len(items_nodes)}")
        values = tuple(self.convert(child, item, f"{path}[{i}]") for i, child in enumerate(items_nodes))
        return INVALID if INVALID in values else values

    def _pairs(self, node: yaml.Node, path: str) -> list[tuple[str, yaml.Node, yaml.Node]] | None:
        """A mapping's (key, key node, value node) triples; duplicate keys are problems, not overwrites."""
        if not isinstance(node, yaml.MappingNode):
            self.out.add(_where(self.file, node, path), f"expected a mapping of fields, got {_kind(node)}")
            return None
        seen: dict[str, yaml.Node] = {}
        pairs = []
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.out.add(_where(self.file, key_node, _join(path, key)), f"duplicate key (first set on line {first})")
                continue
            seen[key] = key_node
            pairs.append((key, key_node, value_node))
        return pairs

    def _mapping(self, node: yaml.Node, key_hint: Any, value_hint: Any, path: str) -> Any:
        pairs = self._pairs(node, path)
        if pairs is None:
            return INVALID
        result = {}
        for _key, key_node, value_node in pairs:
            key = self.convert(key_node, key_hint, path)
            value = self.convert(value_node, value_hint, _join(path, str(key_node.value)))
            if key is INVALID or value is INVALID:
                result = INVALID if result is INVALID else result
                continue
            if result is not INVALID:
                result[key] = value
        return result

    def _record(self, node: yaml.Node, cls: type, path: str) -> Any:
        pairs = self._pairs(node, path)
        if pairs is None:
            return INVALID
        hints = _hints(cls)
        fields = _fields(cls)
        values: dict[str, Any] = {}
        places = {"": _where(self.file, node, path)}
        broken = False
        for key, key_node, value_node in pairs:
            if key not in fields:
                suggestion = difflib.get_close_matches(key, list(fields), n=1)
                hint = f"; did you mean '{suggestion[0]}'?" if suggestion else f"; allowed: {', '.join(fields)}"
                self.out.add(_where(self.file, key_node, _join(path, key)), f"unknown field{hint}")
                broken = True
                continue
            places[key] = _where(self.file, value_node, _join(path, key))
            values[key] = self.convert(value_node, hints[key], _join(path, key))
            broken = broken or values[key] is INVALID
        for name, spec in fields.items():
            has_default = spec.default is not dataclasses.MISSING or spec.default_factory is not dataclasses.MISSING
            if name not in values and not has_default:
                self.out.add(places[""], f"missing required field '{_join(path, name)}'")
                broken = True
        if broken:
            return INVALID
        record = cls(**values)
        self.out.places[id(record)] = places
        return record


def _unwrap(hint: Any) -> tuple[Any, list]:
    """Split ``Annotated[T, marks…]`` (possibly nested) into T and its marks."""
    marks: list = []
    while get_origin(hint) is typing.Annotated:
        args = get_args(hint)
        hint, marks = args[0], [*marks, *args[1:]]
    return hint, [mark for mark in marks if not isinstance(mark, Doc)]


# Per type, what converting needs to know about it: worked out once, not for each of ~100 values per file.
_PLANS: dict[int, tuple[Any, Any, list, Any, bool]] = {}  # id(hint) -> (hint, base, marks, origin, is record)


def _plan(hint: Any) -> tuple[Any, list, Any, bool]:
    """``_unwrap(hint)``, the base type's origin and whether it is a record: remembered (the loader's hot path)."""
    plan = _PLANS.get(id(hint))
    if plan is None or plan[0] is not hint:  # the hint itself is kept in the plan, so its id is never reused
        base, marks = _unwrap(hint)
        plan = (hint, base, marks, get_origin(base), dataclasses.is_dataclass(base))
        _PLANS[id(hint)] = plan
    return plan[1:]


_FIELDS: dict[type, dict[str, dataclasses.Field]] = {}


def _fields(cls: type) -> dict[str, dataclasses.Field]:
    """A record type's fields that YAML may set, by name."""
    if cls not in _FIELDS:
        _FIELDS[cls] = {f.name: f for f in dataclasses.fields(cls) if f.init}
    return _FIELDS[cls]


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, include_extras=True)
    return _HINTS[cls]


# What each file read before gave, by (project, file, record type): (text, record, references, places).
# A file whose text has not changed is not parsed again: `mkdocs serve` loads data/ on every rebuild and the
# maintainer guide loads it once per mistake it shows, so only what changed is read anew (performance).
_PARSED: dict[tuple[str, str, type], tuple[str, Any, list, dict]] = {}


def read_records(path: Path, cls: type, collector: _Collector, text: str | None = None) -> Any:
    """Parse one YAML file (or ``text`` given for it) into a ``cls`` record; problems go to the collector."""
    rel = path.relative_to(collector.root).as_posix()
    try:
        text = path.read_text(encoding="utf-8") if text is None else text
    except (OSError, UnicodeDecodeError) as error:
        collector.problems.append(Problem(rel, 1, 1, "", f"cannot read file: {error}"))
        return INVALID
    key = (str(collector.root), rel, cls)
    known = _PARSED.get(key)
    if known is not None and known[0] == text:
        _text, record, refs, places = known
    else:
        own = _Collector(collector.root)
        record = _parse(text, rel, cls, own)
        collector.problems.extend(own.problems)
        refs, places = own.refs, own.places
        if not own.problems:
            _PARSED[key] = (text, record, refs, places)
    collector.refs.extend(refs)
    collector.places.update(places)
    return record


def _parse(text: str, rel: str, cls: type, collector: _Collector) -> Any:
    try:
        node = yaml.compose(text, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = error.context or ""
        if context and error.context_mark and error.context_mark is not mark:
            context += f" (started on line {error.context_mark.line + 1})"
        detail = " ".join(part for part in (context, error.problem) if part)
        collector.problems.append(Problem(rel, line, column, "", f"invalid YAML: {detail}"))
        return INVALID
    if node is None:
        collector.problems.append(Problem(rel, 1, 1, "", "the file is empty"))
        return INVALID
    return _Converter(collector, rel).convert(node, cls, "")


@contextlib.contextmanager
def _gc_paused():
    """Reading roles makes ~100 small objects per role and keeps every one: the cyclic garbage collector would
    scan them again and again for nothing (a third of the loading time at 1,000 roles). Pause it meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_handbook(root: Path | str, today: dt.date | None = None, edits: dict[str, str] | None = None) -> Loaded:
    """Load and validate ``<root>/data``; raise :class:`HandbookError` listing every problem found.

    ``edits`` maps a data file's path (``data/roles/pm.yaml``) to text to check instead of the file's own,
    so a change can be validated (or a message demonstrated) without touching the disk.
    """
    root = Path(root)
    edits = edits or {}
    data = root / "data"
    collector = _Collector(root)
    parts: dict[str, Any] = {}
    for name, cls in DATA_FILES.items():
        path = data / name
        if not path.exists():
            collector.problems.append(Problem(f"data/{name}", 1, 1, "", "file is missing"))
            parts[name] = INVALID
            continue
        parts[name] = read_records(path, cls, collector, edits.get(f"data/{name}"))
    role_paths = sorted((data / ROLE_DIR).glob("*.yaml"))
    with _gc_paused():
        roles = [(path, read_records(path, model.Role, collector, edits.get(path.relative_to(root).as_posix())))
                 for path in role_paths]
    if not role_paths:
        collector.problems.append(Problem(f"data/{ROLE_DIR}", 1, 1, "", "no role files (data/roles/<slug>.yaml)"))
    from .rules import check_rules  # cross-record rules: uniqueness, references, RACI

    check_rules(parts, roles, collector)
    if collector.problems:
        raise HandbookError(collector.problems)
    handbook = Handbook(
        families=parts["families.yaml"].families,
        roles=tuple(role for _path, role in roles),
        skills=parts["skills.yaml"],
        career=parts["career.yaml"],
        activities=parts["activities.yaml"],
        faq=parts["faq.yaml"],
        glossary=parts["glossary.yaml"],
        role_sources={role.slug: path.relative_to(root).as_posix() for path, role in roles},
    )
    return Loaded(handbook, tuple(_stale_reviews(handbook, collector, today or dt.date.today())))


def _stale_reviews(handbook: Handbook, collector: _Collector, today: dt.date) -> list[Problem]:
    warnings = []
    for role in handbook.roles:
        if today - role.last_reviewed > REVIEW_INTERVAL:
            where = collector.place(role, "last_reviewed")
            age = (today - role.last_reviewed).days
            warnings.append(
                Problem(where.file, where.line, where.column, where.path,
                        f"not reviewed for {age} days (more than 12 months): ask {role.owner} to review this role")
            )
    return warnings
