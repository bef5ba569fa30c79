"""How the work runs day to day: cadence, release and incident practice, tools, company size and setting.

Four files of ``data/`` (cadence.yaml, operations.yaml, tools.yaml, settings.yaml), in the same typed, frozen
records as :mod:`macros.data.models` and validated by the same loader and rules. What a role does in them is
keyed by role slug inside these files, so a role file stays about the role itself.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .messages import say
from .models import Date, Id, Line, Record, Ref, RoleRef, between, pattern

ActivityRef = Annotated[str, Ref("activity")]
IterationRef = Annotated[str, Ref("iteration")]
ReleasePatternRef = Annotated[str, Ref("release_pattern")]
EventRef = Annotated[str, Ref("event")]
SizeRef = Annotated[str, Ref("company_size")]
ToolCategoryRef = Annotated[str, Ref("tool_category")]
SourceUrl = Annotated[
    str, pattern(r"^https://\S+$", say("hint_https_address")),
    Field(description="Where the fact can be checked (a public page)"),
]

# --- data/cadence.yaml -------------------------------------------------------------------------------------


class Iteration(Record):
    """An iteration length or planning cycle people meet (双周迭代, 看板, 季度规划 …)."""

    id: Id
    name: Line
    name_en: Line
    description: str
    length_days: Annotated[int, between(1, 120), Field(description="Length in calendar days; leave out for flow or variable cycles")] | None = None
    source: SourceUrl | None = None


class ReleasePattern(Record):
    """How releases are scheduled: release trains, windows, continuous deployment, milestones."""

    id: Id
    name: Line
    name_en: Line
    description: str
    source: SourceUrl | None = None


class Event(Record):
    """A recurring meeting or report (站会, 周会, 周报, 评审 …), defined once and referred to by roles."""

    id: Id
    name: Line
    name_en: Line
    description: str
    typical_frequency: Line
    source: SourceUrl | None = None


class IterationChoice(Record):
    """The iteration a role usually works in, and the variants it meets."""

    usual: IterationRef
    variants: tuple[IterationRef, ...] = ()
    note: str | None = None


class ReleaseChoice(Record):
    """The release rhythms a role lives by."""

    patterns: Annotated[tuple[ReleasePatternRef, ...], Field(min_length=1)]
    note: str | None = None


class RhythmItem(Record):
    """A role's part in one recurring event, tied to the RACI activity it serves."""

    event: EventRef
    frequency: Line
    part: Annotated[str, Field(description="What this role does in the event")]
    activity: Annotated[ActivityRef, Field(description="The RACI activity (data/activities.yaml) this work belongs to")] | None = None


class WeekItem(Record):
    """One line of a typical week: a day or a frequency, and what the role does then."""

    when: Line
    what: str


class RoleCadence(Record):
    """How one role's weeks run."""

    rhythm: Annotated[tuple[RhythmItem, ...], Field(min_length=1)]
    typical_week: Annotated[tuple[WeekItem, ...], Field(min_length=5, max_length=8)]
    iteration: IterationChoice | None = None
    release: ReleaseChoice | None = None


class CadenceCatalogue(Record):
    """``data/cadence.yaml``."""

    iterations: Annotated[tuple[Iteration, ...], Field(min_length=1)]
    release_patterns: Annotated[tuple[ReleasePattern, ...], Field(min_length=1)]
    events: Annotated[tuple[Event, ...], Field(min_length=1)]
    roles: Annotated[dict[RoleRef, RoleCadence], Field(description="role slug -> its cadence; every role needs one")]


# --- data/operations.yaml ----------------------------------------------------------------------------------


class IncidentLevel(Record):
    """One level of an example incident scale (P0 … P4)."""

    id: Id
    name: Line
    definition: str
    typical_response: str


class IncidentScale(Record):
    """An example scale: every company defines its own, which the note says."""

    note: Annotated[str, Field(description="Says that levels and time limits are company-dependent")]
    levels: Annotated[tuple[IncidentLevel, ...], Field(min_length=3)]


class Practice(Record):
    """A release or incident practice (灰度发布, 封网, 值班, 故障复盘 …) and who does what in it."""

    id: Id
    name: Line
    name_en: Line
    definition: str
    common_practice: Annotated[tuple[str, ...], Field(min_length=1)]
    varies: Annotated[str, Field(description="What differs between companies")]
    activities: Annotated[tuple[ActivityRef, ...], Field(min_length=1, description="RACI activities this practice is part of")]
    duties: Annotated[dict[RoleRef, str], Field(description="role slug -> what that role does; only roles with a real part")]
    source: SourceUrl | None = None


class OperationsCatalogue(Record):
    """``data/operations.yaml``."""

    incident_levels: IncidentScale
    practices: Annotated[tuple[Practice, ...], Field(min_length=1)]


# --- data/tools.yaml ---------------------------------------------------------------------------------------


class ToolExample(Record):
    """A product named as a common example; no ranking, no endorsement."""

    name: Line
    origin: Annotated[Line, Field(description="Who makes it; leave out when unsure")] | None = None
    note: str | None = None


class ToolCategory(Record):
    """A kind of tool a new hire meets (issue tracking, docs, chat, CI/CD …)."""

    id: Id
    name: Line
    name_en: Line
    description: str
    examples: Annotated[tuple[ToolExample, ...], Field(min_length=2)]
    setup_tip: Annotated[str, Field(description="What to set up in the first week")]


class ToolUse(Record):
    """How a tool category is used in one activity."""

    category: ToolCategoryRef
    how: str


class ToolCatalogue(Record):
    """``data/tools.yaml``."""

    note: str
    last_reviewed: Annotated[Date, Field(description="Product lines change: re-check the examples at every review")]
    categories: Annotated[tuple[ToolCategory, ...], Field(min_length=1)]
    by_activity: Annotated[dict[ActivityRef, tuple[ToolUse, ...]], Field(description="RACI activity id -> tool categories used")]


# --- data/settings.yaml ------------------------------------------------------------------------------------

Staffing = Literal["dedicated", "shared"]


class CompanySize(Record):
    """A size band: the point is the shape of the team, not a head-count rule."""

    id: Id
    name: Line
    name_en: Line
    description: str
    traits: Annotated[tuple[str, ...], Field(min_length=1)]


class SizeStaffing(Record):
    """Whether a role is usually a person of its own at one size, and who does the work otherwise."""

    staffing: Annotated[Staffing, Field(description="dedicated: usually its own person; shared: the note says who does it")]
    note: str


class Ladder(Record):
    """A promotion ladder of big companies (professional, technical, management)."""

    id: Id
    name: Line
    description: str


class Titles(Record):
    """How titles and levels differ at big companies."""

    summary: str
    ladders: Annotated[tuple[Ladder, ...], Field(min_length=1)]
    notes: tuple[str, ...] = ()


class DeliverySetting(Record):
    """A fact of ToB/ToG delivery (甲方/乙方, 驻场, 验收, 回款 …) and the roles it concerns most."""

    id: Id
    name: Line
    name_en: Line
    description: str
    roles: Annotated[tuple[RoleRef, ...], Field(min_length=1)]


class GoalTopic(Record):
    """How project goals link to OKR, KPI, performance reviews and promotion (晋升答辩)."""

    id: Id
    name: Line
    description: str
    tips: tuple[str, ...] = ()


class SettingsCatalogue(Record):
    """``data/settings.yaml``."""

    company_sizes: Annotated[tuple[CompanySize, ...], Field(min_length=2)]
    roles_by_size: Annotated[
        dict[RoleRef, dict[SizeRef, SizeStaffing]], Field(description="role slug -> size id -> staffing; every role, every size")
    ]
    titles: Titles
    delivery_settings: Annotated[tuple[DeliverySetting, ...], Field(min_length=1)]
    goals: Annotated[tuple[GoalTopic, ...], Field(min_length=1)]
