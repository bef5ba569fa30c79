"""Every path, URL and anchor the site publishes, in one place: pages, the role pages' sources and sections,
the URLs MkDocs gives them, canonical URLs, and a :class:`Linker` for templates.

HR link role pages and their sections from job postings: what this module produces must never change for a
published page (``data/url-contract.txt`` and ``check`` hold it to that).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from ..data.models import (RESERVED_ROLE_SLUGS, ROLE_CHANGES_ANCHOR, ROLE_JD_PREFIX, ROLE_PRACTICE_ANCHORS,
                           ROLE_SECTION_ANCHORS, CareerTrack, Certification, Handbook, RaciActivity, Role, Skill)
from ..data.practice import (CompanySize, DeliverySetting, Event, GoalTopic, Iteration, Practice, ReleasePattern,
                             ToolCategory)
from ..data.topics import Gate, Grade, Regulation, Section

DOCS_DIR = "handbook"  # MkDocs' docs_dir
ROLES_DIR = "roles"  # role pages, under DOCS_DIR: one stub per role
ROLE_SECTIONS = ROLE_SECTION_ANCHORS  # anchors of every role page: overview, responsibilities, ...
RESERVED_SLUGS = RESERVED_ROLE_SLUGS  # names under roles/ that no role takes (index: the page of all roles)
JD_ANCHOR = "jd"  # a role page's job-posting section (招聘文案), one of ROLE_SECTIONS; macros/site/jd.py
JD_LEVEL_PREFIX = ROLE_JD_PREFIX  # each of its levels: #jd-<level id>
# A role page's 变更记录 and the change files (macros/site/changes.py): written only where the build has the
# repository's history, so not promised in the URL contract (and reserved: no area or question takes the id).
CHANGES_ANCHOR = ROLE_CHANGES_ANCHOR
CHANGES_JSON, CHANGES_FEED = "api/changes.json", "api/changes.atom"


def role_feed(slug: str) -> str:
    """A role's own Atom feed of its changes, from the site's root: ``api/changes/<slug>.atom``."""
    return f"api/changes/{slug}.atom"


# Source paths (under DOCS_DIR) of the pages made from the data.
HOME, ROLES_INDEX, RACI, RACI_PHASES = "index.md", "roles/index.md", "raci/index.md", "raci/phases.md"
CAREER, SKILLS, FAQ, GLOSSARY = "career/index.md", "skills.md", "faq.md", "glossary.md"
# Two or three roles side by side: /compare/?roles=<slug>,<slug>[,<slug>] (macros/site/compare.py).
COMPARE, COMPARE_PARAMETER = "compare.md", "roles"
COMPARE_SECTIONS = ("overview", "skills", "raci")  # its sections, filled in by compare.js
# How the work runs: four pages under work/, each record of theirs at an anchor made of a prefix and its id.
CADENCE, OPERATIONS = "work/cadence.md", "work/release-incident.md"
TOOLS, COMPANY_SIZE = "work/tools.md", "work/company-size.md"
INCIDENT_LEVELS = "incident-levels"  # the example scale on OPERATIONS
# Self-service tools: the self-assessment page, and the files the RACI finder and the assessment read.
ASSESS = "assess.md"
RACI_JSON = "api/raci.json"
RACI_FINDER_JS, ASSESS_JS = "assets/javascripts/raci-finder.js", "assets/javascripts/assess.js"
ANCHOR_PREFIX: dict[type, str] = {
    Iteration: "iteration-", ReleasePattern: "release-", Event: "event-",  # on CADENCE
    Practice: "practice-",  # on OPERATIONS
    ToolCategory: "tools-",  # on TOOLS
    CompanySize: "size-", DeliverySetting: "delivery-", GoalTopic: "goal-",  # on COMPANY_SIZE
}


# What a new hire meets (macros/data/topics.py): four more pages under work/. A gate, a law and a grade are at an
# anchor made of a prefix and its id; a section of the estimation and AI pages at its id; and these fixed
# sections (their headings' ids) head each page.
COMPLIANCE, GRADING = "work/compliance.md", "work/grading.md"
ESTIMATION, AI = "work/estimation.md", "work/ai.md"
TOPIC_SECTIONS: dict[str, tuple[str, ...]] = {
    COMPLIANCE: ("gates", "overseas-gates", "regulations"), GRADING: ("grades", "initiation", "closure"),
    ESTIMATION: (), AI: (),
}
ANCHOR_PREFIX.update({Gate: "gate-", Regulation: "law-", Grade: "grade-", Section: ""})
# The records of the overview pages, each at its anchor on its page: activities on RACI, skills on SKILLS,
# tracks and certifications on CAREER.
ANCHOR_PREFIX.update({RaciActivity: "activity-", Skill: "skill-", CareerTrack: "track-",
                               Certification: "cert-"})


def record_anchor(record: Any) -> str:
    """The anchor of a record on the page that lists it, e.g. ``event-weekly-meeting``, ``activity-kickoff``."""
    return ANCHOR_PREFIX[type(record)] + record.id


def role_practice_sections(handbook: Handbook, role: Role) -> tuple[str, ...]:
    """The anchors of a role page's sections on how its work runs, in page order: #operations only where the
    role has release or incident duties."""
    has_duties = any(role.slug in practice.duties for practice in handbook.operations.practices)
    return tuple(anchor for anchor in ROLE_PRACTICE_ANCHORS if anchor != "operations" or has_duties)


# Career tracks: one page per track, /career/<track>/, with an anchor per level (#<level>) and per pair of
# adjacent levels (#<lower>-to-<upper>), plus these fixed sections.
TRACKS_DIR = "career"
TRACK_SECTIONS = ("roles", "comparisons", "joins")
# When the handbook had one ladder, its stages were anchors of /career/ (#stage-junior ...). That ladder is now
# this track; its levels keep those anchors on the overview page for good.
LEGACY_STAGE_TRACK = "project-management"


def track_src(track_id: str) -> str:
    """The source path of a track's page stub under ``handbook/``: ``career/<track>.md``."""
    return f"{TRACKS_DIR}/{track_id}.md"


def comparison_anchor(lower: str, upper: str) -> str:
    """Anchor of the comparison of two adjacent levels on their track page."""
    return f"{lower}-to-{upper}"


def stage_anchor(track_id: str, level_id: str) -> str | None:
    """The overview page's anchor of a level, for the levels that had one when there was one ladder."""
    return f"stage-{level_id}" if track_id == LEGACY_STAGE_TRACK else None


def role_src(slug: str) -> str:
    """The source path of a role's page stub under ``handbook/``: ``roles/<slug>.md``."""
    return f"{ROLES_DIR}/{slug}.md"


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL path (relative to the site root) MkDocs gives a page's source file."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def canonical_url(conf: Any, src: str, anchor: str = "") -> str:
    """Absolute URL of a page (and anchor), from ``site_url``."""
    url = (conf.get("site_url") or "/").rstrip("/") + "/" + page_url(src, conf["use_directory_urls"])
    return f"{url}#{anchor}" if anchor else url


@dataclass(frozen=True)
class Linker:
    """Links from the page being rendered to other pages, by their source path under ``handbook/``.

    ``md`` gives a relative ``.md`` link (MkDocs validates it and its anchor at build time) for Markdown;
    ``url`` gives the final relative URL for raw HTML, which MkDocs does not rewrite. ``role`` and
    ``role_url`` do the same for a role's page by its slug.

    ``html_from_source``: Zensical does rewrite relative URLs in raw HTML, read from the page's source file as
    Markdown links are (macros.site.engine): then ``url`` and ``file`` are relative to the source's folder.
    """

    page_src: str
    use_directory_urls: bool = True
    html_from_source: bool = False

    @property
    def final(self) -> Linker:
        """The same links as the page's URL sees them, for addresses no engine rewrites: the JSON and data-*
        attributes a script reads, <noscript>, the page's <head>."""
        return replace(self, html_from_source=False)

    def md(self, target_src: str, anchor: str = "") -> Markup:
        here = posixpath.dirname(self.page_src) or "."
        link = _relpath(target_src, here)
        return Markup(f"{link}#{anchor}" if anchor else link)  # built from validated slugs and ids only

    def _html_start(self) -> str:
        """The folder raw HTML's relative URLs start from: the page's URL, or its source under Zensical."""
        if self.html_from_source:
            return posixpath.dirname(self.page_src) or "."
        return posixpath.dirname(page_url(self.page_src, self.use_directory_urls)) or "."

    def url(self, target_src: str, anchor: str = "") -> Markup:
        link = _relpath(page_url(target_src, self.use_directory_urls) or ".", self._html_start())
        if self.use_directory_urls and not link.endswith("/") and not link.endswith(".html"):
            link += "/"
        return Markup(f"{link}#{anchor}" if anchor else link)

    def role(self, slug: str, anchor: str = "") -> Markup:
        """A Markdown link to a role's page (or one of its sections)."""
        return self.md(role_src(slug), anchor)

    def role_url(self, slug: str, anchor: str = "") -> Markup:
        """The URL of a role's page for raw HTML."""
        return self.url(role_src(slug), anchor)

    def file(self, site_path: str) -> Markup:
        """The relative URL of a file the build writes or copies (``api/raci.json``, a script under
        ``assets/``), by its path from the site's root, for raw HTML."""
        link = _relpath(site_path, self._html_start())
        if self.html_from_source and link.endswith(".md"):
            # Zensical takes a link to a .md file for a link to that page; "%2E" is the same "." to a server.
            link = link[: -len(".md")] + "%2Emd"
        return Markup(link)


@lru_cache(maxsize=None)
def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath``, remembered: pages link to the same targets over and over (performance)."""
    return posixpath.relpath(target, start)


# --- What the handbook promises (data/url-contract.txt) ------------------------------------------------------

def promised_urls(handbook: Handbook) -> list[str]:
    """Every URL (with anchor) the handbook publishes and promises never to break (data/url-contract.txt,
    macros.maintain.contract), in a stable order: the pages, their sections and the records each lists."""
    pages = (HOME, ROLES_INDEX, RACI, RACI_PHASES, CAREER, SKILLS, FAQ, GLOSSARY, COMPARE, ASSESS)
    raci, phases, career, skills = page_url(RACI), page_url(RACI_PHASES), page_url(CAREER), page_url(SKILLS)
    urls = [page_url(src) or "./" for src in pages] + ["api/roles.json", RACI_JSON, "api/raci.csv", "api/career.json"]
    for role in handbook.roles:
        base = page_url(role_src(role.slug))
        urls.append(base)
        urls += [f"{base}#{anchor}" for anchor in ROLE_SECTIONS]
        urls += [f"{base}#{area.id}" for area in role.responsibilities]
    urls += [f"{page_url(COMPARE)}#{anchor}" for anchor in COMPARE_SECTIONS]
    urls += [f"{raci}#{record_anchor(activity)}" for activity in handbook.activities.activities]
    urls += [f"{phases}#{phase.id}" for phase in handbook.activities.phases]
    for track in handbook.career.tracks:
        urls += [f"{career}#{anchor}" for level in track.levels if (anchor := stage_anchor(track.id, level.id))]
    urls += [f"{career}#{record_anchor(track)}" for track in handbook.career.tracks]
    urls += [f"{career}#{record_anchor(cert)}" for cert in handbook.career.certifications]
    for track in handbook.career.tracks:
        base = page_url(track_src(track.id))
        urls.append(base)
        urls += [f"{base}#{anchor}" for anchor in TRACK_SECTIONS]
        urls += [f"{base}#{level.id}" for level in track.levels]
        urls += [f"{base}#{comparison_anchor(lower.id, upper.id)}" for lower, upper in zip(track.levels, track.levels[1:])]
    urls += [f"{skills}#{record_anchor(skill)}" for skill in handbook.skills.skills]
    urls += [f"{page_url(FAQ)}#{entry.id}" for entry in handbook.all_faq]
    urls += [f"{page_url(GLOSSARY)}#{term.anchor}" for term in handbook.glossary.terms]
    return urls + _practice_urls(handbook)


def _practice_urls(handbook: Handbook) -> list[str]:
    """The role sections on how the work runs, the four practice pages and their anchors."""
    urls = []
    for role in handbook.roles:
        urls += [f"{page_url(role_src(role.slug))}#{anchor}" for anchor in role_practice_sections(handbook, role)]
    cadence, operations = page_url(CADENCE), page_url(OPERATIONS)
    tools, settings = page_url(TOOLS), page_url(COMPANY_SIZE)
    urls += [cadence, operations, tools, settings]
    urls += [f"{cadence}#{record_anchor(item)}" for item in (*handbook.cadence.iterations,
                                                                    *handbook.cadence.release_patterns,
                                                                    *handbook.cadence.events)]
    urls.append(f"{operations}#{INCIDENT_LEVELS}")
    urls += [f"{operations}#{record_anchor(item)}" for item in handbook.operations.practices]
    urls += [f"{tools}#{record_anchor(item)}" for item in handbook.tools.categories]
    urls += [f"{settings}#{record_anchor(item)}" for item in (*handbook.settings.company_sizes,
                                                                     *handbook.settings.delivery_settings,
                                                                     *handbook.settings.goals)]
    return urls + _topic_urls(handbook)


def _topic_urls(handbook: Handbook) -> list[str]:
    """The four pages on what a new hire meets (macros/site/topics.py), their fixed sections and their records'
    anchors; none where the handbook has no data/topics.yaml."""
    topics = handbook.topics
    if topics is None:
        return []
    records = {COMPLIANCE: (*topics.compliance.gates, *topics.compliance.regulations),
               GRADING: topics.grading.grades, ESTIMATION: topics.estimation, AI: topics.ai}
    urls = []
    for src, items in records.items():
        page = page_url(src)
        urls.append(page)
        urls += [f"{page}#{anchor}" for anchor in TOPIC_SECTIONS[src]]
        urls += [f"{page}#{record_anchor(item)}" for item in items]
    return urls
