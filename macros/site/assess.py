"""The self-assessment page (``/assess/``): pick a role and a level, rate yourself on each of the role's skills
against the skills matrix's level descriptors, see the gap to the level's expectations and the next level's.

Everything happens in the reader's browser (``handbook/assets/javascripts/assess.js``); the build writes what the
script needs into the page as one JSON document, made here from the same records as the skills matrix and the
role pages, so no fact is typed twice. Nothing is stored or sent: the state lives in the address's hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..data.models import Handbook, Role
from .render import render_markdown
from .urls import ASSESS_JS, CAREER, SKILLS, Linker, record_anchor, track_src


@dataclass(frozen=True)
class RoleOption:
    """One role in the picker, under its family."""

    slug: str
    name: str


@dataclass(frozen=True)
class FamilyOptions:
    name: str
    roles: tuple[RoleOption, ...]


def assess_data(handbook: Handbook, link: Linker) -> dict[str, Any]:
    """What assess.js reads: the proficiency scale, the descriptors of every skill a role asks for, and each
    role's levels with the expected proficiency of each of its skills at each level (lowest level first)."""
    groups = {group.id: group.name for group in handbook.skills.groups}
    used = {requirement.skill for role in handbook.roles for requirement in role.skills}
    return {
        "scale": [{"level": item.level, "name": item.name, "name_en": item.name_en, "description": item.description}
                  for item in handbook.skills.levels],
        "skills": {
            skill.id: {"name": skill.name, "group": groups[skill.group], "description": skill.description,
                       "descriptors": list(skill.levels), "url": str(link.final.url(SKILLS, record_anchor(skill)))}
            for skill in handbook.skills.skills if skill.id in used
        },
        "roles": [_role(handbook, role, link) for role in handbook.roles],
    }


def _role(handbook: Handbook, role: Role, link: Linker) -> dict[str, Any]:
    track = handbook.track_by_id[role.career.track]
    levels = handbook.levels_of(role)
    return {
        "slug": role.slug,
        "name": role.name,
        "url": str(link.final.role_url(role.slug, "skills")),  # read by assess.js: never rewritten
        "track": {"name": track.name, "url": str(link.final.url(track_src(track.id)))},
        "levels": [{"id": level.id, "name": level.name, "url": str(link.final.url(track_src(track.id), level.id))}
                   for level in levels],
        "skills": [{"id": item.skill, "expected": [item.at(level.id) for level in levels]} for item in role.skills],
    }


def assess_page(handbook: Handbook, link: Linker) -> Markup:
    """The page's tool: the pickers, the places the script fills, the explanation shown without JavaScript."""
    families = [
        FamilyOptions(family.name, tuple(RoleOption(role.slug, role.name) for role in handbook.roles_in(family.id)))
        for family in handbook.families
    ]
    return render_markdown(
        "assess.md.j2",
        families=[family for family in families if family.roles],
        data=assess_data(handbook, link),
        script=link.file(ASSESS_JS),
        skills_url=link.final.url(SKILLS),  # in <noscript>, which Zensical does not rewrite either
        levels_url=link.final.url(SKILLS, "levels"),
        career_url=link.final.url(CAREER),
        link=link,
    )
