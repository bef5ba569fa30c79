"""Rules over cadence, operations, tools and settings: every role has its cadence and its staffing by company
size, and what a role is said to do in a meeting or a practice matches its letters in the RACI matrix.

Run by :func:`macros.data.rules.check_rules` over whatever loaded cleanly, like every other rule.
"""

from __future__ import annotations

from typing import Any

from .models import Role
from .problems import _Collector

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

# (file, collection, key) whose keys must be unique.
UNIQUE = (
    ("cadence.yaml", "iterations", "id"),
    ("cadence.yaml", "release_patterns", "id"),
    ("cadence.yaml", "events", "id"),
    ("operations.yaml", "practices", "id"),
    ("tools.yaml", "categories", "id"),
    ("settings.yaml", "company_sizes", "id"),
    ("settings.yaml", "delivery_settings", "id"),
    ("settings.yaml", "goals", "id"),
    ("glossary.yaml", "terms", "id"),
)


def known_ids(valid: dict[str, Any]) -> dict[str, set[str] | None]:
    """The ids each reference kind of these files may name (None: the defining file did not load)."""

    def ids(name: str, collection: str, key: str = "id") -> set[str] | None:
        if name not in valid:
            return None
        return {getattr(item, key) for item in getattr(valid[name], collection)}

    return {
        "activity": ids("activities.yaml", "activities"),
        "iteration": ids("cadence.yaml", "iterations"),
        "release_pattern": ids("cadence.yaml", "release_patterns"),
        "event": ids("cadence.yaml", "events"),
        "company_size": ids("settings.yaml", "company_sizes"),
        "tool_category": ids("tools.yaml", "categories"),
        "term": ids("glossary.yaml", "terms"),
    }


def check_practice(valid: dict[str, Any], roles: list[Role], all_roles_loaded: bool, out: _Collector) -> None:
    """Every rule of this module; problems go to ``out``."""
    cadence, operations, settings = (valid.get(name) for name in ("cadence.yaml", "operations.yaml", "settings.yaml"))
    activities = valid.get("activities.yaml")
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


def _check_role_cadence(slug: str, cadence: Any, letters: dict[str, dict[str, str]] | None, out: _Collector) -> None:
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


def _check_duties(practice: Any, letters: dict[str, dict[str, str]], out: _Collector) -> None:
    named = [activity for activity in practice.activities if activity in letters]
    if len(named) != len(practice.activities):
        return  # unknown activities are reported as unknown references
    for slug in practice.duties:
        if not any(slug in letters[activity] for activity in named):
            out.add(out.place(practice, "duties"),
                    f"{slug}: a role with a duty here needs a RACI letter in one of this practice's activities "
                    f"({', '.join(named)}); add one in data/activities.yaml or list an activity where it has one")
