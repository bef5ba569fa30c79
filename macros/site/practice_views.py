"""Views of how the work runs: per role (cadence, release and incident duties, company size) and per page
(cadence, release and incidents, tools, company size and setting).

Python gathers what a template shows into small frozen records; the templates only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.models import Handbook, Letter, RaciActivity, Role
from ..data.practice import (CompanySize, DeliverySetting, Event, Iteration, Practice, ReleasePattern, RhythmItem,
                             SizeStaffing, ToolCategory, WeekItem)

STAFFING_NAMES = {"dedicated": "专职", "shared": "不设专职"}


@dataclass(frozen=True)
class ActivityLetter:
    """An activity and the letter a role holds in it (None: not involved)."""

    activity: RaciActivity
    letter: Letter | None


@dataclass(frozen=True)
class RhythmRow:
    event: Event
    item: RhythmItem
    activity: ActivityLetter | None


@dataclass(frozen=True)
class RoleCadenceView:
    """The #cadence section of a role page."""

    usual: Iteration | None
    variants: tuple[Iteration, ...]
    iteration_note: str | None
    releases: tuple[ReleasePattern, ...]
    release_note: str | None
    rhythm: tuple[RhythmRow, ...]
    week: tuple[WeekItem, ...]


@dataclass(frozen=True)
class DutyRow:
    """What a role does in one practice, and its letters in the practice's activities."""

    practice: Practice
    duty: str
    activities: tuple[ActivityLetter, ...]


@dataclass(frozen=True)
class SizeRow:
    size: CompanySize
    staffing: SizeStaffing
    label: str


@dataclass(frozen=True)
class RolePracticeView:
    """Everything a role page shows about how the role's work runs."""

    cadence: RoleCadenceView
    duties: tuple[DutyRow, ...]
    sizes: tuple[SizeRow, ...]
    delivery: tuple[DeliverySetting, ...]


def _by_id(records: tuple) -> dict:
    return {record.id: record for record in records}


def role_cadence(handbook: Handbook, role: Role) -> RoleCadenceView:
    cadence = handbook.cadence
    own = cadence.roles.get(role.slug)
    if own is None:  # a draft without its cadence yet (check lists it among its to-dos)
        return RoleCadenceView(None, (), None, (), None, (), ())
    iterations, patterns, events = (_by_id(cadence.iterations), _by_id(cadence.release_patterns),
                                    _by_id(cadence.events))
    rhythm = tuple(
        RhythmRow(events[item.event], item, _letter(handbook, item.activity, role) if item.activity else None)
        for item in own.rhythm
    )
    iteration, release = own.iteration, own.release
    return RoleCadenceView(
        usual=iterations[iteration.usual] if iteration else None,
        variants=tuple(iterations[i] for i in iteration.variants) if iteration else (),
        iteration_note=iteration.note if iteration else None,
        releases=tuple(patterns[p] for p in release.patterns) if release else (),
        release_note=release.note if release else None,
        rhythm=rhythm,
        week=own.typical_week,
    )


def _letter(handbook: Handbook, activity_id: str, role: Role) -> ActivityLetter:
    activity = handbook.activity_by_id[activity_id]
    return ActivityLetter(activity, activity.letter_of(role.slug))


def role_duties(handbook: Handbook, role: Role) -> tuple[DutyRow, ...]:
    """The release and incident practices in which a role has a duty, in data order."""
    return tuple(
        DutyRow(practice, practice.duties[role.slug],
                tuple(item for item in (_letter(handbook, a, role) for a in practice.activities) if item.letter))
        for practice in handbook.operations.practices
        if role.slug in practice.duties
    )


def role_sizes(handbook: Handbook, role: Role) -> tuple[SizeRow, ...]:
    by_size = handbook.settings.roles_by_size.get(role.slug, {})  # a draft may have none yet
    return tuple(SizeRow(size, by_size[size.id], STAFFING_NAMES[by_size[size.id].staffing])
                 for size in handbook.settings.company_sizes if size.id in by_size)


def role_practice(handbook: Handbook, role: Role) -> RolePracticeView:
    return RolePracticeView(
        cadence=role_cadence(handbook, role),
        duties=role_duties(handbook, role),
        sizes=role_sizes(handbook, role),
        delivery=tuple(item for item in handbook.settings.delivery_settings if role.slug in item.roles),
    )


# --- The practice pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventView:
    event: Event
    parts: tuple[tuple[Role, RhythmItem], ...]  # the roles that take part, and how


@dataclass(frozen=True)
class IterationView:
    iteration: Iteration
    usual_for: tuple[Role, ...]


@dataclass(frozen=True)
class CadencePage:
    iterations: tuple[IterationView, ...]
    releases: tuple[ReleasePattern, ...]
    events: tuple[EventView, ...]
    roles: tuple[Role, ...]


def cadence_page(handbook: Handbook) -> CadencePage:
    cadence = handbook.cadence
    own = [(role, cadence.roles[role.slug]) for role in handbook.roles]
    return CadencePage(
        iterations=tuple(
            IterationView(it, tuple(role for role, c in own if c.iteration and c.iteration.usual == it.id))
            for it in cadence.iterations
        ),
        releases=cadence.release_patterns,
        events=tuple(
            EventView(event, tuple((role, item) for role, c in own for item in c.rhythm if item.event == event.id))
            for event in cadence.events
        ),
        roles=handbook.roles,
    )


@dataclass(frozen=True)
class PracticeDuty:
    role: Role
    duty: str
    letters: tuple[ActivityLetter, ...]


@dataclass(frozen=True)
class PracticeView:
    practice: Practice
    activities: tuple[RaciActivity, ...]
    duties: tuple[PracticeDuty, ...]


def practice_views(handbook: Handbook) -> tuple[PracticeView, ...]:
    """Every practice with its activities and, in role order, who does what."""
    views = []
    for practice in handbook.operations.practices:
        duties = tuple(
            PracticeDuty(role, practice.duties[role.slug],
                         tuple(item for item in (_letter(handbook, a, role) for a in practice.activities)
                               if item.letter))
            for role in handbook.roles if role.slug in practice.duties
        )
        views.append(PracticeView(practice, tuple(handbook.activity_by_id[a] for a in practice.activities), duties))
    return tuple(views)


@dataclass(frozen=True)
class ToolActivityRow:
    activity: RaciActivity
    uses: tuple[tuple[ToolCategory, str], ...]


def tools_by_activity(handbook: Handbook) -> tuple[ToolActivityRow, ...]:
    """Activities in matrix order, each with the tool categories used in it."""
    categories = _by_id(handbook.tools.categories)
    uses = handbook.tools.by_activity
    return tuple(
        ToolActivityRow(activity, tuple((categories[use.category], use.how) for use in uses[activity.id]))
        for activity in handbook.activities.activities if activity.id in uses
    )


@dataclass(frozen=True)
class SizeMatrixRow:
    role: Role
    cells: tuple[SizeRow, ...]


def size_matrix(handbook: Handbook) -> tuple[SizeMatrixRow, ...]:
    return tuple(SizeMatrixRow(role, role_sizes(handbook, role)) for role in handbook.roles)


def delivery_views(handbook: Handbook) -> tuple[tuple[DeliverySetting, tuple[Role, ...]], ...]:
    return tuple((item, tuple(handbook.role_by_slug[slug] for slug in item.roles if slug in handbook.role_by_slug))
                 for item in handbook.settings.delivery_settings)
