"""Read ``data/`` into a :class:`~macros.data.models.Handbook`: each file parsed once, every problem collected.

A small YAML reader composes each file into nodes (PyYAML's C parser where available), which know where
each value and key was written, and turns them into plain values: text, numbers, true/false, tuples and
dicts. Dates stay text (the model reads YYYY-MM-DD itself), and so does a number not written in plain decimal
digits (0x1F, 017, 1_000, 1:30, +3, .inf: the model then says to write it in decimal); true/false are YAML's
(also yes/no and on/off, as MkDocs reads a page's front matter). It accepts the plain YAML maintainers write
and refuses, with a message that says why, what they never need: anchors and aliases, tags, duplicate keys,
nesting deeper than :data:`MAX_DEPTH`, files over :data:`MAX_BYTES`, files that are not regular files (a FIFO,
a device), control characters and text that is not UTF-8. pydantic validates the values into records,
:mod:`.rules` checks what spans records and files, and each file's nodes are dropped once it is read: they
only locate problems, and a problem found later composes its file again. The same reader reads the front
matter of the handbook's pages (:mod:`macros.maintain.consistency`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml
from pydantic import ValidationError

from . import models, practice, topics
from .files import reason
from .messages import say
from .models import Handbook, Record
from .problems import (CAUSE, Collector, HandbookError, Located, Problem, Unreadable, ordered, path_of,
                       regular_bytes, validation_problems)
from .drafts import check_drafts
from .lint import CJK_FOLD, VOCABULARY_FILE, lint_data, stale
from .rules import Parts, check_rules

# PyYAML's safe loader, with the C parser where libyaml is there (several times faster): it parses and composes,
# and its constructors make numbers and true/false.
_YamlLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The files of data/, each with the record type it holds. Roles are one file each under data/roles/.
DATA_FILES: dict[str, type[Record]] = {
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
# Files of data/ read when they are there: without one, the pages made from it show nothing of it.
OPTIONAL_FILES: dict[str, type[Record]] = {
    "topics.yaml": topics.TopicCatalogue,  # what a new hire meets: gates before launch, grading, estimation, AI
}
ROLE_DIR = "data/roles"
# A role file is about 3 KB; the shared files grow by about 1 KB per role (cadence.yaml is 1 MB at 1,000 roles).
# A file larger than this is not data a maintainer wrote.
MAX_BYTES = 8_000_000
MAX_DEPTH = 20  # the deepest record is 5 levels down

_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null"))
_CJK_GAP = re.compile(rf"(?<=[{CJK_FOLD}])\s+(?=[{CJK_FOLD}])")
_LINE_START = re.compile(r"^[ ?:-]*", re.MULTILINE)  # a line's indentation and indicators
_CONTROL = yaml.reader.Reader.NON_PRINTABLE  # what YAML does not allow in a file
_TOO_DEEP = say("too_deep", limit=MAX_DEPTH)
# What PyYAML says (in English) -> what it means to a maintainer; what is not listed is quoted as it is.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "yaml_colon_here"), ("could not find expected ':'", "yaml_no_colon"),
    ("found character '\\t'", "yaml_tab"), ("tab character", "yaml_tab"),
    ("that cannot start any token", "yaml_bad_character"), ("found unexpected end of stream", "yaml_unexpected_end"),
    ("did not find expected ',' or", "yaml_unclosed_bracket"), ("expected ',' or", "yaml_unclosed_bracket"),
    ("expected <block end>", "yaml_bad_indent"), ("did not find expected", "yaml_bad_indent"),
    ("expected a single document", "yaml_many_documents"), ("but found another document", "yaml_many_documents"),
    ("found unknown escape character", "yaml_bad_escape"),
)
_YAML_CONTEXTS = (("quoted scalar", "yaml_in_quoted"), ("mapping", "yaml_in_mapping"), ("sequence", "yaml_in_list"),
                  ("collection", "yaml_in_list"), ("simple key", "yaml_in_key"))


class _Refused(Exception):
    """A file the reader does not accept: why, and where (line and column from 1; the file's start if unsaid)."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    @classmethod
    def at(cls, mark: Any, message: str) -> _Refused:
        """Refused at a YAML node's or event's mark."""
        return cls(message, mark.line + 1, mark.column + 1)


def _refuse_what_composing_hides(text: str) -> None:
    """Anchors, aliases and tags, which compose into nodes without a trace, and nesting so deep that composing
    would exhaust the stack (PyYAML's C composer crashes the process at some 100,000 levels): looked for in the
    parser's events, only in a file that has anchor or tag characters, or could nest 1,000 deep (most can't)."""
    if not any(char in text for char in "&*!") and _depth_bound(text) < 1000:
        return  # `_Plain` stops at MAX_DEPTH what is nested less deep
    depth = 0
    for event in yaml.parse(text, Loader=_YamlLoader):
        depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
        if depth > MAX_DEPTH:
            raise _Refused.at(event.start_mark, _TOO_DEEP)
        if type(event) is yaml.AliasEvent or getattr(event, "anchor", None) is not None:
            raise _Refused.at(event.start_mark, say("anchor_or_alias"))
        if getattr(event, "tag", None) not in (None, "!"):
            raise _Refused.at(event.start_mark, say("yaml_tag", tag=event.tag))


def _compose(text: str) -> yaml.Node:
    return yaml.compose(text, Loader=_YamlLoader)


def _depth_bound(text: str) -> int:
    """How deep a text can nest at most: a flow bracket opens one level; a block collection opens on a new line
    further indented, or after '- ', '? ' or ': ' on its parent's line (so at most two levels per column of
    the indentation and indicators that start a line)."""
    return text.count("[") + text.count("{") + 2 * max(map(len, _LINE_START.findall(text)), default=0) + 2


# YAML 1.1 also reads 0x1F, 017, 0b101, 1_000, 1:30 and +3 as whole numbers, and .inf, .nan, 1_0.5 or
# 1:30.5 as numbers: a maintainer who writes them most likely means something else (017 is 15). Numbers come
# only from plain decimal digits; what else YAML reads as a number stays text.
_DECIMAL = {_INT: re.compile(r"-?(?:0|[1-9][0-9]*)"),
            _FLOAT: re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?")}
_CONSTRUCT = {_INT: _YamlLoader.construct_yaml_int, _FLOAT: _YamlLoader.construct_yaml_float,
              _BOOL: _YamlLoader.construct_yaml_bool}


class _Plain:
    """A document's nodes as plain values: text, numbers, true/false, None, tuples and dicts."""

    def __init__(self, root: yaml.Node, file: str, out: Collector, loader: Any):
        self.root, self.file, self.out, self.loader = root, file, out, loader

    def document(self) -> Any:
        return self.value(self.root)

    def value(self, node: yaml.Node, loc: tuple = ()) -> Any:
        kind = type(node)
        if kind is yaml.ScalarNode:
            tag = node.tag
            if tag == _STR:
                # YAML folds line breaks into spaces, which Chinese does not put between characters: drop those.
                return _CJK_GAP.sub("", node.value.strip())
            if tag == _NULL:
                return None
            if tag not in _CONSTRUCT:
                return node.value  # dates stay text
            if tag in _DECIMAL and not _DECIMAL[tag].fullmatch(node.value):
                return node.value  # 0x1F, 017, 1_000, 1:30, +3, .inf: text, which the model refuses, saying why
            try:
                return _CONSTRUCT[tag](self.loader, node)
            except ValueError:  # e.g. a number of more than 4,300 digits, which Python refuses to convert
                return node.value  # as text: the model then says what was expected
        if len(loc) >= MAX_DEPTH:
            raise _Refused.at(node.start_mark, _TOO_DEEP)
        if kind is yaml.SequenceNode:
            return tuple([self.value(child, (*loc, index)) for index, child in enumerate(node.value)])
        mapping: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if type(key_node) is not yaml.ScalarNode:
                raise _Refused.at(key_node.start_mark, say("key_not_name"))
            if key in mapping:
                mark = key_node.start_mark
                self.out.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, path_of((*loc, key)),
                                                 say("duplicate_key", line=first_line[key])))
                continue  # the first one stands
            first_line[key] = key_node.start_mark.line + 1
            mapping[key] = self.value(value_node, (*loc, key))
        return mapping


def _text(path: Path) -> str:
    """The file's text; refused when it is not a regular file (never opened for reading then: a FIFO would
    block), too large, not UTF-8, or has control characters."""
    try:
        data = regular_bytes(path, MAX_BYTES)
    except Unreadable as refused:
        if refused.size is None:
            raise _Refused(refused.message) from None
        raise _Refused(say("file_too_large", size=refused.size, limit=MAX_BYTES)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _after(data[:error.start].decode("utf-8"), say("not_utf8", byte=data[error.start])) from None
    control = _CONTROL.search(text)
    if control:
        raise _after(text[:control.start()], say("control_character", code=ord(control.group())))
    return text


def _after(before: str, message: str) -> _Refused:
    """Refused at the character that follows ``before``, the file's text up to it."""
    return _Refused(message, before.count("\n") + 1, len(before) - before.rfind("\n"))


def read_file(root: Path, rel: str, model: type[Record], out: Collector,
              texts: dict[str, str] | None = None, today: dt.date | None = None) -> Any:
    """One data file as a ``model`` record, or None when it has problems (noted in ``out``); its text goes to
    ``texts`` (for the lint, which reads the files as written)."""
    try:
        if (root / rel).is_symlink() and not _inside(root / rel, root / "data"):
            raise _Refused(say("link_outside_data"))
        text = _text(root / rel)
    except OSError as error:
        out.problems.append(Problem(rel, 1, 1, "", say("cannot_read", reason=reason(error)), CAUSE))
        return None
    except _Refused as refused:
        out.problems.append(Problem(rel, refused.line, refused.column, "", refused.message, CAUSE))
        return None
    if texts is not None:
        texts[rel] = text
    return read_text(rel, text, model, out, {"today": today})


# What each file read without a problem gave, with its text, one entry per file: `mkdocs serve` loads the data
# again after every save, and at 1,000 roles reading and validating the unchanged files is 2.0 of its 2.3 s
# (`make bench`, serve). A file whose text changed is read again and replaces its entry.
_READ: dict[tuple[str, type, Any], tuple[str, Any, Located, Any, tuple[tuple[str, str], ...]]] = {}


def read_text(rel: str, text: str, model: type[Record], out: Collector, context: dict | None = None) -> Any:
    """A YAML text (a data file's, or a page's front matter, padded with blank lines to its place in the page)
    as a ``model`` record, or None when it has problems (noted in ``out``, as in ``rel``)."""
    key = (rel, model, tuple(sorted((context or {}).items())))
    try:
        known = _READ.get(key)
    except TypeError:  # a context that is not a plain value (a page's front matter): read as it is
        return _read_text(rel, text, model, out, context)
    if known is not None and known[0] == text:
        _text, record, located, value, refs = known
        out.add_file(record, model, located, value, list(refs))
        return record
    found, index, first_ref = len(out.problems), len(out.files), len(out.refs)
    record = _read_text(rel, text, model, out, context)
    if record is not None and len(out.problems) == found:
        # This file's references are the ones added since (looking through all of them for each file made
        # `check` of 1,000 roles spend 1.3 s here).
        refs = tuple((kind, ref) for kind, ref, at in out.refs[first_ref:] if at == index)
        _READ[key] = (text, record, out.files[index][2], out.files[index][3], refs)
    else:
        _READ.pop(key, None)
    return record


def _read_text(rel: str, text: str, model: type[Record], out: Collector, context: dict | None = None) -> Any:
    readable, value = read_values(rel, text, out)
    if not readable:
        return None
    located = Located(rel, text, _compose)
    refs: list[tuple[str, str]] = []  # what validation finds, even in a file that is not valid as a whole
    try:
        record = model.model_validate(value, context={**(context or {}), "refs": refs})
    except ValidationError as error:
        out.problems.extend(validation_problems(error, located, model))
        record = None
    out.add_file(record, model, located, value, refs)
    return record


def read_values(rel: str, text: str, out: Collector) -> tuple[bool, Any]:
    """A YAML text as the plain values the models validate (text, numbers, true/false, tuples, dicts), and
    whether the reader accepts it at all (what it refuses is noted in ``out``, as in ``rel``). Also for texts
    that are not today's data: a role file's committed versions (:mod:`.history`)."""
    loader = None
    try:
        _refuse_what_composing_hides(text)
        loader = _YamlLoader(text)
        node = loader.get_single_node()
        if node is None:
            raise _Refused(say("empty_file"))
        return True, _Plain(node, rel, out, loader).document()
    except _Refused as refused:
        out.problems.append(Problem(rel, refused.line, refused.column, "", refused.message, CAUSE))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        out.problems.append(Problem(rel, line, column, "", _yaml_problem(error, mark), CAUSE))
    finally:
        if loader is not None:
            loader.dispose()
    return False, None


def _yaml_problem(error: yaml.MarkedYAMLError, mark: Any) -> str:
    """What PyYAML could not read, in the maintainer's words (and where the construct it was in started)."""
    problem = error.problem or ""
    key = next((key for phrase, key in _YAML_PROBLEMS if phrase in problem), None)
    said = say(key, char=problem.partition("character ")[2].partition(" that")[0].strip("'")) if key else \
        say("yaml_other", detail=" ".join(part for part in (error.context, problem) if part))
    what = next((key for phrase, key in _YAML_CONTEXTS if phrase in (error.context or "")), None)
    started = ""
    if what and error.context_mark and error.context_mark is not mark:
        started = say("yaml_started", line=error.context_mark.line + 1, what=say(what))
    return say("invalid_yaml", problem=said, started=started)


@dataclass(frozen=True)
class Loaded:
    """The result of checking ``data/``: the handbook (when there were no problems) and any warnings."""

    handbook: Handbook
    warnings: tuple[Problem, ...]
    # Each data file's text as it was read (relative path -> text): the maintainer guide quotes excerpts of the
    # data it was built from, not of whatever is on disk by the time a page renders.
    texts: Mapping[str, str] = field(default_factory=dict)
    # What each draft role still needs before it can be published (macros.data.drafts): warnings too.
    todos: tuple[Problem, ...] = ()


def list_role_files(root: Path) -> tuple[list[str], list[str]]:
    """The role files of data/roles/ and the files there that look like role files but are misnamed (.yml),
    relative to the project. Hidden files and editors' backups are neither: editors keep lock and backup
    files there (".#pm.yaml", "pm.yaml~", ".pm.yaml.swp")."""
    roles_dir = Path(root) / ROLE_DIR
    names = sorted(os.listdir(roles_dir)) if roles_dir.is_dir() else []
    visible = [name for name in names if not name.startswith((".", "#")) and not name.endswith("~")]
    return ([f"{ROLE_DIR}/{name}" for name in visible if name.endswith(".yaml")],
            [f"{ROLE_DIR}/{name}" for name in visible if name.lower().endswith((".yml", ".yaml"))
             and not name.endswith(".yaml")])


def _inside(path: Path, folder: Path) -> bool:
    """Whether a path, its links followed, ends up inside a folder."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def load_handbook(root: Path | str, today: dt.date | None = None) -> Loaded:
    """Load and validate ``<root>/data``; raise :class:`HandbookError` listing every problem found."""
    root, today = Path(root), today or dt.date.today()
    out = Collector()
    texts: dict[str, str] = {}
    parts: dict[str, Any] = {}
    for name, model in DATA_FILES.items():
        rel = f"data/{name}"
        if not (root / rel).exists():
            out.problems.append(Problem(rel, 1, 1, "", say("file_missing")))
            parts[name.removesuffix(".yaml")] = None
        else:
            parts[name.removesuffix(".yaml")] = read_file(root, rel, model, out, texts, today)
    for name, model in OPTIONAL_FILES.items():
        rel = f"data/{name}"
        parts[name.removesuffix(".yaml")] = read_file(root, rel, model, out, texts, today) if (
            root / rel).exists() else None
    role_files, misnamed = list_role_files(root)
    for rel in misnamed:
        out.problems.append(Problem(rel, 1, 1, "", say("role_file_extension", stem=Path(rel).stem)))
    roles = [(rel, read_file(root, rel, models.Role, out, texts, today)) for rel in role_files]
    if not role_files:
        out.problems.append(Problem(ROLE_DIR, 1, 1, "", say("no_role_files")))
    check_rules(Parts(roles=roles, **parts), out)
    check_drafts(texts, roles, out)
    # Vocabulary and typography, over the text of every file that loaded, as it is written (macros.data.lint).
    vocabulary = read_vocabulary(root, out, texts)
    out.problems.extend(lint_data({located.file: texts[located.file] for record, _model, located, _values in out.files
                                   if record is not None}, vocabulary))
    if out.problems:
        raise HandbookError(out.problems)
    by_status = {status: tuple(role for _rel, role in roles if role.status == status) for status in models.STATUSES}
    families = parts["families"].families
    handbook = Handbook(**{**parts, "families": families},
                        roles=in_handbook_order(by_status["published"], families, parts["activities"]),
                        drafts=by_status["draft"], retired=by_status["retired"],
                        role_sources={role.slug: rel for rel, role in roles})
    warnings = [replace(where, message=message) for where, message in stale(handbook, out.place, today)]
    return Loaded(handbook, tuple(warnings), MappingProxyType(texts), ordered(out.todos))


def in_handbook_order(roles: tuple[models.Role, ...], families: tuple[models.Family, ...],
                      activities: models.ActivityCatalogue) -> tuple[models.Role, ...]:
    """The one order every page and export lists roles in: the RACI matrix's ``columns`` when given (the rules
    make them list every published role: family by family, 项目经理 first), else family by family in data order,
    each family's roles in file order."""
    family_rank = {family.id: rank for rank, family in enumerate(families)}
    column_rank = {member: rank for rank, member in enumerate(activities.columns or ())}
    return tuple(sorted(roles, key=lambda role: (column_rank.get(role.slug, len(column_rank)),
                                                 family_rank.get(role.family, len(family_rank)))))


def read_vocabulary(root: Path, out: Collector | None = None,
                    texts: dict[str, str] | None = None) -> models.Vocabulary | None:
    """The preferred terms of ``data/vocabulary.yaml``, or None when there is none (or it has problems, which
    go to ``out``)."""
    if not (root / VOCABULARY_FILE).exists():
        return None
    return read_file(root, VOCABULARY_FILE, models.Vocabulary, out if out is not None else Collector(), texts)
