"""Compare roles: ``/compare/?roles=<slug>,<slug>[,<slug>]`` puts two or three roles side by side.

The page is a small plain script (``handbook/assets/javascripts/compare.js``) over the export the build writes
anyway (``api/roles.json``, ``api/raci.json``): no second copy of a fact. Without JavaScript it lists every
role. This module gives the page its frame and the role pages their links to comparisons with the roles
closest to them: the roles an FAQ question asks the difference to ("…有什么区别？"), the roles of the same
family, then the collaborators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ..data.models import FaqEntry, Handbook, Role
from .render import render_markdown
from .urls import COMPARE, COMPARE_PARAMETER, COMPARE_SECTIONS, Linker

MAX_ROLES = 3  # side by side on a page; two at least
CLOSEST = 5  # comparisons offered on a role page
# A question that asks how roles differ: "项目经理和产品经理有什么区别？", "……有什么不同？".
DIFFERENCE = re.compile("区别|不同|差别|差异")
# The level ids of each compared role, in the order of the roles (optional: the highest level by default).
LEVELS_PARAMETER = "levels"


def compare_href(link: Linker, slugs: tuple[str, ...] | list[str]) -> Markup:
    """A Markdown link to the comparison of these roles from the page being built (MkDocs checks the page and
    keeps the query)."""
    return Markup(f"{link.md(COMPARE)}?{COMPARE_PARAMETER}={','.join(slugs)}")  # validated slugs only


def question_roles(handbook: Handbook, entry: FaqEntry) -> tuple[Role, ...]:
    """The published roles a question about a difference names, in the order it names them (longest names
    first, so 技术项目经理 is not read as 项目经理); none when it names fewer than two."""
    if not DIFFERENCE.search(entry.question):
        return ()
    text = entry.question
    found: list[tuple[int, Role]] = []
    for role in sorted(handbook.roles, key=lambda item: -len(item.name)):
        at = text.find(role.name)
        if at >= 0:
            found.append((at, role))
            text = text[:at] + "\0" * len(role.name) + text[at + len(role.name):]
    roles = tuple(role for _, role in sorted(found, key=lambda pair: pair[0]))[:MAX_ROLES]
    return roles if len(roles) >= 2 else ()


def closest_roles(handbook: Handbook, role: Role) -> tuple[Role, ...]:
    """The roles a role is most often compared with: those its FAQ asks the difference to, then its family,
    then its collaborators, each once, at most :data:`CLOSEST`."""
    asked = [other for entry in handbook.faq_for(role) for other in question_roles(handbook, entry)]
    family = handbook.roles_in(role.family)
    collaborators = [handbook.role_by_slug[item.role] for item in role.collaborates_with
                     if item.role in handbook.role_by_slug]
    seen: dict[str, Role] = {}
    for other in (*asked, *family, *collaborators):
        if other.slug != role.slug and other.slug not in seen:
            seen[other.slug] = other
    return tuple(seen.values())[:CLOSEST]


@dataclass(frozen=True)
class FamilyRoles:
    name: str
    roles: tuple[Role, ...]


def api_base(link: Linker) -> str:
    """The export's folder (``api/``) relative to the page being built, ending in ``/``."""
    return str(link.file("api")) + "/"


def compare_page(handbook: Handbook, link: Linker) -> Markup:
    """The comparison page: pickers and tables filled in by compare.js; every role listed without it."""
    families = tuple(FamilyRoles(family.name, handbook.roles_in(family.id)) for family in handbook.families)
    return render_markdown(
        "compare.md.j2",
        families=[family for family in families if family.roles],
        roles=handbook.roles,
        levels=handbook.skills.levels,
        api=api_base(link.final),
        role_url=link.final.role_url("__slug__"),  # data-* attributes compare.js reads: never rewritten
        raci_url=link.final.url("raci/index.md"),
        skills_url=link.final.url("skills.md"),
        parameter=COMPARE_PARAMETER,
        levels_parameter=LEVELS_PARAMETER,
        max_roles=MAX_ROLES,
        sections=COMPARE_SECTIONS,
        link=link,
    )
