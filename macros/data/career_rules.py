"""Rules of the career tracks that span records and files: levels, roles' spans, skill levels per level, joins.

Called from :func:`macros.data.rules.check_rules` with whatever loaded cleanly. A level is named across files as
``track/level`` (joins, certifications) or, inside a role, by its id within the role's track.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .messages import say
from .problems import Collector
from .models import CareerPath, CareerTrack, Role

# Anchors of a track page besides its levels and comparisons (``urls.TRACK_SECTIONS``): a level may not
# take one, and "-to-" is kept for comparison anchors (``<lower>-to-<upper>``).
RESERVED_LEVEL_IDS = ("levels", "roles", "comparisons", "joins", "certifications")
COMPARISON_JOINER = "-to-"


def check_career(career: CareerPath | None, roles: list[Role], out: Collector) -> None:
    """Every rule of the career tracks; ``career`` is None when data/career.yaml did not load."""
    if career is None:
        return
    out.unique(career.tracks, "id")
    tracks = {track.id: track for track in career.tracks}
    for track in career.tracks:
        _check_track(track, out)
    _check_level_references(tracks, out)
    _check_joins(career, out)
    for role in roles:
        track = tracks.get(role.career.track)
        if track is not None:  # an unknown track is reported with the other references
            _check_role_span(role, track, out)
    _check_certifications(career, tracks, {role.slug: role for role in roles}, out)


def _check_track(track: CareerTrack, out: Collector) -> None:
    if track.id == "index":
        out.add(out.place(track, "id"), say("track_id_index"))
    out.unique(track.levels, "id")
    for level in track.levels:
        if level.id in RESERVED_LEVEL_IDS:
            out.add(out.place(level, "id"), say("reserved_level_id", id=level.id))
        elif COMPARISON_JOINER in f"-{level.id}-":
            out.add(out.place(level, "id"), say("level_id_with_to", id=level.id))


def _levels_named(track: CareerTrack) -> str:
    return "、".join(dict.fromkeys(level.id for level in track.levels))


def _check_level_references(tracks: dict[str, CareerTrack], out: Collector) -> None:
    """``track/level`` references (joins, certifications) name a level that exists."""
    for kind, value, file in sorted(set(out.refs)):
        if kind != "track_level":
            continue
        track_id, _, level_id = value.partition("/")
        track = tracks.get(track_id)
        if track is None:
            message = say("unknown_reference", value=track_id, noun=say("ref_track"),
                          source=say("in_section", file="data/career.yaml", section="tracks"), listed="、".join(tracks))
        elif level_id not in {level.id for level in track.levels}:
            message = say("unknown_level", track=track_id, level=level_id, levels=_levels_named(track))
        else:
            continue
        for where in out.reference_places(kind, value, file):
            out.add(where, message)


def _check_joins(career: CareerPath, out: Collector) -> None:
    seen: dict[tuple[str, str], Any] = {}
    for join in career.joins:
        if join.from_level.partition("/")[0] == join.to_level.partition("/")[0]:
            out.add(out.place(join, "to_level"),
                    say("join_same_track", to=join.to_level, track=join.from_level.partition("/")[0]))
        key = (join.from_level, join.to_level)
        if key in seen:
            first = out.place(seen[key], "from_level")
            out.add(out.place(join, "from_level"), say("duplicate_join", from_level=join.from_level,
                                                       to_level=join.to_level, line=first.line))
        seen[key] = join


def _check_role_span(role: Role, track: CareerTrack, out: Collector) -> None:
    """The role's levels exist, in order and without gaps; each skill has a level at each, never falling."""
    order = [level.id for level in track.levels]
    span = role.career.levels
    # Placed only when there is something to report: placing the first record locates them all.
    def where():
        return out.place(role.career, "levels")

    unknown = [level for level in span if level not in order]
    for index, level in enumerate(span):
        if level in unknown:
            out.add(replace(where(), field=f"career.levels[{index}]"),
                    say("unknown_level", track=track.id, level=level, levels=_levels_named(track)))
    if unknown:
        return
    if len(set(span)) != len(span):
        out.add(where(), say("levels_repeated"))
        return
    positions = [order.index(level) for level in span]
    expected = order[min(positions):max(positions) + 1]
    if list(span) != expected:
        out.add(where(), say("levels_not_contiguous", track=track.id, expected="、".join(expected),
                             got="、".join(span)))
        return
    for requirement in role.skills:
        _check_skill_levels(requirement, span, out)


def _check_skill_levels(requirement: Any, span: tuple[str, ...], out: Collector) -> None:
    def where():
        return out.place(requirement, "levels")

    given = requirement.levels
    for level in given:
        if level not in span:
            out.add(replace(where(), field=f"{where().field}.{level}"),
                    say("level_not_spanned", level=level, span="、".join(span)))
    missing = [level for level in span if level not in given]
    if missing:
        out.add(where(), say("skill_levels_missing", span="、".join(span), missing="、".join(missing)))
        return
    for lower, upper in zip(span, span[1:]):
        if given[upper] < given[lower]:
            out.add(replace(where(), field=f"{where().field}.{upper}"),
                    say("skill_level_falls", floor=given[lower], lower=lower, got=given[upper]))


def _check_certifications(career: CareerPath, tracks: dict[str, CareerTrack], roles: dict[str, Role],
                          out: Collector) -> None:
    """A certification named for a role matters at one of that role's levels at least."""
    for cert in career.certifications:
        named = set(cert.levels)
        for slug in cert.roles:
            role = roles.get(slug)
            if role is None or role.career.track not in tracks:
                continue
            own = [f"{role.career.track}/{level}" for level in role.career.levels]
            if not named.intersection(own):
                out.add(out.place(cert, "roles"), say("cert_role_no_level", slug=slug, own="、".join(own)))
