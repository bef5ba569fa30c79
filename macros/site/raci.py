"""Views of the RACI matrix: the whole table, one phase, one role, one letter.

One :class:`RaciMatrix` wraps the activities; each page asks it for the view it shows, so no page walks the
raw data itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from ..data.models import Handbook, Letter, Phase, RaciActivity, RaciParty, Role


@dataclass(frozen=True)
class LetterMeaning:
    """What a RACI letter means, for legends and tooltips."""

    letter: Letter
    name: str
    name_en: str
    meaning: str


# The RACI method itself (not handbook content): the order is the order of legends and role-page groups.
LETTERS: tuple[LetterMeaning, ...] = (
    LetterMeaning("A", "最终负责", "Accountable", "对结果负最终责任并拍板的唯一一方"),
    LetterMeaning("R", "执行", "Responsible", "动手完成这项工作的一方"),
    LetterMeaning("C", "咨询", "Consulted", "事前征求其意见的一方，双向沟通"),
    LetterMeaning("I", "知会", "Informed", "事后被告知结果的一方，单向沟通"),
)
LETTER_BY_CODE = {meaning.letter: meaning for meaning in LETTERS}


@dataclass(frozen=True)
class Member:
    """A column of the matrix: a role (with a page) or a RACI party (sponsor, development team, ...)."""

    id: str
    name: str
    role: Role | None = None
    party: RaciParty | None = None

    @property
    def is_role(self) -> bool:
        return self.role is not None

    @property
    def description(self) -> str:
        return self.role.summary if self.role is not None else self.party.description  # type: ignore[union-attr]


def members_of(handbook: Handbook) -> tuple[Member, ...]:
    """Every RACI member in column order: ``columns`` of data/activities.yaml, or else the roles family by
    family (families in data order), then the parties."""
    roles = {role.slug: Member(role.slug, role.name, role=role) for role in handbook.roles}
    parties = {party.id: Member(party.id, party.name, party=party) for party in handbook.activities.parties}
    if handbook.activities.columns:  # a draft listed there already is not a column until it is published
        members = {**roles, **parties}
        return tuple(members[member] for member in handbook.activities.columns if member in members)
    by_family = [roles[role.slug] for family in handbook.families for role in handbook.roles_in(family.id)]
    return (*by_family, *parties.values())


@dataclass(frozen=True)
class PhaseBlock:
    """A phase and its activities, in data order."""

    phase: Phase
    activities: tuple[RaciActivity, ...]


@dataclass(frozen=True)
class LetterGroup:
    """The activities in which one role holds one letter."""

    meaning: LetterMeaning
    activities: tuple[RaciActivity, ...]


@dataclass(frozen=True)
class FallbackRow:
    """An activity whose A is a post most companies do not staff on its own, and who decides where it is missing."""

    owner: Member
    activity: RaciActivity
    holder: Member


@dataclass(frozen=True)
class RaciMatrix:
    """Activities × roles, with the phases that group the activities."""

    phases: tuple[Phase, ...]
    members: tuple[Member, ...]
    activities: tuple[RaciActivity, ...]

    @classmethod
    def of(cls, handbook: Handbook) -> RaciMatrix:
        """The full matrix of a handbook."""
        return cls(handbook.activities.phases, members_of(handbook), handbook.activities.activities)

    @property
    def roles(self) -> tuple[Member, ...]:
        """The columns that are roles of this handbook."""
        return tuple(member for member in self.members if member.is_role)

    @property
    def parties(self) -> tuple[Member, ...]:
        """The columns that are RACI parties, after the roles."""
        return tuple(member for member in self.members if not member.is_role)

    def accountable(self, activity: RaciActivity) -> Member:
        """The one member that is A for an activity (the rules guarantee exactly one)."""
        slug = next(slug for slug, letter in activity.raci.items() if letter == "A" and slug in self.member_by_id)
        return self.member_by_id[slug]

    @cached_property
    def member_by_id(self) -> dict[str, Member]:
        return {member.id: member for member in self.members}

    def filtered(self, keep: Callable[[RaciActivity], bool]) -> RaciMatrix:
        """A new matrix with only the activities for which ``keep`` is true."""
        return RaciMatrix(self.phases, self.members, tuple(a for a in self.activities if keep(a)))

    def for_phase(self, phase_id: str) -> RaciMatrix:
        """The matrix of one life-cycle phase."""
        return RaciMatrix(
            tuple(p for p in self.phases if p.id == phase_id),
            self.members,
            tuple(a for a in self.activities if a.phase == phase_id),
        )

    def involved(self) -> tuple[Member, ...]:
        """The members that hold a letter in at least one of these activities, in column order."""
        ids = {slug for activity in self.activities for slug in activity.raci}
        return tuple(member for member in self.members if member.id in ids)

    def blocks(self) -> tuple[PhaseBlock, ...]:
        """The activities grouped by phase, phases in life-cycle order, empty phases left out."""
        blocks = (PhaseBlock(p, tuple(a for a in self.activities if a.phase == p.id)) for p in self.phases)
        return tuple(block for block in blocks if block.activities)

    def for_role(self, slug: str) -> tuple[LetterGroup, ...]:
        """The activities a role takes part in, grouped by its letter (A, R, C, I); empty letters left out."""
        groups = (
            LetterGroup(m, tuple(a for a in self.activities if a.letter_of(slug) == m.letter)) for m in LETTERS
        )
        return tuple(group for group in groups if group.activities)

    def tab_stops(self, members: tuple[Member, ...]) -> int:
        """What a keyboard reader tabs through in the matrix of these columns: each role's link and each letter."""
        shown = {member.id for member in members}
        return sum(member.is_role for member in members) + sum(
            slug in shown for activity in self.activities for slug in activity.raci)

    def fallbacks(self) -> tuple[FallbackRow, ...]:
        """Every activity that says who decides where its A's post does not exist, by the A's column, then in
        life-cycle order (data/activities.yaml ``fallback``; the rules require it where the post is often
        missing)."""
        rows = [FallbackRow(self.accountable(activity), activity, self.member_by_id[activity.fallback.holder])
                for activity in self.activities
                if activity.fallback is not None and activity.fallback.holder in self.member_by_id]
        order = {member.id: index for index, member in enumerate(self.members)}
        return tuple(sorted(rows, key=lambda row: order[row.owner.id]))  # stable: life-cycle order within

    def count(self, slug: str, letter: Letter) -> int:
        """How many activities give a role a letter."""
        return sum(1 for a in self.activities if a.letter_of(slug) == letter)
