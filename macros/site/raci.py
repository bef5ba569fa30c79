"""Views of the RACI matrix: the whole table, one phase, one role, one letter.

One :class:`RaciMatrix` wraps the activities; each page asks it for the view it shows, so no page walks the
raw data itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..data.models import Handbook, Letter, Phase, RaciActivity, Role


@dataclass(frozen=True)
class LetterMeaning:
    """What a RACI letter means, for legends and tooltips."""

    letter: Letter
    name: str
    name_en: str
    meaning: str


# The RACI method itself (not handbook content): the order is the order of legends and role-page groups.
LETTERS: tuple[LetterMeaning, ...] = (
    LetterMeaning("A", "批准", "Accountable", "对结果负最终责任并拍板的唯一角色"),
    LetterMeaning("R", "执行", "Responsible", "动手完成这项工作的角色"),
    LetterMeaning("C", "咨询", "Consulted", "事前征求其意见的角色，双向沟通"),
    LetterMeaning("I", "知会", "Informed", "事后被告知结果的角色，单向沟通"),
)
LETTER_BY_CODE = {meaning.letter: meaning for meaning in LETTERS}


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
class RaciMatrix:
    """Activities × roles, with the phases that group the activities."""

    phases: tuple[Phase, ...]
    roles: tuple[Role, ...]
    activities: tuple[RaciActivity, ...]

    @classmethod
    def of(cls, handbook: Handbook) -> RaciMatrix:
        """The full matrix of a handbook."""
        return cls(handbook.activities.phases, handbook.roles, handbook.activities.activities)

    def filtered(self, keep: Callable[[RaciActivity], bool]) -> RaciMatrix:
        """A new matrix with only the activities for which ``keep`` is true."""
        return RaciMatrix(self.phases, self.roles, tuple(a for a in self.activities if keep(a)))

    def for_phase(self, phase_id: str) -> RaciMatrix:
        """The matrix of one life-cycle phase."""
        return RaciMatrix(
            tuple(p for p in self.phases if p.id == phase_id),
            self.roles,
            tuple(a for a in self.activities if a.phase == phase_id),
        )

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

    def count(self, slug: str, letter: Letter) -> int:
        """How many activities give a role a letter."""
        return sum(1 for a in self.activities if a.letter_of(slug) == letter)
