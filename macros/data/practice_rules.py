"""Rules over cadence, operations, tools and settings: every role has its cadence and its staffing by company
size, and what a role is said to do in a meeting or a practice matches its letters in the RACI matrix.

Run by :func:`macros.data.rules.check_rules` over whatever loaded cleanly, like every other rule.
"""

from __future__ import annotations

from typing import Any, Iterable

from .models import Role
from .problems import Collector

# `parts` below is rules.Parts (what each file gave); not imported, since rules.py imports this module.
Parts = Any

# Reference kinds of these files: (what a maintainer calls it, where it is defined).
KIND_NAMES = {
    "activity": ("RACI activity", "data/activities.yaml (activities)"),
    "iteration": ("iteration", "data/cadence.yaml (iterations)"),
    "release_pattern": ("release pattern", "data/cadence.yaml (release_patterns)"),
    "event": ("meeting or report", "data/cadence.yaml (events)"),
    "company_size": ("company size", "data/settings.yaml (company_sizes)"),
    "tool_category": ("tool category", "data/tools.yaml (categories)"),
    "term": ("glossary term id", "data/glossary.yaml (terms)"),
}

def unique_keys(parts: Parts) -> list[tuple[Iterable[Any] | None, str]]:
    """(records, key) of these files whose key must be unique, as rules.check_rules takes them."""
    cadence, operations, tools, settings, glossary = (parts.cadence, parts.operations, parts.tools, parts.settings,
                                                      parts.glossary)
    return [
        (cadence and cadence.iterations, "id"), (cadence and cadence.release_patterns, "id"),
        (cadence and cadence.events, "id"), (operations and operations.practices, "id"),
        (tools and tools.categories, "id"), (settings and settings.company_sizes, "id"),
        (settings and settings.delivery_settings, "id"), (settings and settings.goals, "id"),
        (glossary and glossary.terms, "id"),
    ]


def known_ids(parts: Parts) -> dict[str, set[str] | None]:
    """The ids each reference kind of these files may name (None: the defining file did not load)."""

    def ids(items: Iterable[Any] | None) -> set[str] | None:
        return None if items is None else {item.id for item in items}

    cadence, settings = parts.cadence, parts.settings
    return {
        "activity": ids(parts.activities and parts.activities.activities),
        "iteration": ids(cadence and cadence.iterations),
        "release_pattern": ids(cadence and cadence.release_patterns),
        "event": ids(cadence and cadence.events),
        "company_size": ids(settings and settings.company_sizes),
        "tool_category": ids(parts.tools and parts.tools.categories),
        "term": ids(parts.glossary and parts.glossary.terms),
    }


def check_practice(parts: Parts, roles: list[Role], all_roles_loaded: bool, out: Collector) -> None:
    """Every rule of this module; problems go to ``out``."""
    cadence, operations, settings, activities = parts.cadence, parts.operations, parts.settings, parts.activities
    letters = ({activity.id: activity.raci for activity in activities.activities} if activities else None)
    if cadence is not None:
        for slug, role_cadence in cadence.roles.items():
            _check_role_cadence(slug, role_cadence, letters, out)
    if operations is not None and letters is not None:
        for practice in operations.practices:
            _check_duties(practice, letters, out)
    if settings is not None:
        sizes = [size.id for size in settings.company_sizes]
        for slug, by_size in settings.roles_by_size.items():
            missing = [size for size in sizes if size not in by_size]
            if missing:
                out.add(out.place(settings, "roles_by_size"),
                        f"{slug}: expected every company size ({', '.join(sizes)}), missing {', '.join(missing)}")
    if all_roles_loaded:  # a role that failed to load would be reported missing here for nothing
        for role in roles:
            if cadence is not None and role.slug not in cadence.roles:
                out.add(out.place(role, "slug"), f"no cadence for this role: add 'roles.{role.slug}' to "
                        "data/cadence.yaml (rhythm and typical_week; iteration and release where the role has them)")
            if settings is not None and role.slug not in settings.roles_by_size:
                out.add(out.place(role, "slug"), f"no staffing by company size for this role: add "
                        f"'roles_by_size.{role.slug}' to data/settings.yaml (one entry per company size)")


def _check_role_cadence(slug: str, cadence: Any, letters: dict[str, dict[str, str]] | None, out: Collector) -> None:
    iteration = cadence.iteration
    if iteration is not None and iteration.usual in iteration.variants:
        out.add(out.place(iteration, "variants"),
                f"{iteration.usual!r} is already the usual iteration: list only other variants")
    if letters is None:
        return
    for item in cadence.rhythm:
        if item.activity is None or item.activity not in letters:
            continue  # an unknown activity is reported as an unknown reference
        if slug not in letters[item.activity]:
            out.add(out.place(item, "activity"),
                    f"expected an activity in which {slug!r} has a RACI letter, got {item.activity!r} "
                    "(add the role's letter in data/activities.yaml or name another activity)")


def _check_duties(practice: Any, letters: dict[str, dict[str, str]], out: Collector) -> None:
    named = [activity for activity in practice.activities if activity in letters]
    if len(named) != len(practice.activities):
        return  # unknown activities are reported as unknown references
    for slug in practice.duties:
        if not any(slug in letters[activity] for activity in named):
            out.add(out.place(practice, "duties"),
                    f"{slug}: a role with a duty here needs a RACI letter in one of this practice's activities "
                    f"({', '.join(named)}); add one in data/activities.yaml or list an activity where it has one")
