"""Rules that span records and files: unique ids, resolvable references, RACI, one file per role.

Field-level rules (types, required fields, ranges, patterns) are enforced while loading; this module runs
after, over whatever loaded cleanly, so a broken file never hides problems in the others.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from . import practice_rules
from .models import RACI_LETTERS, RaciActivity, Role
from .problems import INVALID, _Collector

# Anchors the role page template uses for its sections: HR link to them, so area and FAQ ids must differ.
ROLE_SECTION_ANCHORS = ("overview", "responsibilities", "skills", "raci", "career", "collaboration", "faq",
                        "cadence", "typical-week", "operations", "company-size")

# Human names of reference kinds, for messages.
KIND_NAMES = {
    "role": ("role", "data/roles/<slug>.yaml"),
    "family": ("family", "data/families.yaml"),
    "skill": ("skill", "data/skills.yaml (skills)"),
    "skill_group": ("skill group", "data/skills.yaml (groups)"),
    "stage": ("career stage", "data/career.yaml (stages)"),
    "phase": ("life-cycle phase", "data/activities.yaml (phases)"),
    "faq_group": ("FAQ group", "data/faq.yaml (groups)"),
    **practice_rules.KIND_NAMES,
}


def check_rules(parts: dict[str, Any], roles: list[tuple[Path, Any]], out: _Collector) -> None:
    """Check every cross-record rule over the parts that loaded; add problems to ``out``."""
    valid = {name: part for name, part in parts.items() if part is not INVALID}
    good_roles = [role for _path, role in roles if role is not INVALID]
    # A role file that failed to load still names a role: don't report references to it as unknown.
    known: dict[str, set[str] | None] = {
        "role": {path.stem for path, _role in roles} if roles else None,
        "family": _ids(valid, "families.yaml", "families", "id"),
        "skill": _ids(valid, "skills.yaml", "skills", "id"),
        "skill_group": _ids(valid, "skills.yaml", "groups", "id"),
        "stage": _ids(valid, "career.yaml", "stages", "id"),
        "phase": _ids(valid, "activities.yaml", "phases", "id"),
        "faq_group": _ids(valid, "faq.yaml", "groups", "id"),
        **practice_rules.known_ids(valid),
    }
    _check_references(out, known)
    _check_role_files(roles, out)
    for name, collection, key in (
        ("families.yaml", "families", "id"),
        ("skills.yaml", "levels", "level"),
        ("skills.yaml", "groups", "id"),
        ("skills.yaml", "skills", "id"),
        ("career.yaml", "stages", "id"),
        ("career.yaml", "certifications", "id"),
        ("activities.yaml", "phases", "id"),
        ("activities.yaml", "activities", "id"),
        ("faq.yaml", "groups", "id"),
        ("glossary.yaml", "terms", "term"),
        *practice_rules.UNIQUE,
    ):
        if name in valid:
            _unique(getattr(valid[name], collection), key, out)
    if "skills.yaml" in valid:
        _check_levels(valid["skills.yaml"], out)
    for role in good_roles:
        _check_role(role, out)
    _check_faq_ids(valid.get("faq.yaml"), good_roles, out)
    _check_slugs(good_roles, out)
    practice_rules.check_practice(valid, good_roles, len(good_roles) == len(roles), out)
    if "activities.yaml" in valid:
        activities = valid["activities.yaml"].activities
        for activity in activities:
            _check_raci(activity, out)
        if len(good_roles) == len(roles):
            _check_every_role_acts(activities, good_roles, valid["activities.yaml"], out)


def _ids(valid: dict[str, Any], name: str, collection: str, key: str) -> set[str] | None:
    if name not in valid:
        return None
    return {getattr(item, key) for item in getattr(valid[name], collection)}


def _check_references(out: _Collector, known: dict[str, set[str] | None]) -> None:
    for ref in out.refs:
        kind, value = ref[0], ref[1]
        ids = known[kind]
        if ids is None or value in ids:
            continue
        noun, source = KIND_NAMES[kind]
        listed = ", ".join(sorted(ids)) if len(ids) <= 20 else f"{len(ids)} defined"
        out.add(out.reference_place(ref), f"unknown {noun} {value!r}: expected one defined in {source} ({listed})")


def _check_role_files(roles: list[tuple[Path, Any]], out: _Collector) -> None:
    for path, role in roles:
        if role is not INVALID and path.stem != role.slug:
            out.add(out.place(role, "slug"), f"expected the file name's slug {path.stem!r}, got {role.slug!r} "
                    f"(rename the file to {role.slug}.yaml or fix the slug)")


def _unique(items: Iterable[Any], key: str, out: _Collector) -> None:
    seen: dict[Any, Any] = {}
    for item in items:
        value = getattr(item, key)
        if value in seen:
            first, here = out.place(seen[value], key), out.place(item, key)
            used = f"line {first.line}" if first.file == here.file else f"{first.file}:{first.line}"
            out.add(here, f"duplicate {key} {value!r} (already used on {used})")
        else:
            seen[value] = item


def _check_levels(catalogue: Any, out: _Collector) -> None:
    defined = sorted(level.level for level in catalogue.levels)
    if defined != [1, 2, 3, 4]:
        out.add(out.place(catalogue, "levels"), f"expected levels 1, 2, 3 and 4 each defined once, got {defined}")


def _check_role(role: Role, out: _Collector) -> None:
    anchors: dict[str, Any] = {}
    for item in (*role.responsibilities, *role.faq):
        if item.id in ROLE_SECTION_ANCHORS:
            out.add(out.place(item, "id"), f"{item.id!r} is a section anchor of every role page; choose another id")
        elif item.id in anchors:
            out.add(out.place(item, "id"), f"duplicate anchor {item.id!r} on this role page")
        anchors[item.id] = item
    _unique(role.skills, "skill", out)
    _unique(role.collaborates_with, "role", out)
    for link in role.collaborates_with:
        if link.role == role.slug:
            out.add(out.place(link, "role"), "a role cannot collaborate with itself: name another role")
    if len(set(role.stages)) != len(role.stages):
        out.add(out.place(role, "stages"), "expected each career stage once")
    for entry in role.faq:
        if entry.group is not None:
            out.add(out.place(entry, "group"), "role FAQ entries are shown on the role page: remove 'group'")


def _check_faq_ids(catalogue: Any, roles: list[Role], out: _Collector) -> None:
    entries = [*(catalogue.entries if catalogue else ()), *(entry for role in roles for entry in role.faq)]
    _unique(entries, "id", out)
    for entry in catalogue.entries if catalogue else ():
        if entry.group is None:
            out.add(out.place(entry), f"missing required field 'entries[].group' for {entry.id!r}")


def _check_slugs(roles: list[Role], out: _Collector) -> None:
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


def _check_raci(activity: RaciActivity, out: _Collector) -> None:
    counts = Counter(activity.raci.values())
    where = out.place(activity, "raci")
    if counts["A"] != 1:
        names = [slug for slug, letter in activity.raci.items() if letter == "A"]
        got = f"{counts['A']} ({', '.join(names)})" if names else "none"
        out.add(where, f"expected exactly one A (one accountable role), got {got}")
    if counts["R"] < 1:
        out.add(where, "expected at least one R (a role that does the work), got none")
    unknown = set(activity.raci.values()) - set(RACI_LETTERS)
    assert not unknown, unknown  # the loader already rejects other letters


def _check_every_role_acts(activities: tuple[RaciActivity, ...], roles: list[Role], catalogue: Any,
                           out: _Collector) -> None:
    acting = {slug for activity in activities for slug, letter in activity.raci.items() if letter in "RA"}
    for role in roles:
        if role.slug not in acting:
            out.add(out.place(catalogue, "activities"),
                    f"role {role.slug!r} is R or A in no activity: every role must do or own some work")
