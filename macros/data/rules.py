"""Rules that span records and files: unique ids, resolvable references, RACI, one file per role.

Field-level rules (types, required fields, ranges, patterns, texts, lists, a role's own fields) are the models'
and enforced while loading; this module runs after, over whatever loaded cleanly, so a broken file never hides
problems in the others.
"""

from __future__ import annotations

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


def check_rules(parts: Parts, out: Collector) -> None:
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
    if parts.glossary is not None:
        _check_glossary(parts.glossary, out)
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


def _check_glossary(glossary: Glossary, out: Collector) -> None:
    """Terms have their own ids (anchors), but two spellings of one term would still read as one to a reader."""
    folded: dict[str, Any] = {}
    for term in glossary.terms:
        key = "-".join(re.findall(r"\w+", term.term.casefold()))
        other = folded.get(key)
        if other is not None and other.term != term.term:
            first = out.place(other, "term")
            out.add(out.place(term, "term"), f"term {term.term!r} differs from {other.term!r} (line "
                    f"{first.line}) only in case or punctuation: readers take them for one term; keep one")
        folded.setdefault(key, term)
