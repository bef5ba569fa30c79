"""The pages on what a new hire meets (compliance and security gates before launch, project grading, estimation
and capacity, AI in project work), the links a role page and an activity give to them, and the views behind both.

Python gathers what a template shows into small frozen records; the templates only lay them out. Every URL and
anchor comes from :mod:`macros.site.urls`. A handbook without ``data/topics.yaml`` gets pages that say so and
no links.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..data.models import Handbook, Letter, RaciActivity, Role
from ..data.topics import Gate, Grading, Regulation, Section, TopicCatalogue
from . import urls
from .render import render_markdown
from .urls import Linker

# The pages' titles, as their stubs and the navigation say them: shown where a role page links to them.
TITLES = {urls.COMPLIANCE: "上线前的合规与安全关卡", urls.GRADING: "项目分级与立项、结项",
          urls.ESTIMATION: "估算与人力", urls.AI: "AI 与项目工作"}


@dataclass(frozen=True)
class Member:
    """A RACI member as a page shows it: a role (with a page) or a party (sponsor, dev team …)."""

    id: str
    name: str
    role: Role | None


@dataclass(frozen=True)
class GateView:
    gate: Gate
    activity: RaciActivity
    responsible: tuple[Member, ...]
    accountable: Member
    derived: bool  # the A is the activity's A (said once, in the RACI)
    consulted: tuple[Member, ...]
    regulations: tuple[Regulation, ...]


@dataclass(frozen=True)
class CompliancePage:
    note: str
    domestic: tuple[GateView, ...]
    overseas: tuple[GateView, ...]
    regulations: tuple[tuple[Regulation, tuple[GateView, ...]], ...]  # each law and the gates that cite it


@dataclass(frozen=True)
class GradingPage:
    grading: Grading
    roles: tuple[Role, ...]
    activities: tuple[RaciActivity, ...]


@dataclass(frozen=True)
class SectionView:
    section: Section
    roles: tuple[Role, ...]
    activities: tuple[RaciActivity, ...]
    gates: tuple[Gate, ...]


@dataclass(frozen=True)
class TopicLink:
    """A place on a topic page, and the letter a role holds there (gates only)."""

    src: str
    anchor: str
    title: str
    letter: Letter | None = None


@dataclass(frozen=True)
class TopicGroup:
    """The links of one topic page that concern a role or an activity."""

    src: str
    title: str
    links: tuple[TopicLink, ...]


def member(handbook: Handbook, member_id: str) -> Member:
    role = handbook.role_by_slug.get(member_id)
    if role is not None:
        return Member(member_id, role.name, role)
    party = next((party for party in handbook.activities.parties if party.id == member_id), None)
    return Member(member_id, party.name if party else member_id, None)


def accountable_of(handbook: Handbook, gate: Gate) -> tuple[str, bool]:
    """The A of a gate: its own, or its activity's (then True)."""
    if gate.accountable is not None:
        return gate.accountable, False
    activity = handbook.activity_by_id[gate.activity]
    return next(member_id for member_id, letter in activity.raci.items() if letter == "A"), True


def gate_view(handbook: Handbook, topics: TopicCatalogue, gate: Gate) -> GateView:
    laws = {law.id: law for law in topics.compliance.regulations}
    accountable, derived = accountable_of(handbook, gate)
    return GateView(gate, handbook.activity_by_id[gate.activity],
                    tuple(member(handbook, m) for m in gate.responsible if m != accountable),
                    member(handbook, accountable), derived,
                    tuple(member(handbook, m) for m in gate.consulted if m != accountable),
                    tuple(laws[law] for law in gate.regulations))


def compliance_view(handbook: Handbook, topics: TopicCatalogue) -> CompliancePage:
    gates = tuple(gate_view(handbook, topics, gate) for gate in topics.compliance.gates)
    return CompliancePage(
        topics.compliance.note,
        tuple(view for view in gates if not view.gate.overseas),
        tuple(view for view in gates if view.gate.overseas),
        tuple((law, tuple(view for view in gates if law in view.regulations))
              for law in topics.compliance.regulations),
    )


def grading_view(handbook: Handbook, topics: TopicCatalogue) -> GradingPage:
    grading = topics.grading
    return GradingPage(grading, _roles(handbook, grading.roles),
                       tuple(handbook.activity_by_id[a] for a in grading.activities))


def section_views(handbook: Handbook, topics: TopicCatalogue, sections: tuple[Section, ...]) -> tuple[SectionView, ...]:
    gates = topics.gate_by_id()
    return tuple(SectionView(section, _roles(handbook, section.roles),
                             tuple(handbook.activity_by_id[a] for a in section.activities),
                             tuple(gates[g] for g in section.gates))
                 for section in sections)


def _roles(handbook: Handbook, slugs: tuple[str, ...]) -> tuple[Role, ...]:
    """The published roles among ``slugs``, in the handbook's order of roles."""
    return tuple(role for role in handbook.roles if role.slug in slugs)


# --- Links from role pages and activities ---------------------------------------------------------------------


def _letter(handbook: Handbook, gate: Gate, slug: str) -> Letter | None:
    accountable, _derived = accountable_of(handbook, gate)
    if slug == accountable:
        return "A"
    return "R" if slug in gate.responsible else "C" if slug in gate.consulted else None


def _groups(handbook: Handbook, gate_keep, section_keep, grading_keep, slug: str | None) -> tuple[TopicGroup, ...]:
    topics = handbook.topics
    if topics is None:
        return ()
    gates = tuple(TopicLink(urls.COMPLIANCE, urls.record_anchor(gate), gate.name,
                            _letter(handbook, gate, slug) if slug else None)
                  for gate in topics.compliance.gates if gate_keep(gate))
    grading = ((TopicLink(urls.GRADING, urls.TOPIC_SECTIONS[urls.GRADING][0], "项目分级"),)
               if grading_keep(topics.grading) else ())
    groups = ((urls.COMPLIANCE, gates), (urls.GRADING, grading),
              (urls.ESTIMATION, tuple(TopicLink(urls.ESTIMATION, urls.record_anchor(s), s.title)
                                      for s in topics.estimation if section_keep(s))),
              (urls.AI, tuple(TopicLink(urls.AI, urls.record_anchor(s), s.title) for s in topics.ai
                              if section_keep(s))))
    return tuple(TopicGroup(src, TITLES[src], links) for src, links in groups if links)


def role_topics(handbook: Handbook, role: Role) -> tuple[TopicGroup, ...]:
    """The gates in which a role holds a letter and the sections that name it, page by page."""
    slug = role.slug
    return _groups(handbook, lambda gate: _letter(handbook, gate, slug) is not None,
                   lambda section: slug in section.roles, lambda grading: slug in grading.roles, slug)


def activity_topics(handbook: Handbook, activity_id: str) -> tuple[TopicGroup, ...]:
    """The gates and sections that concern a RACI activity, page by page."""
    return _groups(handbook, lambda gate: gate.activity == activity_id,
                   lambda section: activity_id in section.activities,
                   lambda grading: activity_id in grading.activities, None)


# --- The pages ------------------------------------------------------------------------------------------------


def _page(template: str, handbook: Handbook, link: Linker, **context) -> Markup:
    if handbook.topics is None:
        return render_markdown("topics-missing.md.j2")
    return render_markdown(template, link=link, anchor=urls.record_anchor, raci=urls.RACI, **context)


def compliance_page(handbook: Handbook, link: Linker) -> Markup:
    return _page("topics-compliance.md.j2", handbook, link,
                 page=handbook.topics and compliance_view(handbook, handbook.topics))


def grading_page(handbook: Handbook, link: Linker) -> Markup:
    return _page("topics-grading.md.j2", handbook, link, page=handbook.topics and grading_view(handbook, handbook.topics),
                 compliance=urls.COMPLIANCE)


def estimation_page(handbook: Handbook, link: Linker) -> Markup:
    return _page("topics-sections.md.j2", handbook, link, compliance=urls.COMPLIANCE,
                 sections=handbook.topics and section_views(handbook, handbook.topics, handbook.topics.estimation))


def ai_page(handbook: Handbook, link: Linker) -> Markup:
    return _page("topics-sections.md.j2", handbook, link, compliance=urls.COMPLIANCE,
                 sections=handbook.topics and section_views(handbook, handbook.topics, handbook.topics.ai))
