"""One function per kind of page: gather the view a template needs from the handbook, render it.

Each function takes the loaded :class:`~macros.model.Handbook` and a :class:`~macros.render.Linker` for the
page being built, and returns Markdown (as ``Markup``). They know nothing of MkDocs; ``macros/__init__.py``
wires them to pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..data.models import Certification, Handbook, Role, Skill, SkillGroup, SkillLevel, SkillRequirement
from . import practice_pages
from .raci import LETTER_BY_CODE, LETTERS, PhaseBlock, RaciMatrix
from .render import Linker, render_markdown

ROLE_DIR = "roles"


def role_src(slug: str) -> str:
    """The source path of a role's page stub under ``handbook/``."""
    return f"{ROLE_DIR}/{slug}.md"


@dataclass(frozen=True)
class SkillRow:
    """One line of a role's skills table."""

    requirement: SkillRequirement
    skill: Skill
    group: SkillGroup
    level: SkillLevel
    descriptor: str


@dataclass(frozen=True)
class FamilyView:
    family: Any
    roles: tuple[Role, ...]


def role_page(handbook: Handbook, role: Role, link: Linker) -> Markup:
    """A role's whole page: overview, responsibilities, skills, RACI, career, collaboration, FAQ."""
    groups = {group.id: group for group in handbook.skills.groups}
    skills = []
    for requirement in role.skills:
        skill = handbook.skill_by_id[requirement.skill]
        skills.append(SkillRow(requirement, skill, groups[skill.group], handbook.level_by_number[requirement.level],
                               skill.levels[requirement.level - 1]))
    collaborations = [
        {"role": handbook.role_by_slug[item.role], "how": item.how} for item in role.collaborates_with
    ]
    return render_markdown(
        "role.md.j2",
        role=role,
        family=handbook.family_by_id[role.family],
        stages=[handbook.stage_by_id[stage] for stage in role.stages],
        levels=handbook.skills.levels,
        skills=skills,
        raci=RaciMatrix.of(handbook).for_role(role.slug),
        phases=handbook.phase_by_id,
        certifications=handbook.certifications_for(role),
        collaborations=collaborations,
        faq=handbook.faq_for(role),
        link=link,
        **practice_pages.role_context(handbook, role),
    )


def families_page(handbook: Handbook, link: Linker, level: int = 2, anchor_prefix: str = "") -> Markup:
    """Every family with its roles as cards (home page and roles index)."""
    families = [FamilyView(family, handbook.roles_in(family.id)) for family in handbook.families]
    return render_markdown(
        "families.md.j2",
        families=[view for view in families if view.roles],
        level=level,
        anchor_prefix=anchor_prefix,
        link=link,
    )


def raci_page(handbook: Handbook, link: Linker) -> Markup:
    """The full RACI matrix, grouped by phase, with a legend and the activity descriptions."""
    matrix = RaciMatrix.of(handbook)
    return render_markdown(
        "raci.md.j2",
        letters=LETTERS,
        letter_by_code=LETTER_BY_CODE,
        roles=matrix.roles,
        blocks=matrix.blocks(),
        activities_count=len(matrix.activities),
        link=link,
    )


@dataclass(frozen=True)
class PhaseView:
    block: PhaseBlock
    roles: tuple[Role, ...]


def raci_phases_page(handbook: Handbook, link: Linker) -> Markup:
    """One matrix per life-cycle phase, with only the roles that take part in it."""
    matrix = RaciMatrix.of(handbook)
    views = []
    for block in matrix.blocks():
        involved = {slug for activity in block.activities for slug in activity.raci}
        views.append(PhaseView(block, tuple(role for role in matrix.roles if role.slug in involved)))
    return render_markdown(
        "raci-phases.md.j2", letters=LETTERS, letter_by_code=LETTER_BY_CODE, views=views, link=link
    )


@dataclass(frozen=True)
class StageView:
    stage: Any
    roles: tuple[Role, ...]
    certifications: tuple[Certification, ...]


@dataclass(frozen=True)
class CertificationView:
    cert: Certification
    stages: tuple[Any, ...]
    roles: tuple[Role, ...]


def career_page(handbook: Handbook, link: Linker) -> Markup:
    """The career ladder as a diagram, each stage in detail, and the certifications."""
    certs = handbook.career.certifications
    stage_views = [
        StageView(stage, handbook.roles_at(stage.id), tuple(c for c in certs if stage.id in c.stages))
        for stage in handbook.career.stages
    ]
    cert_views = [
        CertificationView(
            cert,
            tuple(handbook.stage_by_id[stage] for stage in cert.stages),
            tuple(handbook.role_by_slug[slug] for slug in cert.roles),
        )
        for cert in certs
    ]
    return render_markdown(
        "career.md.j2", stages=handbook.career.stages, stage_views=stage_views, cert_views=cert_views, link=link
    )


@dataclass(frozen=True)
class SkillBlock:
    group: SkillGroup
    skills: tuple[Skill, ...]


def skills_page(handbook: Handbook, link: Linker) -> Markup:
    """Skills × roles with expected levels, the level scale and every skill's level descriptors."""
    blocks = [
        SkillBlock(group, tuple(skill for skill in handbook.skills.skills if skill.group == group.id))
        for group in handbook.skills.groups
    ]
    cells = {
        (role.slug, requirement.skill): handbook.level_by_number[requirement.level]
        for role in handbook.roles
        for requirement in role.skills
    }
    return render_markdown(
        "skills.md.j2",
        roles=handbook.roles,
        blocks=[block for block in blocks if block.skills],
        cells=cells,
        scale=sorted(handbook.skills.levels, key=lambda level: level.level),
        skill_count=len(handbook.skills.skills),
        link=link,
    )


def faq_page(handbook: Handbook, link: Linker) -> Markup:
    """Every question: shared ones by group, then each role's own."""
    groups = [
        {"group": group, "entries": [entry for entry in handbook.faq.entries if entry.group == group.id]}
        for group in handbook.faq.groups
    ]
    return render_markdown(
        "faq.md.j2",
        groups=[group for group in groups if group["entries"]],
        roles=handbook.role_by_slug,
        role_list=handbook.roles,
        link=link,
    )


def glossary_page(handbook: Handbook, link: Linker) -> Markup:
    """The glossary as a table."""
    return render_markdown("glossary.md.j2", terms=sorted(handbook.glossary.terms, key=lambda t: t.term.lower()),
                           by_id=handbook.term_by_id, link=link)


def yaml_example(root, handbook: Handbook, kind: str) -> Markup:
    """A real excerpt of the data: ``role`` (a responsibility area), ``skill`` (a skill requirement) or
    ``activity`` (a RACI activity)."""
    from .examples import yaml_excerpt

    first_role = handbook.role_sources[handbook.roles[0].slug]
    places = {
        "role": (first_role, ("responsibilities", 0)),
        "skill": (first_role, ("skills", 0)),
        "activity": ("data/activities.yaml", ("activities", 0)),
        "faq": ("data/faq.yaml", ("entries", 0)),
    }
    file, path = places[kind]
    return render_markdown("yaml-example.md.j2", file=file, excerpt=yaml_excerpt(root, file, path))


def maintainer_examples(root, handbook: Handbook) -> Markup:
    """Mistakes made on the real data in memory, and the messages check prints for them."""
    from .examples import validation_examples

    return render_markdown("maintainer-examples.md.j2", examples=validation_examples(root, handbook))
