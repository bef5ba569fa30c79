"""Each role's 变更记录: the dated changes to its data, in Chinese words, from the repository's history of its
YAML file (:mod:`macros.data.history`), on its page (section ``#changes``), in ``api/changes.json`` and in Atom
feeds (``api/changes.atom`` for every role, ``api/changes/<slug>.atom`` for one).

Two versions of a role are compared field by field as the page names them: a responsibility area by its id, a
duty by its text (a duty reworded is one change, not a removal and an addition), a skill by its id and each
level's expected proficiency, a collaborator by its role, a question by its id. Names come from today's data
(a skill's name, a level's name); what no longer exists is named by its id. A version that today's models
refuse is compared as the plain YAML it is; a field the models no longer know is named as written. Edits made
while a role was a draft are not listed: its history starts where it was first published. A commit that
changes nothing a reader sees (comments, line breaks) is no change.

Without history (no repository, no git, a shallow clone, nothing committed yet) there is no section, no
``<link rel="alternate">`` and no change files: an empty feed would tell subscribers that nothing changed,
which nobody knows. The build says so in one line (:func:`missing_line`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..data.files import write_file
from ..data.history import History, read_history
from ..data.lint import HAN, LATIN
from ..data.messages import say
from ..data.models import Handbook, Role
from . import urls
from .export_models import CHANGES_VERSION
from .render import render_html, render_markdown
from .seo import Head
from .urls import Linker, canonical_url, role_src

FEED_MAX = 200  # the newest entries in api/changes.atom (api/changes.json and a role's own feed list them all)
_SIMILAR = 0.5  # a removed and an added text at least this similar are one text reworded

# The words of the change log: how the role page names each field, and what happened to it.
ADDED, CHANGED, REMOVED = "added", "changed", "removed"
VERBS = {ADDED: "新增", CHANGED: "修改", REMOVED: "删除"}
LABELS = {
    "slug": "网址", "status": "状态", "name": "名称", "name_en": "英文名称", "aliases": "别名", "family": "职位族",
    "summary": "简介", "mission": "使命", "responsibilities": "职责领域", "duty": "职责", "skills": "技能",
    "career": "职业序列", "levels": "覆盖的级别", "collaborates_with": "协作岗位", "faq": "常见问题",
    "owner": "内容负责人", "last_reviewed": "最近审阅", "successor": "接替岗位", "field": "字段",
}
STATUS_NAMES = {"draft": "草稿", "published": "已发布", "retired": "已停用"}
FIRST = "首次发布"


@dataclass(frozen=True)
class Item:
    """One change to one field: what happened (added, changed, removed), where (a path in the YAML), in words."""

    kind: str
    field: str
    text: str
    before: Any = None  # the value before and after, where it is one short value (a level, a name, a date)
    after: Any = None


@dataclass(frozen=True)
class Entry:
    """A commit's changes to one role."""

    role: Role
    commit: str
    date: dt.datetime
    path: str  # the role's file at that commit
    items: tuple[Item, ...]

    @property
    def day(self) -> str:
        return self.date.date().isoformat()

    @property
    def headline(self) -> str:
        """The first change, and how many there are when there are more: "职责“……”新增等 3 项"."""
        first = self.items[0].text
        return first if len(self.items) == 1 else _say(first, "等", len(self.items), "项")

    @property
    def id(self) -> str:
        """A name that never changes, also when the role is renamed later (its file at that commit)."""
        return uuid.uuid5(uuid.NAMESPACE_URL, f"git:{self.commit}:{self.path}").urn


@dataclass(frozen=True)
class Changes:
    """Every published role's entries, newest first; ``missing``: why there is no history (a message key)."""

    by_role: dict[str, tuple[Entry, ...]]
    missing: str | None = None

    def of(self, role: Role) -> tuple[Entry, ...]:
        return self.by_role.get(role.slug, ())

    @property
    def entries(self) -> list[Entry]:
        """Every role's entries, newest first (a commit's roles in the handbook's order)."""
        every = [entry for entries in self.by_role.values() for entry in entries]
        return sorted(every, key=lambda entry: entry.date, reverse=True)  # stable: roles keep their order


# One per build: the handbook is loaded once per build, and every page and the export ask with it.
_BUILDS: weakref.WeakKeyDictionary[Handbook, Changes] = weakref.WeakKeyDictionary()


def changes_of(root: Path, handbook: Handbook) -> Changes:
    """The build's changes (read from git once per loaded handbook)."""
    known = _BUILDS.get(handbook)
    if known is None:
        history = read_history(Path(root), {role.slug: handbook.role_sources[role.slug] for role in handbook.roles},
                               {role.slug: role.former_slugs for role in handbook.roles})
        known = _BUILDS[handbook] = _changes(handbook, history)
    return known


def missing_line(changes: Changes) -> str | None:
    """The one line a build prints when it has no history (None when it has)."""
    return say("history_none", reason=say(changes.missing)) if changes.missing else None


def _changes(handbook: Handbook, history: History) -> Changes:
    if history.missing:
        return Changes({}, history.missing)
    names = Names.of(handbook)
    by_role = {}
    for role in handbook.roles:
        entries, before = [], None
        for version in history.versions.get(role.slug, ()):
            values = version.values
            if before is None:
                if values.get("status") == "draft":
                    continue  # a draft's edits are not history: it starts where it was first published
                items = [Item(ADDED, "", FIRST)]
            else:
                items = compare(before, values, names)
            before = values
            if items:
                entries.append(Entry(role, version.commit, version.date, version.path, tuple(items)))
        by_role[role.slug] = tuple(reversed(entries))
    return Changes(by_role)


# --- Comparing two versions of a role -------------------------------------------------------------------------


@dataclass(frozen=True)
class Names:
    """Today's names of what a role refers to; what no longer exists is named by its id."""

    skills: dict[str, str]
    families: dict[str, str]
    roles: dict[str, str]
    tracks: dict[str, str]
    levels: dict[tuple[str, str], str]  # (track, level) -> name
    renamed: dict[str, str]  # a role's former slug -> its slug: a collaborator renamed is the same collaborator

    @classmethod
    def of(cls, handbook: Handbook) -> Names:
        return cls(skills={skill.id: skill.name for skill in handbook.skills.skills},
                   families={family.id: family.name for family in handbook.families},
                   roles={role.slug: role.name for role in (*handbook.roles, *handbook.drafts, *handbook.retired)},
                   tracks={track.id: track.name for track in handbook.career.tracks},
                   levels={(track.id, level.id): level.name for track in handbook.career.tracks
                           for level in track.levels},
                   renamed={former: role.slug for role in (*handbook.roles, *handbook.drafts, *handbook.retired)
                            for former in role.former_slugs})

    def level(self, track: Any, level: Any) -> str:
        return self.levels.get((track, level), str(level))


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z0-9]")


def _say(*parts: Any) -> str:
    """The words of a change, joined as the house writes Chinese: a space between Chinese and Latin letters or
    digits ("技能「风险管理」在高级项目经理的期望 2 → 3"), none between Chinese characters, names in 「」 and
    texts in “” (quoted as written, in today's typography: :func:`_typeset`)."""
    said = ""
    for part in map(_typeset, parts):
        if said and part and ((_CJK.match(said[-1]) and _LATIN.match(part[0]))
                              or (_LATIN.match(said[-1]) and _CJK.match(part[0]))):
            said += " "
        said += part
    return said


_UNSPACED = re.compile(rf"(?<=[{HAN}])(?=[{LATIN}])|(?<=[{LATIN}])(?=[{HAN}])")
_HALF_BRACKETS = re.compile(r"\(([^()]*)\)")
_FULL_WIDTH_BRACKETS = str.maketrans("()", "（）")


def _typeset(value: Any) -> str:
    """A text as the house writes it today: a space between Chinese and Latin ("会后24小时" -> "会后 24 小时"),
    full-width brackets around or beside Chinese ("委员会(CCB)评审" -> "委员会（CCB）评审"). An old version's
    text is quoted in the typography the lint has since brought to every page; the words stay as written."""
    text = _UNSPACED.sub(" ", str(value))

    def bracket(match: re.Match) -> str:
        beside = text[match.start() - 1:match.start()] + text[match.end():match.end() + 1]
        chinese = re.search(f"[{HAN}]", match.group(1) + beside)
        return f"（{match.group(1)}）" if chinese else match.group()

    return _HALF_BRACKETS.sub(bracket, text)


def _name(value: Any) -> str:
    return f"「{value}」"


def _quoted(value: Any) -> str:
    return f"“{_text(value)}”"


def _text(value: Any) -> str:
    """A duty's text (a duty is a text, or a mapping of its text and its RACI activity)."""
    if isinstance(value, dict):
        value = value.get("text", "")
    return str(value) if value is not None else ""


def _records(value: Any, key: str) -> dict[str, dict]:
    """A list of mappings by their ``key`` (the first of each); anything else in the list is left out."""
    found: dict[str, dict] = {}
    for item in value if isinstance(value, list) else ():
        if isinstance(item, dict) and isinstance(item.get(key), (str, int)):
            found.setdefault(str(item[key]), item)
    return found


_SPACE = re.compile(r"\s+")


def _squeezed(value: Any) -> Any:
    """A value without the spaces in its texts and with full-width brackets: a space added between Chinese and
    Latin (PMO, WBS), a half-width bracket made full-width ("(CCB)" -> "（CCB）") or a line folded differently
    is no change to a reader."""
    if isinstance(value, str):
        return _SPACE.sub("", value).translate(_FULL_WIDTH_BRACKETS)
    if isinstance(value, list):
        return [_squeezed(item) for item in value]
    if isinstance(value, dict):
        return {key: _squeezed(item) for key, item in value.items()}
    return value


def _differ(before: Any, after: Any) -> bool:
    return _squeezed(before) != _squeezed(after)


def _texts(before: list[str], after: list[str]) -> list[tuple[str, str | None, str | None]]:
    """What happened to a list of texts: each removed text paired with the most similar added one (a text
    reworded), the rest removed or added; a text only moved, or only spaced differently, is no change."""
    old, new = set(map(_squeezed, before)), set(map(_squeezed, after))
    removed = [text for text in before if _squeezed(text) not in new]
    added = [text for text in after if _squeezed(text) not in old]
    found: list[tuple[str, str | None, str | None]] = []
    for gone in removed:
        scored = [(SequenceMatcher(None, gone, text).ratio(), text) for text in added]
        score, closest = max(scored, default=(0.0, None), key=lambda pair: pair[0])
        if closest is not None and score >= _SIMILAR:
            added.remove(closest)
            found.append((CHANGED, gone, closest))
        else:
            found.append((REMOVED, gone, None))
    return found + [(ADDED, None, text) for text in added]


def _kind(before: Any, after: Any) -> str:
    return ADDED if before is None else REMOVED if after is None else CHANGED


def _levels_text(levels: Any, track: Any, names: Names) -> str:
    """Expected proficiency per level: "初级项目经理 2、中级项目经理 3" (or one number, as older files had it)."""
    if isinstance(levels, dict):
        return "、".join(_say(names.level(track, level), value) for level, value in levels.items())
    return str(levels)


def _scalar(key: str, before: Any, after: Any, show: Callable[[Any], str] = str) -> list[Item]:
    """A field of one short value: "内容负责人：PMO → HR", "接替岗位「项目经理」新增"."""
    kind = _kind(before, after)
    if kind == CHANGED:
        return [Item(kind, key, _say(f"{LABELS[key]}：", show(before), " → ", show(after)), before, after)]
    return [Item(kind, key, _say(LABELS[key], _name(show(before if kind == REMOVED else after)), VERBS[kind]),
                 before, after)]


def _long_text(key: str, before: Any, after: Any) -> list[Item]:
    """A text too long to quote (a mission): that it changed."""
    return [Item(_kind(before, after), key, _say(LABELS[key], VERBS[_kind(before, after)]))]


def _text_items(field: str, label: str, before: Any, after: Any) -> list[Item]:
    """A list of texts (aliases, an area's duties): each text added, removed or reworded."""
    items = []
    for kind, was, now in _texts([_text(x) for x in before or ()], [_text(x) for x in after or ()]):
        text = (_say(label, _quoted(was), "改为", _quoted(now)) if kind == CHANGED else
                _say(label, _quoted(was if kind == REMOVED else now), VERBS[kind]))
        items.append(Item(kind, field, text, was, now))
    return items


def _responsibilities(key: str, before: Any, after: Any) -> list[Item]:
    old, new = _records(before, "id"), _records(after, "id")
    items = []
    for area_id in dict.fromkeys([*new, *old]):
        path = f"{key}.{area_id}"
        a, b = old.get(area_id), new.get(area_id)
        if a is None or b is None:
            kind = _kind(a, b)
            items.append(Item(kind, path, _say(LABELS[key], _quoted((b or a).get("title", area_id)), VERBS[kind])))
            continue
        title = _text(b.get("title", area_id))
        if _differ(a.get("title"), b.get("title")):
            items.append(Item(CHANGED, f"{path}.title", _say(LABELS[key], _quoted(a.get("title")), "改名为",
                                                              _quoted(title)), a.get("title"), title))
        if _differ(a.get("description"), b.get("description")):
            items.append(Item(CHANGED, f"{path}.description", _say(LABELS[key], _quoted(title), "的说明修改")))
        items += _text_items(f"{path}.duties", LABELS["duty"], a.get("duties"), b.get("duties"))
    return items


def _skills(key: str, before: Any, after: Any, old_role: dict, new_role: dict, names: Names) -> list[Item]:
    old, new = _records(before, "skill"), _records(after, "skill")
    old_track, track = _track(old_role), _track(new_role)
    items = []
    for skill_id in dict.fromkeys([*new, *old]):
        path, skill = f"{key}.{skill_id}", _say(LABELS[key], _name(names.skills.get(skill_id, skill_id)))
        a, b = old.get(skill_id), new.get(skill_id)
        if a is None:
            levels = _levels_text(b.get("levels", b.get("level")), track, names)
            items.append(Item(ADDED, path, _say(skill, VERBS[ADDED], "（期望：", levels, "）")))
            continue
        if b is None:
            items.append(Item(REMOVED, path, _say(skill, VERBS[REMOVED])))
            continue
        was, now = a.get("levels", a.get("level")), b.get("levels", b.get("level"))
        if isinstance(was, dict) and isinstance(now, dict):
            # A level the role gained or lost is said once, under 覆盖的级别: only the levels in both count here.
            for level in (level for level in now if level in was and was[level] != now[level]):
                items.append(Item(CHANGED, f"{path}.levels.{level}",
                                  _say(skill, "在", names.level(track, level), "的期望", was[level], " → ", now[level]),
                                  was[level], now[level]))
        elif was != now:
            items.append(Item(CHANGED, f"{path}.levels", _say(skill, "的期望：", _levels_text(was, old_track, names),
                                                              " → ", _levels_text(now, track, names))))
        if _differ(a.get("note"), b.get("note")):
            kind = _kind(a.get("note"), b.get("note"))
            items.append(Item(kind, f"{path}.note", _say(skill, "的说明", VERBS[kind])))
    return items


def _track(role: dict) -> Any:
    career = role.get("career")
    return career.get("track") if isinstance(career, dict) else None


def _career(key: str, before: Any, after: Any, names: Names) -> list[Item]:
    a = before if isinstance(before, dict) else {}
    b = after if isinstance(after, dict) else {}

    def track(career: dict) -> str:
        return names.tracks.get(career.get("track"), str(career.get("track")))

    def levels(career: dict) -> str:
        return "、".join(names.level(career.get("track"), level) for level in career.get("levels") or ())

    if not a or not b:
        kind = ADDED if b else REMOVED
        return [Item(kind, key, _say(LABELS[key], _name(track(b or a)), "（", levels(b or a), "）", VERBS[kind]))]
    items = []
    if a.get("track") != b.get("track"):
        items.append(Item(CHANGED, f"{key}.track", _say(f"{LABELS[key]}：", track(a), " → ", track(b)),
                          a.get("track"), b.get("track")))
    if levels(a) != levels(b):
        items.append(Item(CHANGED, f"{key}.levels", _say(f"{LABELS['levels']}：", levels(a), " → ", levels(b)),
                          a.get("levels"), b.get("levels")))
    return items


def _by_key(key: str, before: Any, after: Any, id_key: str, label: Callable[[dict, str], str],
            parts: dict[str, Callable[[str, Any, Any], str]]) -> list[Item]:
    """A list of records by ``id_key``: each one added, removed, or which of its ``parts`` changed."""
    old, new = _records(before, id_key), _records(after, id_key)
    items = []
    for record_id in dict.fromkeys([*new, *old]):
        a, b = old.get(record_id), new.get(record_id)
        path = f"{key}.{record_id}"
        if a is None or b is None:
            kind = _kind(a, b)
            items.append(Item(kind, path, _say(label(b or a, record_id), VERBS[kind])))
            continue
        for part, words in parts.items():
            if _differ(a.get(part), b.get(part)):
                items.append(Item(CHANGED, f"{path}.{part}", words(label(a, record_id), a.get(part), b.get(part))))
    return items


def _renamed(links: Any, names: Names) -> Any:
    """Collaborators by their slug of today (a role renamed since is the same collaborator)."""
    if not isinstance(links, list):
        return links
    return [{**link, "role": names.renamed.get(link["role"], link["role"])}
            if isinstance(link, dict) and isinstance(link.get("role"), str) else link for link in links]


def compare(before: dict[str, Any], after: dict[str, Any], names: Names) -> list[Item]:
    """What changed from one version of a role to the next, in the order the page shows its fields."""
    items: list[Item] = []
    order = [*_ORDER, *(key for key in (*after, *before) if key not in _ORDER and key not in _UNSHOWN)]
    for key in dict.fromkeys(order):
        was, now = before.get(key), after.get(key)
        if not _differ(was, now):
            continue
        try:
            items += _field(key, was, now, before, after, names)
        except Exception:  # noqa: BLE001 - an old file's odd shape must never stop a build: say the field changed
            items.append(Item(CHANGED, key, _say(LABELS.get(key, key), VERBS[CHANGED])))
    return items


_ORDER = ("slug", "status", "successor", "name", "name_en", "aliases", "family", "summary", "mission",
          "responsibilities", "skills", "career", "collaborates_with", "faq", "owner", "last_reviewed")
_UNSHOWN = ("former_slugs",)  # said with the new slug


def _field(key: str, was: Any, now: Any, before: dict, after: dict, names: Names) -> list[Item]:
    if key == "slug":
        return _scalar(key, was, now, lambda slug: urls.page_url(role_src(str(slug))))
    if key == "status":
        return _scalar(key, was, now, lambda status: STATUS_NAMES.get(status, str(status)))
    if key == "successor":
        return _scalar(key, was, now, lambda slug: names.roles.get(names.renamed.get(slug, slug), str(slug)))
    if key == "family":
        return _scalar(key, was, now, lambda family: names.families.get(family, str(family)))
    if key in ("name", "name_en", "owner", "last_reviewed"):
        return _scalar(key, was, now)
    if key in ("summary", "mission"):
        return _long_text(key, was, now)
    if key == "aliases":
        return _text_items(key, LABELS[key], was, now)
    if key == "responsibilities":
        return _responsibilities(key, was, now)
    if key == "skills":
        return _skills(key, was, now, before, after, names)
    if key == "career":
        return _career(key, was, now, names)
    if key == "collaborates_with":
        was, now = (_renamed(links, names) for links in (was, now))
        return _by_key(key, was, now, "role",
                       lambda record, slug: _say(LABELS[key], _name(names.roles.get(slug, slug))),
                       {"how": lambda label, _was, _now: _say("与", label[len(LABELS[key]):], "的协作方式修改")})
    if key == "faq":
        return _by_key(key, was, now, "id", lambda record, entry_id: _say(LABELS[key], _quoted(record.get("question"))),
                       {"question": lambda label, was, now: _say(LABELS[key], _quoted(was), "改为", _quoted(now)),
                        "answer": lambda label, _was, _now: _say(label, "的回答修改")})
    kind = _kind(was, now)
    return [Item(kind, key, _say(LABELS["field"], key, VERBS[kind]))]


# --- The role page, its head, the export ----------------------------------------------------------------------


def role_section(changes: Changes, role: Role, link: Linker) -> Markup:
    """The role page's 变更记录 section, or nothing when the role has no history."""
    entries = changes.of(role)
    if not entries:
        return Markup("")
    return render_markdown("role-changes.md.j2", entries=entries, anchor=urls.CHANGES_ANCHOR,
                           feed=link.file(urls.role_feed(role.slug)), all_feed=link.file(urls.CHANGES_FEED))


def feed_head(changes: Changes, role: Role, link: Linker) -> Head:
    """The role page's ``<link rel="alternate feed" type="application/atom+xml">`` to its feed, where it has one."""
    if not changes.of(role):
        return Head()
    return Head(feed=(f"{role.name} · 变更记录", str(link.final.file(urls.role_feed(role.slug)))))  # <head>


def changes_document(changes: Changes, conf: Any) -> dict[str, Any]:
    """The whole ``api/changes.json``: every role's changes, newest first."""
    return {
        "$schema": "./changes.schema.json",
        "version": CHANGES_VERSION,
        "changes": [
            {"id": entry.id, "role": entry.role.slug, "name": entry.role.name,
             "url": canonical_url(conf, role_src(entry.role.slug), urls.CHANGES_ANCHOR),
             "date": entry.day, "time": entry.date.isoformat(), "commit": entry.commit, "file": entry.path,
             "items": [{"kind": item.kind, "field": item.field, "text": item.text, "before": _json(item.before),
                        "after": _json(item.after)} for item in entry.items]}
            for entry in changes.entries
        ],
    }


def _json(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, list)) or value is None else str(value)


def feed_text(entries: list[Entry] | tuple[Entry, ...], conf: Any, path: str, title: str, page_src: str) -> str:
    """An Atom 1.0 feed of ``entries`` (newest first) published at ``path`` (from the site's root)."""
    root = (conf.get("site_url") or "/").rstrip("/") + "/"
    return str(render_html(
        "changes.atom.j2", title=title, feed_url=root + path, page_url=canonical_url(conf, page_src),
        updated=entries[0].date.isoformat(), author=conf.get("site_author") or conf.get("site_name"),
        entries=[{"entry": entry, "title": _entry_title(entry),
                  "url": canonical_url(conf, role_src(entry.role.slug), urls.CHANGES_ANCHOR)} for entry in entries]))


def _entry_title(entry: Entry) -> str:
    return f"{entry.role.name}：{entry.headline}"


def write_changes(handbook: Handbook, directory: Path, conf: Any) -> list[Path]:
    """``api/changes.json``, ``api/changes.atom`` and ``api/changes/<slug>.atom`` (also under each former
    slug, for who subscribed before a rename); nothing without history."""
    changes = changes_of(Path(conf.get("config_file_path") or "mkdocs.yml").parent, handbook)
    if changes.missing:
        return []
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    files = {urls.CHANGES_JSON: json.dumps(changes_document(changes, conf), **compact) + "\n"}
    every = changes.entries
    if every:
        title = escape(conf.get("site_name") or "") + " · 岗位变更记录"  # the name is escaped once (engine)
        files[urls.CHANGES_FEED] = feed_text(every[:FEED_MAX], conf, urls.CHANGES_FEED, title, urls.ROLES_INDEX)
    for role in handbook.roles:
        entries = changes.of(role)
        for slug in (role.slug, *role.former_slugs) if entries else ():
            files[urls.role_feed(slug)] = feed_text(entries, conf, urls.role_feed(slug), f"{role.name} · 变更记录",
                                                    role_src(role.slug))
    site = directory.parent
    written = []
    for path, text in files.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_file(site, target, text)
        written.append(target)
    return written
