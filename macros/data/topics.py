"""What a new hire meets in the first months and does not find in the role pages: the compliance and security
gates before a launch (and the laws and platform rules behind them), how projects are graded, estimation and
capacity, and AI in project work.

``data/topics.yaml``, in the same typed, frozen records as :mod:`macros.data.models` and validated by the same
loader: references to roles, RACI members and activities are resolved with every other file's (``check`` names
an unknown one with file:line); references inside the file (a gate's laws, a section's gates) and who holds
which letter of a gate are each record's own rules, below. The file is optional: a handbook without it builds
without these pages' content.

Two kinds of fact live here: facts a reader can check (a law's effective date, a platform's rule), each with
its :class:`~macros.data.models.Source` (``checked`` only when the page was read), and company practice, which
the pages always present as an example (``example: true``, and the whole grading section).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .messages import say
from .models import Date, Id, Line, MemberRef, Record, RoleRef, Source, refuse
from .practice import ActivityRef

# --- Compliance and security gates ---------------------------------------------------------------------------


class Regulation(Record):
    """A law, rule, standard or platform policy a launch has to meet."""

    id: Id
    name: Annotated[Line, Field(description="The full official title, e.g. 中华人民共和国个人信息保护法")]
    short: Annotated[Line, Field(description="The name people use in meetings, e.g. 个人信息保护法")]
    kind: Annotated[Line, Field(description="法律、部门规章、国家标准、欧盟条例、平台规则 …")]
    issuer: Line
    effective: Annotated[Date, Field(description="In force since (YYYY-MM-DD); only when a page read (source or "
                                                 "confirmed_by, with checked) says so")] | None = None
    what: Annotated[str, Field(description="What it asks of a project, in one or two sentences")]
    source: Annotated[Source, Field(description="The official text or the owner's page")]
    confirmed_by: Annotated[tuple[Source, ...], Field(
        description="Pages read that confirm the effective date where the official text itself was not read (a "
                    "republication of the promulgation order or of the standard's cover)")] = ()

    @model_validator(mode="after")
    def _effective_date_read(self) -> Regulation:
        """An effective date is written only when a page that says it was read."""
        if self.effective is not None and not any(page.checked for page in (self.source, *self.confirmed_by)):
            refuse([(("effective",), say("topics_effective_unread", name=self.short))])
        return self


class Gate(Record):
    """A check a project passes before launch, who executes it (R) and who answers for it (A)."""

    id: Annotated[Id, Field(description="Anchor on the compliance page (#gate-<id>); never change it once published")]
    name: Line
    when: Annotated[Line, Field(description="When in the project it bites")]
    applies: Annotated[str, Field(description="Which projects must pass it")]
    checks: Annotated[tuple[str, ...], Field(min_length=1, description="What is checked, one item each")]
    regulations: Annotated[tuple[Id, ...], Field(description="Ids of this file's regulations behind the gate")] = ()
    activity: Annotated[ActivityRef, Field(description="The RACI activity the gate is part of")]
    responsible: Annotated[tuple[MemberRef, ...], Field(min_length=1, description="R: who executes it")]
    accountable: Annotated[MemberRef, Field(
        description="A: who answers for it; leave out when it is the A of `activity` (said once, in the RACI)")] | None = (
        None)
    consulted: Annotated[tuple[MemberRef, ...], Field(description="C: whose view is asked for")] = ()
    specialists: Annotated[str, Field(
        description="Who in a company actually runs the check (法务、安全团队 …): teams that are no role of the "
                    "handbook")]
    overseas: Annotated[bool, Field(description="true: a gate of 出海 projects (GDPR, overseas app stores)")] = False
    sources: Annotated[tuple[Source, ...], Field(description="Pages the checks were read on (platform rules)")] = ()

    @model_validator(mode="after")
    def _one_letter_each(self) -> Gate:
        """Each member holds one letter: the A is neither R nor C, and nobody is both R and C."""
        found = []
        if self.accountable is not None:
            found += [((name, index), say("topics_gate_accountable_twice", member=member))
                      for name in ("responsible", "consulted")
                      for index, member in enumerate(getattr(self, name)) if member == self.accountable]
        found += [(("consulted", index), say("topics_duplicate_member", member=member))
                  for index, member in enumerate(self.consulted) if member in self.responsible]
        refuse(found)
        return self


class Compliance(Record):
    """The gates before launch and the rules behind them."""

    note: Annotated[str, Field(description="What the page says first: an example, and who to ask at the company")]
    regulations: Annotated[tuple[Regulation, ...], Field(min_length=1)]
    gates: Annotated[tuple[Gate, ...], Field(min_length=1)]


# --- Project grading, estimation, AI -------------------------------------------------------------------------


class Grade(Record):
    """One grade of an example scale (S/A/B/C): what puts a project there and what process it gets."""

    id: Annotated[Id, Field(description="Anchor on the grading page (#grade-<id>)")]
    name: Line
    criteria: Annotated[tuple[str, ...], Field(min_length=1, description="What typically puts a project here")]
    process: Annotated[tuple[str, ...], Field(min_length=1, description="What process a project of this grade gets")]


class Grading(Record):
    """How companies grade projects, and 立项 / 结项 criteria: always an example of common practice."""

    note: Annotated[str, Field(description="Says it is an example and that each company defines its own")]
    grades: Annotated[tuple[Grade, ...], Field(min_length=2, description="Highest grade first")]
    initiation: Annotated[tuple[str, ...], Field(min_length=1, description="立项: what a project needs to start")]
    closure: Annotated[tuple[str, ...], Field(min_length=1, description="结项: what a project needs to close")]
    roles: Annotated[tuple[RoleRef, ...], Field(description="Roles that run grading, 立项 and 结项")] = ()
    activities: Annotated[tuple[ActivityRef, ...], Field(min_length=1, description="RACI activities concerned")]


class Section(Record):
    """A section of a topic page (estimation, AI): a summary and its points, with who and what it concerns."""

    id: Annotated[Id, Field(description="Anchor on its page; never change it once published")]
    title: Line
    summary: str
    points: Annotated[tuple[str, ...], Field(min_length=1)]
    example: Annotated[bool, Field(description="true: company practice, shown as an example")] = False
    roles: Annotated[tuple[RoleRef, ...], Field(description="Roles the section concerns: their pages link here")] = ()
    activities: tuple[ActivityRef, ...] = ()
    gates: Annotated[tuple[Id, ...], Field(description="Ids of this file's gates the section leads to")] = ()
    sources: tuple[Source, ...] = ()


class TopicCatalogue(Record):
    """``data/topics.yaml``."""

    compliance: Compliance
    grading: Grading
    estimation: Annotated[tuple[Section, ...], Field(min_length=1)]
    ai: Annotated[tuple[Section, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _references_inside(self) -> TopicCatalogue:
        """A gate names this file's laws, a section this file's gates; every id once in its list."""
        laws = {law.id for law in self.compliance.regulations}
        gates = {gate.id for gate in self.compliance.gates}
        found = []
        for place, items in ((("compliance", "regulations"), self.compliance.regulations),
                             (("compliance", "gates"), self.compliance.gates), (("grading", "grades"),
                                                                                self.grading.grades),
                             (("estimation",), self.estimation), (("ai",), self.ai)):
            first: dict[str, int] = {}
            found += [((*place, index, "id"), say("duplicate_item", item=item.id, field=".".join(place),
                                                  first=first[item.id]))
                      for index, item in enumerate(items) if first.setdefault(item.id, index) != index]
        found += [(("compliance", "gates", index, "regulations", at),
                   say("topics_unknown_regulation", value=law, listed="、".join(sorted(laws))))
                  for index, gate in enumerate(self.compliance.gates)
                  for at, law in enumerate(gate.regulations) if law not in laws]
        found += [((name, index, "gates", at), say("unknown_reference", value=gate, noun=say("topics_gate_noun"),
                                                   source=say("in_section", file="data/topics.yaml",
                                                              section="compliance.gates"),
                                                   listed="、".join(sorted(gates))))
                  for name in ("estimation", "ai") for index, section in enumerate(getattr(self, name))
                  for at, gate in enumerate(section.gates) if gate not in gates]
        refuse(found)
        return self

    def gate_by_id(self) -> dict[str, Gate]:
        return {gate.id: gate for gate in self.compliance.gates}
