"""The handbook's typed, immutable model.

Every dataclass here mirrors one kind of YAML record; field names are the YAML keys. Constraints that the
data must meet live beside the field as ``Annotated`` markers, so validation (``macros.load``) and the JSON
Schemas (``macros.schema``) are both derived from this one description. The model knows nothing of YAML,
Jinja or MkDocs.

Records are frozen and have ``__slots__``: at 1,000 roles they are ~100,000 objects, and without a
``__dict__`` each they take half the memory and half the garbage collector's time (see benchmarks/).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Annotated, Literal, TypeVar

_T = TypeVar("_T")


def record(cls: type[_T]) -> type[_T]:
    """A frozen dataclass with slots that pickles as a call with its field values.

    The parse cache (``macros.parse_cache``) unpickles ~16,000 records per 1,000 roles; dataclasses' own
    ``__setstate__`` for slotted classes looks up the fields for every one and costs twice as much."""
    made = dataclass(frozen=True, slots=True)(cls)
    names = tuple(spec.name for spec in fields(made))

    def __reduce__(self: object) -> tuple:
        return made, tuple([getattr(self, name) for name in names])

    made.__reduce__ = __reduce__  # type: ignore[method-assign, assignment]
    return made

# --- Constraint markers, read by the loader and the schema generator -------------------------------------


@record
class Pattern:
    """A text field must match this regular expression."""

    regex: str
    hint: str


@record
class Range:
    """An integer field must lie in [low, high]."""

    low: int
    high: int


@record
class MinItems:
    """A list field must hold at least this many items."""

    count: int


@record
class MaxItems:
    """A list field may hold at most this many items."""

    count: int


@record
class Ref:
    """A text field names a record of another kind (``role``, ``skill``, ...); resolved after loading."""

    kind: str


@record
class Doc:
    """What a field means, shown to maintainers in their editor (JSON Schema ``description``)."""

    text: str


SLUG_RE = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
Id = Annotated[str, Pattern(SLUG_RE, "lowercase ASCII words joined by '-', e.g. risk-manager")]
RoleRef = Annotated[str, Ref("role")]
SkillRef = Annotated[str, Ref("skill")]
StageRef = Annotated[str, Ref("stage")]
Letter = Literal["R", "A", "C", "I"]
Level = Annotated[int, Range(1, 4)]

RACI_LETTERS: tuple[Letter, ...] = ("R", "A", "C", "I")

# --- Records -----------------------------------------------------------------------------------------------


@record
class Family:
    """A group of related roles (delivery, governance, ...), shown as an index page."""

    id: Id
    name: str
    name_en: str
    description: str


@record
class ResponsibilityArea:
    """One area a role is responsible for, with the concrete duties it implies."""

    id: Annotated[Id, Doc("URL anchor of the area on the role page; never change it once published")]
    title: str
    description: str
    duties: Annotated[tuple[str, ...], MinItems(3)]


@record
class SkillRequirement:
    """A skill a role needs, at an expected proficiency level (1 了解 … 4 精通)."""

    skill: SkillRef
    level: Level
    note: str | None = None


@record
class Collaboration:
    """Another role this role works with, and what they do together."""

    role: RoleRef
    how: str


@record
class FaqEntry:
    """A question and its answer; ``id`` is its permanent anchor."""

    id: Id
    question: str
    answer: str
    group: Annotated[str, Ref("faq_group"), Doc("Heading of the FAQ page; shared entries only")] | None = None
    roles: tuple[RoleRef, ...] = ()


@record
class Role:
    """A project-management role: the subject of one page at ``/roles/<slug>/``."""

    slug: Annotated[Id, Doc("Public URL of the role page (/roles/<slug>/); equals the file name")]
    name: str
    name_en: str
    family: Annotated[str, Ref("family")]
    aliases: tuple[str, ...]
    summary: Annotated[str, Doc("One sentence; used as the page's meta description and link preview")]
    mission: str
    responsibilities: Annotated[tuple[ResponsibilityArea, ...], MinItems(2)]
    skills: Annotated[tuple[SkillRequirement, ...], MinItems(1)]
    collaborates_with: tuple[Collaboration, ...]
    stages: Annotated[tuple[StageRef, ...], MinItems(1)]
    faq: Annotated[tuple[FaqEntry, ...], MinItems(2)]
    owner: str
    last_reviewed: _dt.date
    former_slugs: Annotated[
        tuple[Id, ...], Doc("Slugs this role was published under before; each becomes a redirect")
    ] = ()


@record
class SkillLevel:
    """The generic meaning of a proficiency level."""

    level: Level
    name: str
    name_en: str
    description: str


@record
class SkillGroup:
    """A family of skills (the seed's skill requirements, plus leadership)."""

    id: Id
    name: str
    name_en: str
    description: str


@record
class Skill:
    """A skill of the catalogue, with what each proficiency level looks like."""

    id: Id
    name: str
    name_en: str
    group: Annotated[str, Ref("skill_group")]
    description: str
    levels: Annotated[tuple[str, ...], MinItems(4), MaxItems(4), Doc("Exactly four descriptors: level 1, 2, 3, 4")]


@record
class SkillCatalogue:
    """``data/skills.yaml``."""

    levels: Annotated[tuple[SkillLevel, ...], MinItems(4)]
    groups: Annotated[tuple[SkillGroup, ...], MinItems(1)]
    skills: Annotated[tuple[Skill, ...], MinItems(1)]


@record
class CareerStage:
    """A stage of the project-management career ladder."""

    id: Id
    name: str
    name_en: str
    experience: str
    scope: str
    expectations: Annotated[tuple[str, ...], MinItems(1)]
    changes: Annotated[str, Doc("What changes from the stage below")]


@record
class Certification:
    """A professional certification and the stages and roles where it matters."""

    id: Id
    name: str
    full_name: str
    issuer: str
    description: str
    requirements: Annotated[tuple[str, ...], MinItems(1)]
    stages: tuple[StageRef, ...]
    roles: tuple[RoleRef, ...]


@record
class CareerPath:
    """``data/career.yaml``."""

    stages: Annotated[tuple[CareerStage, ...], MinItems(1)]
    certifications: tuple[Certification, ...]


@record
class Phase:
    """A phase of the project life cycle, grouping RACI activities."""

    id: Id
    name: str
    name_en: str
    description: str


@record
class RaciActivity:
    """An activity and who is Responsible, Accountable, Consulted and Informed for it."""

    id: Id
    name: str
    phase: Annotated[str, Ref("phase")]
    description: str
    raci: Annotated[
        dict[RoleRef, Letter], Doc("role slug -> one of R, A, C, I; exactly one A and at least one R")
    ]

    def letter_of(self, slug: str) -> Letter | None:
        """The letter this activity assigns to a role, or None when the role is not involved."""
        return self.raci.get(slug)


@record
class ActivityCatalogue:
    """``data/activities.yaml``."""

    phases: Annotated[tuple[Phase, ...], MinItems(1)]
    activities: Annotated[tuple[RaciActivity, ...], MinItems(1)]


@record
class FaqGroup:
    """A heading of the FAQ page."""

    id: Id
    name: str


@record
class FaqCatalogue:
    """``data/faq.yaml``."""

    groups: Annotated[tuple[FaqGroup, ...], MinItems(1)]
    entries: Annotated[tuple[FaqEntry, ...], MinItems(1)]


@record
class Term:
    """A glossary term, Chinese (灰度发布) or an abbreviation (PMP), shown as a tooltip wherever it appears."""

    id: Annotated[Id, Doc("Permanent anchor on the glossary page (#term-<id>); never change it once published")]
    term: Annotated[str, Pattern(r"^[^<>&\"'*_`\[\]|\\{}#]+$", "a term without markup characters, e.g. 灰度发布 or PMP"),
                    Doc("The term exactly as it is written in running text: this is what gets the tooltip")]
    description: str
    expansion: Annotated[str, Doc("The full form of an abbreviation, e.g. 项目管理专业人士认证(…)")] | None = None
    en: Annotated[str, Doc("The usual English equivalent of a Chinese term")] | None = None
    avoid: Annotated[tuple[str, ...], Doc("Other words for the same concept that the handbook does not use")] = ()
    see_also: tuple[Annotated[str, Ref("term")], ...] = ()

    @property
    def anchor(self) -> str:
        """The term's anchor on the glossary page, e.g. ``term-pmi-acp``."""
        return "term-" + self.id

    @property
    def tip(self) -> str:
        """The tooltip: an abbreviation's full form, or a Chinese term's definition."""
        return self.expansion or self.description


@record
class Glossary:
    """``data/glossary.yaml``."""

    terms: Annotated[tuple[Term, ...], MinItems(1)]


@record
class FamilyList:
    """``data/families.yaml``."""

    families: Annotated[tuple[Family, ...], MinItems(1)]


# --- The whole handbook ------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Handbook:
    """Everything in ``data/``, loaded and validated once; every page, export and check reads this."""

    families: tuple[Family, ...]
    roles: tuple[Role, ...]
    skills: SkillCatalogue
    career: CareerPath
    activities: ActivityCatalogue
    faq: FaqCatalogue
    glossary: Glossary
    # The records of how the work runs (macros/data/practice.py, which builds on the markers above).
    cadence: "practice.CadenceCatalogue"
    operations: "practice.OperationsCatalogue"
    tools: "practice.ToolCatalogue"
    settings: "practice.SettingsCatalogue"
    # Role files by slug, relative to the project root ("data/roles/pm.yaml"): for "edit this page".
    role_sources: dict[str, str] = field(default_factory=dict)

    @cached_property
    def role_by_slug(self) -> dict[str, Role]:
        return {role.slug: role for role in self.roles}

    @cached_property
    def family_by_id(self) -> dict[str, Family]:
        return {family.id: family for family in self.families}

    @cached_property
    def skill_by_id(self) -> dict[str, Skill]:
        return {skill.id: skill for skill in self.skills.skills}

    @cached_property
    def level_by_number(self) -> dict[int, SkillLevel]:
        return {level.level: level for level in self.skills.levels}

    @cached_property
    def stage_by_id(self) -> dict[str, CareerStage]:
        return {stage.id: stage for stage in self.career.stages}

    @cached_property
    def phase_by_id(self) -> dict[str, Phase]:
        return {phase.id: phase for phase in self.activities.phases}

    def roles_in(self, family_id: str) -> tuple[Role, ...]:
        """Roles of a family, in data order."""
        return tuple(role for role in self.roles if role.family == family_id)

    def roles_at(self, stage_id: str) -> tuple[Role, ...]:
        """Roles whose career span includes a stage."""
        return tuple(role for role in self.roles if stage_id in role.stages)

    def certifications_for(self, role: Role) -> tuple[Certification, ...]:
        """Certifications that are a typical qualification for a role."""
        return tuple(cert for cert in self.career.certifications if role.slug in cert.roles)

    def faq_for(self, role: Role) -> tuple[FaqEntry, ...]:
        """The role's own questions, then shared questions that name it."""
        shared = tuple(entry for entry in self.faq.entries if role.slug in entry.roles)
        return role.faq + shared

    def collaborators_of(self, role: Role) -> tuple[Collaboration, ...]:
        return role.collaborates_with

    @cached_property
    def activity_by_id(self) -> dict[str, RaciActivity]:
        return {activity.id: activity for activity in self.activities.activities}

    @cached_property
    def term_by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.glossary.terms}

