"""Load ``data/`` into a :class:`~macros.data.models.Handbook`, checking every rule once.

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
import os
import re
import time
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple, get_args, get_origin

import yaml

from . import models, practice
from .models import Doc, Handbook, MaxItems, MinItems, Pattern, Range, Ref
from .parse_cache import ParseCache
from .problems import _COLUMN_BITS, INVALID, HandbookError, Problem, _Collector, _join, _Where
from .rules import check_rules  # cross-record rules: uniqueness, references, RACI

try:  # the C parser is several times faster; fall back quietly where libyaml is missing
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _YamlLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, resolving plain scalars' tags (int, bool, date, ...) from a table made once.

    PyYAML's resolver builds a list of candidate patterns for every scalar; with the C parser that was a
    third of the parsing time. Same patterns, same order, same tags: only the lookup is faster."""

    _candidates: dict[str | None, tuple] = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if self.yaml_path_resolvers:  # none in the safe loader; kept correct should one be added
            return super().resolve(kind, value, implicit)
        if kind is not yaml.ScalarNode:
            return self.DEFAULT_MAPPING_TAG if kind is yaml.MappingNode else self.DEFAULT_SEQUENCE_TAG
        if implicit[0]:
            table = type(self)._candidates
            if not table:
                wildcard = tuple(self.yaml_implicit_resolvers.get(None, []))
                table.update({first: tuple(resolvers) + wildcard
                              for first, resolvers in self.yaml_implicit_resolvers.items() if first is not None})
                table[None] = wildcard
            for tag, pattern in table.get(value[:1], table[None]):
                if pattern.match(value):
                    return tag
        return self.DEFAULT_SCALAR_TAG

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
    "families.yaml": models.FamilyList,
    "skills.yaml": models.SkillCatalogue,
    "career.yaml": models.CareerPath,
    "activities.yaml": models.ActivityCatalogue,
    "faq.yaml": models.FaqCatalogue,
    "glossary.yaml": models.Glossary,
    "cadence.yaml": practice.CadenceCatalogue,
    "operations.yaml": practice.OperationsCatalogue,
    "tools.yaml": practice.ToolCatalogue,
    "settings.yaml": practice.SettingsCatalogue,
}
ROLE_DIR = "roles"

REVIEW_INTERVAL = dt.timedelta(days=365)


@dataclass(frozen=True)
class Loaded:
    """The result of checking ``data/``: the handbook (when there were no problems) and any warnings."""

    handbook: Handbook
    warnings: tuple[Problem, ...]


# Where values were written is kept for every record and reference, but needed only to report a problem.
# A location is kept as one packed integer and held in plain tuples and dicts of strings and integers, which
# the garbage collector stops tracking: at 1,000 roles, ~100,000 kept marks or named tuples made every full
# collection of the build scan them again (a tenth of a second each, see benchmarks/).
def _pack(node: yaml.Node) -> int:
    """A node's start line and column (0-based) in one integer."""
    mark = node.start_mark
    return (mark.line << _COLUMN_BITS) | min(mark.column, (1 << _COLUMN_BITS) - 1)


def _kind(node: yaml.Node) -> str:
    """How a node reads to a maintainer: 'a list', 'a mapping', 'text', 'a number', ..."""
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return KIND_OF_TAG.get(node.tag, "text")


def _where(file: str, node: yaml.Node, path: str) -> _Where:
    return _Where(file, node.start_mark.line + 1, node.start_mark.column + 1, path)


_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


class _Converter:
    """Turns YAML nodes into model objects by following the model's type hints.

    This is the loader's hot path (every value of every file): a value's location is worked out only when
    there is a problem or a reference to report."""

    def __init__(self, collector: _Collector, file: str):
        self.out = collector
        self.file = file

    def problem(self, node: yaml.Node, path: str, message: str) -> Any:
        self.out.add(_where(self.file, node, path), message)
        return INVALID

    def convert(self, node: yaml.Node, hint: Any, path: str) -> Any:
        _hint, kind, base, marks = _plan(hint)
        if kind is _STR:
            return self._text(node, path, marks)
        if kind is _RECORD:
            return self._record(node, base, path)
        if kind is _TUPLE:
            return self._sequence(node, get_args(base)[0], marks, path)
        if kind is _DICT:
            return self._mapping(node, *get_args(base), path)
        if kind is _OPTIONAL:
            if node.tag == NULL_TAG:
                return None
            return self.convert(node, next(arg for arg in get_args(base) if arg is not type(None)), path)
        if kind is _LITERAL:
            choices = get_args(base)
            value = self._scalar(node, path, "one of " + ", ".join(choices))
            if value is INVALID or value in choices:
                return value
            return self.problem(node, path, f"expected one of {', '.join(choices)}, got {value!r}")
        if kind is _INT:
            return self._int(node, path, marks)
        return self._date(node, path)

    def _scalar(self, node: yaml.Node, path: str, expected: str) -> Any:
        if type(node) is not yaml.ScalarNode:
            return self.problem(node, path, f"expected {expected}, got {_kind(node)}")
        return node.value

    def _text(self, node: yaml.Node, path: str, marks: tuple) -> Any:
        if type(node) is not yaml.ScalarNode:
            return self.problem(node, path, f"expected text, got {_kind(node)}")
        if node.tag != STR_TAG:
            kind = KIND_OF_TAG.get(node.tag, node.tag)
            return self.problem(node, path,
                                f"expected text, got {kind} {node.value!r} (put it in quotes if it is meant as text)")
        # YAML folds line breaks into spaces, which Chinese does not put between characters: drop those.
        text = _CJK_GAP.sub("", node.value.strip())
        if not text:
            return self.problem(node, path, "expected text, got an empty string")
        for mark in marks:
            if isinstance(mark, Pattern) and not re.match(mark.regex, text):
                return self.problem(node, path, f"expected {mark.hint}, got {text!r}")
            if isinstance(mark, Ref):
                self.out.refs.append((mark.kind, text, self.file, _pack(node), path))
        return text

    def _int(self, node: yaml.Node, path: str, marks: tuple) -> Any:
        value = self._scalar(node, path, "a whole number")
        if value is INVALID:
            return INVALID
        if node.tag != INT_TAG:
            return self.problem(node, path, f"expected a whole number, got {value!r}")
        number = int(value)
        for mark in marks:
            if isinstance(mark, Range) and not mark.low <= number <= mark.high:
                return self.problem(node, path, f"expected {mark.low}–{mark.high}, got {number}")
        return number

    def _date(self, node: yaml.Node, path: str) -> Any:
        value = self._scalar(node, path, "a date")
        if value is INVALID:
            return INVALID
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            return self.problem(node, path, f"expected a date as YYYY-MM-DD, got {value!r}")

    def _sequence(self, node: yaml.Node, item: Any, marks: tuple, path: str) -> Any:
        if node.tag == NULL_TAG and node.value in ("", "~", "null"):
            items_nodes: list = []
        elif type(node) is not yaml.SequenceNode:
            return self.problem(node, path, f"expected a list, got {_kind(node)}")
        else:
            items_nodes = node.value
        for mark in marks:
            if isinstance(mark, MinItems) and len(items_nodes) < mark.count:
                self.problem(node, path, f"expected at least {mark.count} item(s), got {len(items_nodes)}")
            if isinstance(mark, MaxItems) and len(items_nodes) > mark.count:
                self.problem(node, path, f"expected at most {mark.count} item(s), got {len(items_nodes)}")
        convert = self.convert
        values = tuple([convert(child, item, f"{path}[{i}]") for i, child in enumerate(items_nodes)])
        return INVALID if INVALID in values else values

    def _pairs(self, node: yaml.Node, path: str) -> list[tuple[str, yaml.Node, yaml.Node]] | None:
        """A mapping's (key, key node, value node) triples; duplicate keys are problems, not overwrites."""
        if type(node) is not yaml.MappingNode:
            self.problem(node, path, f"expected a mapping of fields, got {_kind(node)}")
            return None
        seen: dict[str, yaml.Node] = {}
        pairs = []
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.problem(key_node, _join(path, key), f"duplicate key (first set on line {first})")
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
        marks: dict[str, int] = {}
        broken = False
        for key, key_node, value_node in pairs:
            if key not in fields:
                suggestion = difflib.get_close_matches(key, list(fields), n=1)
                hint = f"; did you mean '{suggestion[0]}'?" if suggestion else f"; allowed: {', '.join(fields)}"
                self.problem(key_node, _join(path, key), f"unknown field{hint}")
                broken = True
                continue
            marks[key] = _pack(value_node)
            value = values[key] = self.convert(value_node, hints[key], f"{path}.{key}" if path else key)
            broken = broken or value is INVALID
        for name, spec in fields.items():
            has_default = spec.default is not dataclasses.MISSING or spec.default_factory is not dataclasses.MISSING
            if name not in values and not has_default:
                self.problem(node, path, f"missing required field '{_join(path, name)}'")
                broken = True
        if broken:
            return INVALID
        record = cls(**values)
        self.out.placed.append((record, (self.file, path, _pack(node), marks)))
        return record


def _unwrap(hint: Any) -> tuple[Any, list]:
    """Split ``Annotated[T, marks…]`` (possibly nested) into T and its marks."""
    marks: list = []
    while get_origin(hint) is typing.Annotated:
        args = get_args(hint)
        hint, marks = args[0], [*marks, *args[1:]]
    return hint, [mark for mark in marks if not isinstance(mark, Doc)]


# What kind of value a type hint asks for: the converter dispatches on these.
_STR, _RECORD, _TUPLE, _DICT, _OPTIONAL, _LITERAL, _INT, _DATE = (object() for _ in range(8))

# Per type, what converting needs to know about it: worked out once, not for each of ~100 values per file.
_PLANS: dict[int, tuple[Any, Any, Any, tuple]] = {}  # id(hint) -> (hint, kind, base type, marks)


def _plan(hint: Any) -> tuple[Any, Any, Any, tuple]:
    """``(hint, kind, base type, marks)`` of a type hint: remembered (the loader's hot path)."""
    plan = _PLANS.get(id(hint))
    if plan is None or plan[0] is not hint:  # the hint itself is kept in the plan, so its id is never reused
        base, marks = _unwrap(hint)
        origin = get_origin(base)
        if dataclasses.is_dataclass(base):
            kind = _RECORD
        elif origin is tuple:
            kind = _TUPLE
        elif origin is dict:
            kind = _DICT
        elif origin in (typing.Union, types.UnionType):
            kind = _OPTIONAL
        elif origin is Literal:
            kind = _LITERAL
        elif base in (str, int, dt.date):
            kind = {str: _STR, int: _INT, dt.date: _DATE}[base]
        else:
            raise TypeError(f"model type {base!r} is not supported by the loader")  # a bug in models.py
        plan = (hint, kind, base, tuple(marks))
        _PLANS[id(hint)] = plan
    return plan


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


class _Parsed(NamedTuple):
    """What reading one file gave: its record, the references and the places of its records."""

    stamp: tuple[int, int] | None  # (mtime_ns, size) when the file was read; None: read it again to compare
    text: str
    record: Any
    refs: list
    placed: list
    cache_key: str  # its entry in the parse cache on disk


# What each file read before gave, by (project, file, record type). A file that has not changed is not read
# or parsed again: `mkdocs serve` loads data/ on every rebuild and the maintainer guide loads it once per
# mistake it shows, so only what changed is read anew (performance, see benchmarks/).
_PARSED: dict[tuple[str, str, type], _Parsed] = {}

# The same between processes, by file path, record type and text: `check` and a build parse only the files
# that changed since any earlier run.
_ON_DISK = ParseCache()

# A file modified this recently may be modified again within the file system's timestamp resolution, with
# the same size: its stamp is not trusted, and its text is read and compared next time (as git does).
_RACY_NS = 2_000_000_000


def _stamp(path: Path) -> tuple[int, int] | None:
    stat = path.stat()
    if time.time_ns() - stat.st_mtime_ns < _RACY_NS:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _from_disk(cache_key: str, stamp: tuple[int, int] | None, text: str) -> _Parsed | None:
    stored = _ON_DISK.get(cache_key)
    if not (isinstance(stored, tuple) and len(stored) == 3):
        return None
    return _Parsed(stamp, text, *stored, cache_key)


def read_records(rel: str, cls: type, collector: _Collector, text: str | None = None, reread: bool = True) -> Any:
    """Parse one YAML file (``rel``, relative to the project; or ``text`` given for it) into a ``cls`` record;
    problems go to the collector.

    With ``reread=False`` a file this process has already read is taken as unchanged, without a look at it.
    """
    path = collector.root / rel
    key = (str(collector.root), rel, cls)
    known = _PARSED.get(key)
    edited = text is not None
    stamp = None
    try:
        if not edited and known is not None and not reread:
            text, stamp = known.text, known.stamp
        elif not edited:
            stamp = _stamp(path)
            if known is not None and stamp is not None and known.stamp == stamp:
                text = known.text  # unchanged on disk: not read again
            else:
                text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        collector.problems.append(Problem(rel, 1, 1, "", f"cannot read file: {error}"))
        return INVALID
    assert text is not None
    if known is not None and known.text == text:
        parsed = known
        if not edited and known.stamp != stamp:
            _PARSED[key] = known._replace(stamp=stamp)
    else:
        cache_key = ParseCache.key(rel, cls, text)
        stored = None if edited else _from_disk(cache_key, stamp, text)
        if stored is not None:
            parsed = _PARSED[key] = stored
        else:
            own = _Collector(collector.root)
            parsed = _Parsed(stamp, text, _parse(text, rel, cls, own), own.refs, own.placed, cache_key)
            collector.problems.extend(own.problems)
            if not own.problems and not edited:  # remember files as they are on disk, never what-if edits
                _PARSED[key] = parsed
                _ON_DISK.put(cache_key, (parsed.record, parsed.refs, parsed.placed))
    if not edited:
        collector.cache_keys.add(parsed.cache_key)
    collector.refs.extend(parsed.refs)
    collector.places.update((id(record), place) for record, place in parsed.placed)
    return parsed.record


def loaded_text(root: Path, rel: str, cls: type) -> str | None:
    """The text of a data file as this process last loaded it from disk as ``cls``, or None if it has not."""
    parsed = _PARSED.get((str(root), rel, cls))
    return None if parsed is None else parsed.text


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


def load_handbook(root: Path | str, today: dt.date | None = None, edits: dict[str, str] | None = None,
                  reread: bool = True) -> Loaded:
    """Load and validate ``<root>/data``; raise :class:`HandbookError` listing every problem found.

    ``edits`` maps a data file's path (``data/roles/pm.yaml``) to text to check instead of the file's own,
    so a change can be validated (or a message demonstrated) without touching the disk. ``reread=False``
    takes the files this process has read before as unchanged (for what-if checks within one build).
    """
    root = Path(root)
    edits = edits or {}
    data = root / "data"
    written = _ON_DISK.written
    collector = _Collector(root)
    parts: dict[str, Any] = {}
    for name, cls in DATA_FILES.items():
        rel = f"data/{name}"
        if rel not in edits and not (data / name).exists():
            collector.problems.append(Problem(rel, 1, 1, "", "file is missing"))
            parts[name] = INVALID
            continue
        parts[name] = read_records(rel, cls, collector, edits.get(rel), reread)
    roles_dir = data / ROLE_DIR
    # Hidden files are not roles: editors keep lock and backup files there (".#pm.yaml").
    role_files = sorted(f"data/{ROLE_DIR}/{name}" for name in (os.listdir(roles_dir) if roles_dir.is_dir() else ())
                        if name.endswith(".yaml") and not name.startswith("."))
    with _gc_paused():
        roles = [(root / rel, read_records(rel, models.Role, collector, edits.get(rel), reread)) for rel in role_files]
    if not role_files:
        collector.problems.append(Problem(f"data/{ROLE_DIR}", 1, 1, "", "no role files (data/roles/<slug>.yaml)"))
    check_rules(parts, roles, collector)
    if _ON_DISK.written != written and not edits:
        _ON_DISK.prune(collector.cache_keys)
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
        cadence=parts["cadence.yaml"],
        operations=parts["operations.yaml"],
        tools=parts["tools.yaml"],
        settings=parts["settings.yaml"],
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
