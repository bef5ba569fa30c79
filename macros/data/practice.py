"""How the work runs day to day: cadence, release and incident practice, tools, company size and setting.

Four files of ``data/`` (cadence.yaml, operations.yaml, tools.yaml, settings.yaml), in the same typed, frozen
records as :mod:`macros.data.models` and validated by the same loader and rules. What a role does in them is
keyed by role slug inside these files, so a role file stays about the role itself.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal

from .models import Doc, Id, MaxItems, MinItems, Pattern, Range, Ref, RoleRef, record

ActivityRef = Annotated[str, Ref("activity")]
IterationRef = Annotated[str, Ref("iteration")]
ReleasePatternRef = Annotated[str, Ref("release_pattern")]
EventRef = Annotated[str, Ref("event")]
SizeRef = Annotated[str, Ref("company_size")]
ToolCategoryRef = Annotated[str, Ref("tool_category")]
SourceUrl = Annotated[
    str, Pattern(r"^https://\S+$", "a web address starting with https://"),
    Doc("Where the fact can be checked (a public page)"),
]

# --- data/cadence.yaml -------------------------------------------------------------------------------------


@record
class Iteration:
    """An iteration length or planning cycle people meet (双周迭代, 看板, 季度规划 …)."""

    id: Id
    name: str
    name_en: str
    description: str
    length_days: Annotated[int, Range(1, 120), Doc("Length in calendar days; leave out for flow or variable cycles")] | None = None
    source: SourceUrl | None = None


@record
class ReleasePattern:
    """How releases are scheduled: release trains, windows, continuous deployment, milestones."""

    id: Id
    name: str
    name_en: str
    description: str
    source: SourceUrl | None = None


@record
class Event:
    """A recurring meeting or report (站会, 周会, 周报, 评审 …), defined once and referred to by roles."""

    id: Id
    name: str
    name_en: str
    description: str
    typical_frequency: str
    source: SourceUrl | None = None


@record
class IterationChoice:
    """The iteration a role usually works in, and the variants it meets."""

    usual: IterationRef
    variants: tuple[IterationRef, ...] = ()
    note: str | None = None


@record
class ReleaseChoice:
    """The release rhythms a role lives by."""

    patterns: Annotated[tuple[ReleasePatternRef, ...], MinItems(1)]
    note: str | None = None


@record
class RhythmItem:
    """A role's part in one recurring event, tied to the RACI activity it serves."""

    event: EventRef
    frequency: str
    part: Annotated[str, Doc("What this role does in the event")]
    activity: Annotated[ActivityRef, Doc("The RACI activity (data/activities.yaml) this work belongs to")] | None = None


@record
class WeekItem:
    """One line of a typical week: a day or a frequency, and what the role does then."""

    when: str
    what: str


@record
class RoleCadence:
    """How one role's weeks run."""

    rhythm: Annotated[tuple[RhythmItem, ...], MinItems(1)]
    typical_week: Annotated[tuple[WeekItem, ...], MinItems(5), MaxItems(8)]
    iteration: IterationChoice | None = None
    release: ReleaseChoice | None = None


@record
class CadenceCatalogue:
    """``data/cadence.yaml``."""

    iterations: Annotated[tuple[Iteration, ...], MinItems(1)]
    release_patterns: Annotated[tuple[ReleasePattern, ...], MinItems(1)]
    events: Annotated[tuple[Event, ...], MinItems(1)]
    roles: Annotated[dict[RoleRef, RoleCadence], Doc("role slug -> its cadence; every role needs one")]


# --- data/operations.yaml ----------------------------------------------------------------------------------


@record
class IncidentLevel:
    """One level of an example incident scale (P0 … P4)."""

    id: Id
    name: str
    definition: str
    typical_response: str


@record
class IncidentScale:
    """An example scale: every company defines its own, which the note says."""

    note: Annotated[str, Doc("Says that levels and time limits are company-dependent")]
    levels: Annotated[tuple[IncidentLevel, ...], MinItems(3)]


@record
class Practice:
    """A release or incident practice (灰度发布, 封网, 值班, 故障复盘 …) and who does what in it."""

    id: Id
    name: str
    name_en: str
    definition: str
    common_practice: Annotated[tuple[str, ...], MinItems(1)]
    varies: Annotated[str, Doc("What differs between companies")]
    activities: Annotated[tuple[ActivityRef, ...], MinItems(1), Doc("RACI activities this practice is part of")]
    duties: Annotated[dict[RoleRef, str], Doc("role slug -> what that role does; only roles with a real part")]
    source: SourceUrl | None = None


@record
class OperationsCatalogue:
    """``data/operations.yaml``."""

    incident_levels: IncidentScale
    practices: Annotated[tuple[Practice, ...], MinItems(1)]


# --- data/tools.yaml ---------------------------------------------------------------------------------------


@record
class ToolExample:
    """A product named as a common example; no ranking, no endorsement."""

    name: str
    origin: Annotated[str, Doc("Who makes it; leave out when unsure")] | None = None
    note: str | None = None


@record
class ToolCategory:
    """A kind of tool a new hire meets (issue tracking, docs, chat, CI/CD …)."""

    id: Id
    name: str
    name_en: str
    description: str
    examples: Annotated[tuple[ToolExample, ...], MinItems(2)]
    setup_tip: Annotated[str, Doc("What to set up in the first week")]


@record
class ToolUse:
    """How a tool category is used in one activity."""

    category: ToolCategoryRef
    how: str


@record
class ToolCatalogue:
    """``data/tools.yaml``."""

    note: str
    last_reviewed: Annotated[_dt.date, Doc("Product lines change: re-check the examples at every review")]
    categories: Annotated[tuple[ToolCategory, ...], MinItems(1)]
    by_activity: Annotated[dict[ActivityRef, tuple[ToolUse, ...]], Doc("RACI activity id -> tool categories used")]


# --- data/settings.yaml ------------------------------------------------------------------------------------

Staffing = Literal["dedicated", "shared"]


@record
class CompanySize:
    """A size band: the point is the shape of the team, not a head-count rule."""

    id: Id
    name: str
    name_en: str
    description: str
    traits: Annotated[tuple[str, ...], MinItems(1)]


@record
class SizeStaffing:
    """Whether a role is usually a person of its own at one size, and who does the work otherwise."""

    staffing: Annotated[Staffing, Doc("dedicated: usually its own person; shared: the note says who does it")]
    note: str


@record
class Ladder:
    """A promotion ladder of big companies (professional, technical, management)."""

    id: Id
    name: str
    description: str


@record
class Titles:
    """How titles and levels differ at big companies."""

    summary: str
    ladders: Annotated[tuple[Ladder, ...], MinItems(1)]
    notes: tuple[str, ...] = ()


@record
class DeliverySetting:
    """A fact of ToB/ToG delivery (甲方/乙方, 驻场, 验收, 回款 …) and the roles it concerns most."""

    id: Id
    name: str
    name_en: str
    description: str
    roles: Annotated[tuple[RoleRef, ...], MinItems(1)]


@record
class GoalTopic:
    """How project goals link to OKR, KPI, performance reviews and promotion (晋升答辩)."""

    id: Id
    name: str
    description: str
    tips: tuple[str, ...] = ()


@record
class SettingsCatalogue:
    """``data/settings.yaml``."""

    company_sizes: Annotated[tuple[CompanySize, ...], MinItems(2)]
    roles_by_size: Annotated[
        dict[RoleRef, dict[SizeRef, SizeStaffing]], Doc("role slug -> size id -> staffing; every role, every size")
    ]
    titles: Titles
    delivery_settings: Annotated[tuple[DeliverySetting, ...], MinItems(1)]
    goals: Annotated[tuple[GoalTopic, ...], MinItems(1)]
