"""Rules that span records and files: unique ids, resolvable references, RACI, one file per role, and the
cadence, practices and staffing of every role (the career tracks' rules are :mod:`.career_rules`).

Field-level rules (types, required fields, ranges, patterns, texts, lists, a role's own fields) are the models'
and enforced while loading; this module runs after, over whatever loaded cleanly, so a broken file never hides
problems in the others.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any, Callable, Iterable

from .career_rules import check_career
from .decisions import check_decisions
from .messages import say
from .models import (ActivityCatalogue, CareerPath, FamilyList, FaqCatalogue, Glossary, RaciActivity, Role,
                     SkillCatalogue)
from .practice import CadenceCatalogue, OperationsCatalogue, SettingsCatalogue, ToolCatalogue
from .problems import CAUSE, Collector

# Each kind of reference: what a maintainer calls it (an entry of MESSAGES), where it is defined (file, and the
# list in it), and the records defined there (None when their file did not load). Roles and RACI members are
# named by role files, which check_rules counts.
REFERENCES: dict[str, tuple[str, tuple[str, str], Callable[[Parts], Iterable[Any] | None]]] = {
    "family": ("ref_family", ("data/families.yaml", "families"), lambda p: p.families and p.families.families),
    "skill": ("ref_skill", ("data/skills.yaml", "skills"), lambda p: p.skills and p.skills.skills),
    "skill_group": ("ref_skill_group", ("data/skills.yaml", "groups"), lambda p: p.skills and p.skills.groups),
    "track": ("ref_track", ("data/career.yaml", "tracks"), lambda p: p.career and p.career.tracks),
    "phase": ("ref_phase", ("data/activities.yaml", "phases"), lambda p: p.activities and p.activities.phases),
    "faq_group": ("ref_faq_group", ("data/faq.yaml", "groups"), lambda p: p.faq and p.faq.groups),
    "activity": ("ref_activity", ("data/activities.yaml", "activities"),
                 lambda p: p.activities and p.activities.activities),
    "iteration": ("ref_iteration", ("data/cadence.yaml", "iterations"), lambda p: p.cadence and p.cadence.iterations),
    "release_pattern": ("ref_release_pattern", ("data/cadence.yaml", "release_patterns"),
                        lambda p: p.cadence and p.cadence.release_patterns),
    "event": ("ref_event", ("data/cadence.yaml", "events"), lambda p: p.cadence and p.cadence.events),
    "company_size": ("ref_company_size", ("data/settings.yaml", "company_sizes"),
                     lambda p: p.settings and p.settings.company_sizes),
    "tool_category": ("ref_tool_category", ("data/tools.yaml", "categories"), lambda p: p.tools and p.tools.categories),
    "term": ("ref_term", ("data/glossary.yaml", "terms"), lambda p: p.glossary and p.glossary.terms),
    "certification": ("ref_certification", ("data/career.yaml", "certifications"),
                      lambda p: p.career and p.career.certifications),
}
ROLE_REFERENCES: dict[str, tuple[str, tuple[str, str] | str]] = {
    "role": ("ref_role", "data/roles/<slug>.yaml"),
    "member": ("ref_member", say("either", first="data/roles/<slug>.yaml",
                                 second=say("in_section", file="data/activities.yaml", section="parties"))),
}


def defined_in(source: tuple[str, str] | str) -> str:
    """Where a kind of record is defined, as a message says it: ``data/skills.yaml 的 skills``."""
    return source if isinstance(source, str) else say("in_section", file=source[0], section=source[1])


@dataclass(frozen=True)
class Parts:
    """What each file of data/ gave: its record, or None when it had problems (already reported)."""

    families: FamilyList | None
    skills: SkillCatalogue | None
    career: CareerPath | None
    activities: ActivityCatalogue | None
    faq: FaqCatalogue | None
    glossary: Glossary | None
    cadence: CadenceCatalogue | None
    operations: OperationsCatalogue | None
    tools: ToolCatalogue | None
    settings: SettingsCatalogue | None
    roles: list[tuple[str, Role | None]]  # (file, role) of every role file
    topics: Any = None  # data/topics.yaml (macros.data.topics), optional


def check_rules(parts: Parts, out: Collector) -> None:
    """Check every cross-record rule over the parts that loaded; add problems to ``out``."""
    # A role whose slug is not its file's name is reported once, first (_check_role_files), and left out of the
    # rules over all roles: what they would say of it (no cadence, no RACI letter, an unknown reference to
    # its old or new name) follows from that one mistake.
    good_roles = [role for file, role in parts.roles if role is not None and PurePosixPath(file).stem == role.slug]
    all_roles_loaded = len(good_roles) == len(parts.roles)
    # A draft has a page but is not public yet: what only a published role must satisfy is its to-do list. A
    # retired role has no page: nothing may name it any more.
    published = [role for role in good_roles if role.status == "published"]
    drafts = {role.slug: role for role in good_roles if role.status == "draft"}
    paged = [role for role in good_roles if role.status != "retired"]
    skills, career, activities, faq, cadence, settings = (parts.skills, parts.career, parts.activities, parts.faq,
                                                          parts.cadence, parts.settings)
    _check_references(parts, out)
    _check_retired(good_roles, out)
    _check_role_files(parts.roles, out)
    for items, key in (
        (parts.families and parts.families.families, "id"),
        (skills and skills.levels, "level"), (skills and skills.groups, "id"), (skills and skills.skills, "id"),
        (career and career.certifications, "id"),
        (activities and activities.phases, "id"), (activities and activities.activities, "id"),
        (activities and activities.parties, "id"),
        (faq and faq.groups, "id"), (parts.glossary and parts.glossary.terms, "term"),
        (parts.glossary and parts.glossary.terms, "id"),
        (cadence and cadence.iterations, "id"), (cadence and cadence.release_patterns, "id"),
        (cadence and cadence.events, "id"), (parts.operations and parts.operations.practices, "id"),
        (parts.tools and parts.tools.categories, "id"), (settings and settings.company_sizes, "id"),
        (settings and settings.delivery_settings, "id"), (settings and settings.goals, "id"),
    ):
        if items is not None:
            out.unique(items, key)
    if skills is not None:
        _check_levels(skills, out)
    for role in good_roles:
        out.unique(role.skills, "skill")
        out.unique(role.collaborates_with, "role")
    check_career(career, paged, out)
    _check_faq_ids(faq, good_roles, out)
    _check_slugs(good_roles, out)
    _check_practice(parts, paged, drafts, all_roles_loaded, out)
    if parts.glossary is not None:
        _check_glossary(parts.glossary, out)
    if activities is not None:
        for activity in activities.activities:
            _check_raci(activity, drafts, out)
        if all_roles_loaded:
            _check_every_role_acts(activities.activities, paged, drafts, activities, out)
            _check_columns(activities, published, drafts, out)
    check_decisions(activities, settings, faq, cadence, published, out)


def _reporter(out: Collector, drafts: dict[str, Role], slug: str) -> Callable[[Any, str], None]:
    """How a rule over one role reports: an error for a published role, a to-do for a draft."""
    return (lambda where, message: out.todo(where, slug, message)) if slug in drafts else out.add


def _check_references(parts: Parts, out: Collector) -> None:
    known = {kind: None if (items := get(parts)) is None else {item.id for item in items}
             for kind, (_noun, _source, get) in REFERENCES.items()}
    # A role file that failed to load still names a role: don't report references to it as unknown; nor
    # references to the slug in a file of another name (_check_role_files reports that).
    roles = ({PurePosixPath(file).stem for file, _role in parts.roles}
             | {role.slug for _file, role in parts.roles if role is not None}) if parts.roles else None
    parties = None if parts.activities is None else {party.id for party in parts.activities.parties}
    known["role"] = roles
    known["member"] = None if roles is None or parties is None else roles | parties
    names = {kind: (noun, source) for kind, (noun, source, _get) in REFERENCES.items()} | ROLE_REFERENCES
    for kind, value, file in sorted(set(out.refs)):
        ids = known.get(kind)  # track/level is checked with the career rules, which name the track's levels
        if ids is None or value in ids:
            continue
        noun, source = names[kind]
        listed = "、".join(sorted(ids)) if len(ids) <= 20 else say("how_many_defined", count=len(ids))
        for where in out.reference_places(kind, value, file):
            out.add(where, say("unknown_reference", value=value, noun=say(noun), source=defined_in(source),
                               listed=listed))
    # A retired role has left the handbook: whatever still names it (RACI letters and columns, collaborators, FAQ
    # entries, certifications, cadence, staffing) must name its successor or no one. Its own file is not read.
    retired = {(file, role.slug): role for file, role in parts.roles
               if role is not None and role.status == "retired"}
    if not retired:
        return
    by_slug = {slug: (file, role) for (file, slug), role in retired.items()}
    for kind, value, file in sorted(set(out.refs)):
        record = out.files[file][0]
        if kind not in ROLE_REFERENCES or value not in by_slug or (isinstance(record, Role) and record.status ==
                                                                   "retired"):
            continue
        source, role = by_slug[value]
        for where in out.reference_places(kind, value, file):
            out.add(where, say("retired_reference", slug=value, file=source, successor=role.successor))


def _check_retired(roles: list[Role], out: Collector) -> None:
    """A retired role's URLs redirect to its successor, which must be a published role (an unknown one is an
    unknown reference)."""
    status = {role.slug: role.status for role in roles}
    named = {"draft": say("status_draft"), "retired": say("status_retired")}
    for role in roles:
        if role.status == "retired" and status.get(role.successor, "published") != "published":
            out.add(out.place(role, "successor"), say("successor_not_published", successor=role.successor,
                                                      status=named[status[role.successor]]))


def _check_role_files(roles: list[tuple[str, Role | None]], out: Collector) -> None:
    for file, role in roles:
        stem = PurePosixPath(file).stem
        if role is not None and stem != role.slug:
            out.problems.append(replace(out.place(role, "slug"), rank=CAUSE,
                                        message=say("slug_not_file_name", stem=stem, slug=role.slug)))


def _check_levels(catalogue: Any, out: Collector) -> None:
    defined = sorted(level.level for level in catalogue.levels)
    if defined != [1, 2, 3, 4]:
        out.add(out.place(catalogue, "levels"), say("skill_levels_incomplete", got="、".join(map(str, defined))))


def _check_faq_ids(catalogue: Any, roles: list[Role], out: Collector) -> None:
    entries = [*(catalogue.entries if catalogue else ()), *(entry for role in roles for entry in role.faq)]
    out.unique(entries, "id")
    for entry in catalogue.entries if catalogue else ():
        if entry.group is None:
            out.add(out.place(entry), say("faq_group_missing", id=entry.id))


def _check_slugs(roles: list[Role], out: Collector) -> None:
    """Current and former slugs share one URL space: each may be used once."""
    current = {role.slug for role in roles}
    owners: dict[str, Role] = {}
    for role in roles:
        for former in role.former_slugs:
            if former in current:
                out.add(out.place(role, "former_slugs"), say("former_slug_is_current", former=former))
            elif former in owners:
                out.add(out.place(role, "former_slugs"),
                        say("former_slug_taken", former=former, owner=owners[former].slug))
            owners[former] = role


def _check_raci(activity: RaciActivity, drafts: dict[str, Role], out: Collector) -> None:
    # The published matrix: a draft's letters are not in it yet (they count once it is published).
    raci = {slug: letter for slug, letter in activity.raci.items() if slug not in drafts}
    counts = Counter(raci.values())  # only R, A, C and I: the model allows no other letter
    if counts["A"] != 1:
        names = [slug for slug, letter in raci.items() if letter == "A"]
        out.add(out.place(activity, "raci"), say("raci_many_accountable", count=len(names), names="、".join(names))
                if names else _draft_only(activity, "A") or say("raci_no_accountable"))
    if counts["R"] < 1:
        out.add(out.place(activity, "raci"), _draft_only(activity, "R") or say("raci_no_responsible"))


def _draft_only(activity: RaciActivity, letter: str) -> str | None:
    """Why a letter is missing when only a draft holds it (called only then: the published ones lack it)."""
    slug = next((slug for slug, each in activity.raci.items() if each == letter), None)
    return None if slug is None else say("raci_draft_letter_only", slug=slug, letter=letter)


def _check_every_role_acts(activities: tuple[RaciActivity, ...], roles: list[Role], drafts: dict[str, Role],
                           catalogue: Any, out: Collector) -> None:
    acting = {slug for activity in activities for slug, letter in activity.raci.items() if letter in "RA"}
    for role in roles:
        if role.slug in drafts and role.slug not in acting:
            out.todo(out.place(catalogue, "activities"), role.slug, say("draft_acts_nowhere", slug=role.slug))
        elif role.slug not in acting:
            out.add(out.place(catalogue, "activities"), say("role_acts_nowhere", slug=role.slug))


def _check_columns(catalogue: Any, roles: list[Role], drafts: dict[str, Role], out: Collector) -> None:
    """Parties are named apart from roles; ``columns``, when given, orders every published role and party exactly
    once (a draft may be listed already; until it is, that is on its to-do list)."""
    slugs = {role.slug for role in roles} | set(drafts)
    for party in catalogue.parties:
        if party.id in slugs:
            out.add(out.place(party, "id"), say("party_is_role", id=party.id))
    if not catalogue.columns:
        return
    members = [role.slug for role in roles] + [party.id for party in catalogue.parties]
    for member, count in Counter(catalogue.columns).items():
        if count > 1:
            out.add(out.place(catalogue, "columns"), say("column_repeated", member=member, count=count))
    listed = set(catalogue.columns)
    missing = [member for member in members if member not in listed]
    if missing:
        out.add(out.place(catalogue, "columns"), say("columns_missing", missing="、".join(missing)))
    for slug in drafts:
        if slug not in listed:
            out.todo(out.place(catalogue, "columns"), slug, say("draft_not_in_columns", slug=slug))


def _check_glossary(glossary: Glossary, out: Collector) -> None:
    """Terms have their own ids (anchors), but two spellings of one term would still read as one to a reader."""
    folded: dict[str, Any] = {}
    for term in glossary.terms:
        key = "-".join(re.findall(r"\w+", term.term.casefold()))
        other = folded.get(key)
        if other is not None and other.term != term.term:
            first = out.place(other, "term")
            out.add(out.place(term, "term"), say("term_variant", term=term.term, other=other.term, line=first.line))
        folded.setdefault(key, term)


def _check_practice(parts: Parts, roles: list[Role], drafts: dict[str, Role], all_roles_loaded: bool,
                    out: Collector) -> None:
    """Every role has its cadence and its staffing by company size, and what a role is said to do in a meeting
    or a practice matches its letters in the RACI matrix (for a draft: its to-do list)."""
    cadence, operations, settings, activities = parts.cadence, parts.operations, parts.settings, parts.activities
    letters = ({activity.id: activity.raci for activity in activities.activities} if activities else None)
    if cadence is not None:
        for slug, role_cadence in cadence.roles.items():
            _check_role_cadence(slug, role_cadence, letters, out, _reporter(out, drafts, slug))
    if operations is not None and letters is not None:
        for practice in operations.practices:
            _check_duties(practice, letters, out, drafts)
    if settings is not None:
        sizes = [size.id for size in settings.company_sizes]
        for slug, by_size in settings.roles_by_size.items():
            missing = [size for size in sizes if size not in by_size]
            if missing:
                _reporter(out, drafts, slug)(out.place(settings, "roles_by_size"), say(
                    "sizes_missing", slug=slug, sizes="、".join(sizes), missing="、".join(missing)))
    if all_roles_loaded:  # a role that failed to load would be reported missing here for nothing
        for role in roles:
            report = _reporter(out, drafts, role.slug)
            if cadence is not None and role.slug not in cadence.roles:
                report(out.place(role, "slug"), say("no_cadence", slug=role.slug))
            if settings is not None and role.slug not in settings.roles_by_size:
                report(out.place(role, "slug"), say("no_staffing", slug=role.slug))


def _check_role_cadence(slug: str, cadence: Any, letters: dict[str, dict[str, str]] | None, out: Collector,
                        report: Callable[[Any, str], None]) -> None:
    iteration = cadence.iteration
    if iteration is not None and iteration.usual in iteration.variants:
        out.add(out.place(iteration, "variants"), say("usual_in_variants", usual=iteration.usual))
    if letters is None:
        return
    for item in cadence.rhythm:
        if item.activity is None or item.activity not in letters:
            continue  # an unknown activity is reported as an unknown reference
        if slug not in letters[item.activity]:
            report(out.place(item, "activity"), say("rhythm_activity_no_letter", slug=slug, activity=item.activity))


def _check_duties(practice: Any, letters: dict[str, dict[str, str]], out: Collector, drafts: dict[str, Role]) -> None:
    named = [activity for activity in practice.activities if activity in letters]
    if len(named) != len(practice.activities):
        return  # unknown activities are reported as unknown references
    for slug in practice.duties:
        if not any(slug in letters[activity] for activity in named):
            _reporter(out, drafts, slug)(out.place(practice, "duties"),
                                         say("duty_without_letter", slug=slug, activities="、".join(named)))
