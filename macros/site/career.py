"""Views of the career tracks: the overview of every track, one track with its levels and comparisons, and
the career of one role (their pages and anchors are in :mod:`.urls`).

Every view is worked out here from the handbook once; templates only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..data.models import CareerLevel, CareerTrack, Certification, Handbook, Role, Skill, SkillLevel, TrackJoin

from .urls import comparison_anchor, stage_anchor, track_src


def level_key(track_id: str, level_id: str) -> str:
    """How data/career.yaml names a level across tracks: ``track/level``."""
    return f"{track_id}/{level_id}"


@dataclass(frozen=True)
class LevelPlace:
    """A level together with its track."""

    track: CareerTrack
    level: CareerLevel

    @property
    def key(self) -> str:
        return level_key(self.track.id, self.level.id)


@dataclass(frozen=True)
class JoinView:
    """A move from a level of one track to a level of another."""

    source: LevelPlace
    target: LevelPlace
    note: str


@dataclass(frozen=True)
class SkillAt:
    """A skill and the proficiency expected of a role at one level."""

    skill: Skill
    level: SkillLevel


@dataclass(frozen=True)
class RoleAtLevel:
    """A role that spans a level, with what it is expected to be able to do there."""

    role: Role
    skills: tuple[SkillAt, ...]


@dataclass(frozen=True)
class LevelView:
    """One level of a track with its roles, certifications and joins."""

    place: LevelPlace
    stage_anchor: str | None
    roles: tuple[RoleAtLevel, ...]
    certifications: tuple[Certification, ...]
    joins_out: tuple[JoinView, ...]
    joins_in: tuple[JoinView, ...]

    @property
    def level(self) -> CareerLevel:
        return self.place.level


@dataclass(frozen=True)
class SkillRaise:
    """A skill whose expected proficiency rises from one level to the next."""

    skill: Skill
    lower: SkillLevel
    upper: SkillLevel


@dataclass(frozen=True)
class RoleRaises:
    """For one role spanning both levels of a comparison, the skills it must raise."""

    role: Role
    raises: tuple[SkillRaise, ...]


@dataclass(frozen=True)
class Comparison:
    """What is added and raised from one level of a track to the next."""

    lower: CareerLevel
    upper: CareerLevel
    roles: tuple[RoleRaises, ...]
    entering: tuple[Role, ...]  # roles whose span starts at the upper level
    certifications: tuple[Certification, ...]  # matter at the upper level, not yet at the lower

    @property
    def anchor(self) -> str:
        return comparison_anchor(self.lower.id, self.upper.id)


@dataclass(frozen=True)
class RoleSpan:
    """A role of a track and the levels it spans."""

    role: Role
    levels: tuple[CareerLevel, ...]


@dataclass(frozen=True)
class TrackView:
    """A track: its levels in detail, the comparisons of adjacent levels, its roles and joins."""

    track: CareerTrack
    levels: tuple[LevelView, ...]
    comparisons: tuple[Comparison, ...]
    roles: tuple[RoleSpan, ...]
    joins_out: tuple[JoinView, ...]
    joins_in: tuple[JoinView, ...]

    @property
    def src(self) -> str:
        return track_src(self.track.id)


@dataclass(frozen=True)
class SkillLadder:
    """One skill of a role with its expected proficiency at each level the role spans."""

    skill: Skill
    levels: tuple[SkillLevel, ...]
    note: str | None


@dataclass(frozen=True)
class RoleCareerView:
    """The career section of a role page: its own track's levels only, with the skills at each."""

    track: CareerTrack
    levels: tuple[CareerLevel, ...]
    skills: tuple[SkillLadder, ...]
    joins_out: tuple[JoinView, ...]


class Careers:
    """Every view of the career tracks of one handbook, worked out once."""

    def __init__(self, handbook: Handbook):
        self.handbook = handbook

    @classmethod
    def of(cls, handbook: Handbook) -> Careers:
        cached = handbook.__dict__.get("_careers")
        if cached is None:
            cached = handbook.__dict__["_careers"] = cls(handbook)
        return cached

    def place(self, key: str) -> LevelPlace:
        track_id, _, level_id = key.partition("/")
        track = self.handbook.track_by_id[track_id]
        return LevelPlace(track, track.levels[track.index_of(level_id)])

    @cached_property
    def joins(self) -> tuple[JoinView, ...]:
        return tuple(self._join(join) for join in self.handbook.career.joins)

    def _join(self, join: TrackJoin) -> JoinView:
        return JoinView(self.place(join.from_level), self.place(join.to_level), join.note)

    def _skills_at(self, role: Role, level_id: str) -> tuple[SkillAt, ...]:
        handbook = self.handbook
        return tuple(SkillAt(handbook.skill_by_id[item.skill], handbook.level_by_number[item.at(level_id)])
                     for item in role.skills)

    def certifications_at(self, key: str) -> tuple[Certification, ...]:
        return tuple(cert for cert in self.handbook.career.certifications if key in cert.levels)

    def level_view(self, track: CareerTrack, level: CareerLevel) -> LevelView:
        key = level_key(track.id, level.id)
        roles = tuple(RoleAtLevel(role, self._skills_at(role, level.id))
                      for role in self.handbook.roles_on(track.id) if level.id in role.career.levels)
        return LevelView(
            LevelPlace(track, level), stage_anchor(track.id, level.id), roles, self.certifications_at(key),
            tuple(join for join in self.joins if join.source.key == key),
            tuple(join for join in self.joins if join.target.key == key),
        )

    def comparison(self, track: CareerTrack, lower: CareerLevel, upper: CareerLevel) -> Comparison:
        handbook = self.handbook
        spanning, entering = [], []
        for role in handbook.roles_on(track.id):
            if lower.id in role.career.levels and upper.id in role.career.levels:
                raises = tuple(
                    SkillRaise(handbook.skill_by_id[item.skill], handbook.level_by_number[item.at(lower.id)],
                               handbook.level_by_number[item.at(upper.id)])
                    for item in role.skills if item.at(upper.id) > item.at(lower.id)
                )
                spanning.append(RoleRaises(role, raises))
            elif role.career.levels[0] == upper.id:
                entering.append(role)
        before = set(self.certifications_at(level_key(track.id, lower.id)))
        added = tuple(cert for cert in self.certifications_at(level_key(track.id, upper.id)) if cert not in before)
        return Comparison(lower, upper, tuple(spanning), tuple(entering), added)

    def track_view(self, track: CareerTrack) -> TrackView:
        levels = tuple(self.level_view(track, level) for level in track.levels)
        comparisons = tuple(self.comparison(track, lower, upper) for lower, upper in zip(track.levels, track.levels[1:]))
        roles = tuple(RoleSpan(role, self.handbook.levels_of(role)) for role in self.handbook.roles_on(track.id))
        return TrackView(
            track, levels, comparisons, roles,
            tuple(join for join in self.joins if join.source.track.id == track.id),
            tuple(join for join in self.joins if join.target.track.id == track.id),
        )

    @cached_property
    def tracks(self) -> tuple[TrackView, ...]:
        return tuple(self.track_view(track) for track in self.handbook.career.tracks)

    def role_view(self, role: Role) -> RoleCareerView:
        handbook = self.handbook
        track = handbook.track_by_id[role.career.track]
        levels = handbook.levels_of(role)
        skills = tuple(
            SkillLadder(handbook.skill_by_id[item.skill],
                        tuple(handbook.level_by_number[item.at(level.id)] for level in levels), item.note)
            for item in role.skills
        )
        own = {level_key(track.id, level.id) for level in levels}
        return RoleCareerView(track, levels, skills, tuple(join for join in self.joins if join.source.key in own))

    def level_names(self, cert: Certification) -> tuple[LevelPlace, ...]:
        """The levels where a certification matters, in data order."""
        return tuple(self.place(key) for key in cert.levels)
