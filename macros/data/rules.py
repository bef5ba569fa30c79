"""Rules that span records and files: unique ids, resolvable references, RACI, one file per role.

Field-level rules (types, required fields, ranges, patterns) are enforced while loading; this module runs
after, over whatever loaded cleanly, so a broken file never hides problems in the others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Iterable

from . import practice_rules
from .models import (ROLE_PRACTICE_ANCHORS, ROLE_SECTION_ANCHORS, ActivityCatalogue, CareerPath, FamilyList,
                     FaqCatalogue, Glossary, RaciActivity, Role, SkillCatalogue)
from .practice import CadenceCatalogue, OperationsCatalogue, SettingsCatalogue, ToolCatalogue
from .problems import Collector

# Human names of reference kinds, for messages.
KIND_NAMES = {
    "role": ("role", "data/roles/<slug>.yaml"),
    "member": ("role or RACI party", "data/roles/<slug>.yaml or data/activities.yaml (parties)"),
    "family": ("family", "data/families.yaml"),
    "skill": ("skill", "data/skills.yaml (skills)"),
    "skill_group": ("skill group", "data/skills.yaml (groups)"),
    "track": ("career track", "data/career.yaml (tracks)"),
    "phase": ("life-cycle phase", "data/activities.yaml (phases)"),
    "faq_group": ("FAQ group", "data/faq.yaml (groups)"),
    **practice_rules.KIND_NAMES,
}


@dataclass(frozen=True)
class Parts:
    """What each file of data/ gave: its record, or None when it had problems (already reported)."""

    families: FamilyList | None
    skills: SkillCatalogue | None
    career: CareerPath | None
    activities: ActivityCatalogue | None
    faq: FaqCatalogue | None
    glossary: Glossary | None
    cadence: CadenceCatalogue | None
    operations: OperationsCatalogue | None
    tools: ToolCatalogue | None
    settings: SettingsCatalogue | None
    roles: list[tuple[str, Role | None]]  # (file, role) of every role file


def _ids(items: Iterable[Any] | None, key: str = "id") -> set[str] | None:
    return None if items is None else {getattr(item, key) for item in items}


def check_rules(parts: Parts, out: Collector, today: dt.date | None = None) -> None:
    """Check every cross-record rule over the parts that loaded; add problems to ``out``."""
    good_roles = [role for _file, role in parts.roles if role is not None]
    skills, career, activities, faq = parts.skills, parts.career, parts.activities, parts.faq
    # A role file that failed to load still names a role: don't report references to it as unknown.
    role_ids = {PurePosixPath(file).stem for file, _role in parts.roles} if parts.roles else None
    party_ids = _ids(activities and activities.parties)
    known: dict[str, set[str] | None] = {
        "role": role_ids,
        "member": None if role_ids is None or party_ids is None else role_ids | party_ids,
        "family": _ids(parts.families and parts.families.families),
        "skill": _ids(skills and skills.skills),
        "skill_group": _ids(skills and skills.groups),
        "track": _ids(career and career.tracks),
        "track_level": None,  # track/level: checked with the career rules, which name the track's levels
        "phase": _ids(activities and activities.phases),
        "faq_group": _ids(faq and faq.groups),
        **practice_rules.known_ids(parts),
    }
    _check_references(out, known)
    _check_role_files(parts.roles, out)
    for items, key in (
        (parts.families and parts.families.families, "id"),
        (skills and skills.levels, "level"), (skills and skills.groups, "id"), (skills and skills.skills, "id"),
        (career and career.certifications, "id"),
        (activities and activities.phases, "id"), (activities and activities.activities, "id"),
        (activities and activities.parties, "id"),
        (faq and faq.groups, "id"), (parts.glossary and parts.glossary.terms, "term"),
        *practice_rules.unique_keys(parts),
    ):
        if items is not None:
            _unique(items, key, out)
    if skills is not None:
        _check_levels(skills, out)
    for role in good_roles:
        _check_role(role, out)
    from .career_rules import check_career

    check_career(career, good_roles, out, _unique)
    _check_faq_ids(faq, good_roles, out)
    _check_slugs(good_roles, out)
    practice_rules.check_practice(parts, good_roles, len(good_roles) == len(parts.roles), out)
    check_text([part for part in (parts.families, skills, career, activities, faq, parts.glossary,
                                           parts.cadence, parts.operations, parts.tools, parts.settings)
                if part is not None] + good_roles, out)
    check_lists_and_dates(parts, good_roles, out, today or dt.date.today())
    if activities is not None:
        for activity in activities.activities:
            _check_raci(activity, out)
        if len(good_roles) == len(parts.roles):
            _check_every_role_acts(activities.activities, good_roles, activities, out)
            _check_columns(activities, good_roles, out)


def _check_references(out: Collector, known: dict[str, set[str] | None]) -> None:
    for kind, value, file in sorted(set(out.refs)):
        ids = known[kind]
        if ids is None or value in ids:
            continue
        noun, source = KIND_NAMES[kind]
        listed = ", ".join(sorted(ids)) if len(ids) <= 20 else f"{len(ids)} defined"
        for where in out.reference_places(kind, value, file):
            out.add(where, f"unknown {noun} {value!r}: expected one defined in {source} ({listed})")


def _check_role_files(roles: list[tuple[str, Role | None]], out: Collector) -> None:
    for file, role in roles:
        stem = PurePosixPath(file).stem
        if role is not None and stem != role.slug:
            out.add(out.place(role, "slug"), f"expected the file name's slug {stem!r}, got {role.slug!r} "
                    f"(rename the file to {role.slug}.yaml or fix the slug)")


def _unique(items: Iterable[Any], key: str, out: Collector) -> None:
    seen: dict[Any, Any] = {}
    for item in items:
        value = getattr(item, key)
        if value in seen:
            first, here = out.place(seen[value], key), out.place(item, key)
            used = f"line {first.line}" if first.file == here.file else f"{first.file}:{first.line}"
            out.add(here, f"duplicate {key} {value!r} (already used on {used})")
        else:
            seen[value] = item


def _check_levels(catalogue: Any, out: Collector) -> None:
    defined = sorted(level.level for level in catalogue.levels)
    if defined != [1, 2, 3, 4]:
        out.add(out.place(catalogue, "levels"), f"expected levels 1, 2, 3 and 4 each defined once, got {defined}")


def _check_role(role: Role, out: Collector) -> None:
    anchors: dict[str, Any] = {}
    for item in (*role.responsibilities, *role.faq):
        if item.id in ROLE_SECTION_ANCHORS or item.id in ROLE_PRACTICE_ANCHORS:
            out.add(out.place(item, "id"), f"{item.id!r} is a section anchor of every role page; choose another id")
        elif item.id in anchors:
            out.add(out.place(item, "id"), f"duplicate anchor {item.id!r} on this role page")
        anchors[item.id] = item
    _unique(role.skills, "skill", out)
    _unique(role.collaborates_with, "role", out)
    for link in role.collaborates_with:
        if link.role == role.slug:
            out.add(out.place(link, "role"), "a role cannot collaborate with itself: name another role")
    for entry in role.faq:
        if entry.group is not None:
            out.add(out.place(entry, "group"), "role FAQ entries are shown on the role page: remove 'group'")


def _check_faq_ids(catalogue: Any, roles: list[Role], out: Collector) -> None:
    entries = [*(catalogue.entries if catalogue else ()), *(entry for role in roles for entry in role.faq)]
    _unique(entries, "id", out)
    for entry in catalogue.entries if catalogue else ():
        if entry.group is None:
            out.add(out.place(entry), f"missing required field 'entries[].group' for {entry.id!r}")


def _check_slugs(roles: list[Role], out: Collector) -> None:
    """Current and former slugs share one URL space: each may be used once."""
    current = {role.slug for role in roles}
    owners: dict[str, Role] = {}
    for role in roles:
        for former in role.former_slugs:
            if former in current:
                out.add(out.place(role, "former_slugs"),
                        f"former slug {former!r} is the slug of a current role; a URL can lead to one page only")
            elif former in owners:
                out.add(out.place(role, "former_slugs"),
                        f"former slug {former!r} already redirects to {owners[former].slug!r}")
            owners[former] = role


def _check_raci(activity: RaciActivity, out: Collector) -> None:
    counts = Counter(activity.raci.values())  # only R, A, C and I: the model allows no other letter
    if counts["A"] != 1:
        names = [slug for slug, letter in activity.raci.items() if letter == "A"]
        got = f"{counts['A']} ({', '.join(names)})" if names else "none"
        out.add(out.place(activity, "raci"), f"expected exactly one A (one accountable role or party), got {got}")
    if counts["R"] < 1:
        out.add(out.place(activity, "raci"), "expected at least one R (a role or party that does the work), got none")


def _check_every_role_acts(activities: tuple[RaciActivity, ...], roles: list[Role], catalogue: Any,
                           out: Collector) -> None:
    acting = {slug for activity in activities for slug, letter in activity.raci.items() if letter in "RA"}
    for role in roles:
        if role.slug not in acting:
            out.add(out.place(catalogue, "activities"),
                    f"role {role.slug!r} is R or A in no activity: every role must do or own some work")


def _check_columns(catalogue: Any, roles: list[Role], out: Collector) -> None:
    """Parties are named apart from roles; ``columns``, when given, orders every role and party exactly once."""
    slugs = {role.slug for role in roles}
    for party in catalogue.parties:
        if party.id in slugs:
            out.add(out.place(party, "id"), f"party id {party.id!r} is the slug of a role: choose another id")
    if not catalogue.columns:
        return
    where = out.place(catalogue, "columns")
    members = [role.slug for role in roles] + [party.id for party in catalogue.parties]
    for member, count in Counter(catalogue.columns).items():
        if count > 1:
            out.add(where, f"{member!r} is listed {count} times: list each role and party once")
    missing = [member for member in members if member not in catalogue.columns]
    if missing:
        out.add(where, f"missing {', '.join(missing)}: every role and party needs its place in the column order")


# --- Rules over text and dates that YAML accepts but a handbook cannot use ----------------------------------

SUMMARY_MAX = 120  # characters: one sentence, and the page's link preview (search engines show ~80–120)
TEXT_MAX = 1000  # characters of any one text; the longest in the handbook has ~200
ALIASES_MAX = 20  # other names of a role: each is shown on its page and searched
# Characters that show nothing: zero-width, joiners, marks and isolates of bidirectional text, the BOM.
_INVISIBLE = frozenset("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
                       "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
                       "\u3164\ufeff\uffa0")
# Characters that reorder how text is shown (a name can then read differently from what it is): never needed
# in Chinese or English text.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


_INVISIBLE_ONLY = re.compile("[^\\s" + "".join(sorted(_INVISIBLE)) + "]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(_BIDI_CONTROLS)) + "]")


def _bad_character(text: str) -> str | None:
    """Why a text cannot be shown as written, or None (regular expressions: this runs for every text)."""
    if not _INVISIBLE_ONLY.search(text):
        return "expected text, got only invisible characters (zero-width or direction marks)"
    found = _CONTROL.search(text)
    if found:
        char, index = found.group(), found.start()
        if char in _BIDI_CONTROLS:
            return (f"expected text, got the direction control U+{ord(char):04X} at character {index + 1}: "
                    "delete it (it makes the text read differently from what it is)")
        return (f"expected text, got the control character U+{ord(char):04X} at character {index + 1}: "
                "delete it (it shows as nothing or garbage)")
    if len(text) > TEXT_MAX:
        return f"expected at most {TEXT_MAX} characters, got {len(text)}: shorten it or split it into items"
    return None


# Per record type, its field names, or None when the type is not a record.
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}
# Any character that may make a text unusable; most texts have none and need no closer look.
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(_INVISIBLE | _BIDI_CONTROLS)) + "]")


def _field_names(value: Any) -> tuple[str, ...] | None:
    kind = type(value)
    if kind not in _FIELD_NAMES:
        model_fields = getattr(kind, "model_fields", None)  # a pydantic model
        if isinstance(model_fields, dict):
            _FIELD_NAMES[kind] = tuple(model_fields)
        elif dataclasses.is_dataclass(kind):
            _FIELD_NAMES[kind] = tuple(spec.name for spec in dataclasses.fields(kind))
        else:
            _FIELD_NAMES[kind] = None
    return _FIELD_NAMES[kind]


def _text_problem(text: str) -> str | None:
    return _bad_character(text) if _SUSPECT.search(text) or len(text) > TEXT_MAX else None


def _check_record_text(record: Any, names: tuple[str, ...], out: Collector) -> None:
    for name in names:
        value = getattr(record, name)
        if type(value) is str:
            reason = _text_problem(value)
            if reason:
                out.add(out.place(record, name), reason)
        elif type(value) is tuple:
            for index, item in enumerate(value):
                if type(item) is str:
                    reason = _text_problem(item)
                    if reason:
                        where = out.place(record, name)
                        out.add(where._replace(path=f"{where.path}[{index}]"), reason)
                else:
                    inner = _field_names(item)
                    if inner is not None:
                        _check_record_text(item, inner, out)
        elif value is not None and type(value) is not dict:
            inner = _field_names(value)
            if inner is not None:
                _check_record_text(value, inner, out)


def check_text(values: Iterable[Any], out: Collector) -> None:
    """Every text of every record: something visible, no control characters, a sane length."""
    for value in values:
        names = _field_names(value)
        if names is not None:
            _check_record_text(value, names, out)


def _duplicates(record: Any, field: str, out: Collector, noun: str, fold=lambda text: text) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(getattr(record, field)):
        key = fold(item)
        if key in seen:
            where = out.place(record, field)
            out.add(where._replace(path=f"{where.path}[{index}]"),
                    f"duplicate {noun} {item!r} (already {field}[{seen[key]}]): list each once")
        else:
            seen[key] = index


def check_lists_and_dates(parts: Parts, roles: list[Role], out: Collector, today: dt.date) -> None:
    """Lists that name a thing twice, reviews dated in the future, summaries too long for a link preview,
    glossary terms that differ only in case or punctuation (they would share one anchor)."""
    for role in roles:
        _duplicates(role, "aliases", out, "alias", str.casefold)
        if len(role.aliases) > ALIASES_MAX:
            out.add(out.place(role, "aliases"), f"expected at most {ALIASES_MAX} aliases, got {len(role.aliases)}: "
                    "keep the names people really use")
        if role.name.casefold() in (alias.casefold() for alias in role.aliases):
            out.add(out.place(role, "aliases"), f"alias {role.name!r} is the role's name: list other names only")
        _duplicates(role, "former_slugs", out, "former slug")
        if role.last_reviewed > today:
            out.add(out.place(role, "last_reviewed"), f"expected a date not after today ({today.isoformat()}), "
                    f"got {role.last_reviewed.isoformat()}: write the day of the review")
        if len(role.summary) > SUMMARY_MAX:
            out.add(out.place(role, "summary"), f"expected at most {SUMMARY_MAX} characters (one sentence: it "
                    f"is the link preview), got {len(role.summary)}")
        for entry in role.faq:
            _duplicates(entry, "roles", out, "role")
    if parts.career is not None:
        for cert in parts.career.certifications:
            _duplicates(cert, "levels", out, "career level")
            _duplicates(cert, "roles", out, "role")
    if parts.faq is not None:
        for entry in parts.faq.entries:
            _duplicates(entry, "roles", out, "role")
    if parts.glossary is not None:
        # Terms have their own ids (anchors), but two spellings of one term would still read as one to a reader.
        folded: dict[str, Any] = {}
        for term in parts.glossary.terms:
            key = "-".join(re.findall(r"\w+", term.term.casefold()))
            other = folded.get(key)
            if other is not None and other.term != term.term:
                first = out.place(other, "term")
                out.add(out.place(term, "term"), f"term {term.term!r} differs from {other.term!r} (line "
                        f"{first.line}) only in case or punctuation: readers take them for one term; keep one")
            folded.setdefault(key, term)
