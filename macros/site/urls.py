"""Every path, URL and anchor the site publishes, in one place: pages, the role pages' sources and sections,
the URLs MkDocs gives them, canonical URLs, and a :class:`Linker` for templates.

HR link role pages and their sections from job postings: what this module produces must never change for a
published page (``data/url-contract.txt`` and ``check`` hold it to that).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from ..data.models import RESERVED_ROLE_SLUGS, ROLE_PRACTICE_ANCHORS, ROLE_SECTION_ANCHORS, Handbook, Role
from ..data.practice import (CompanySize, DeliverySetting, Event, GoalTopic, Iteration, Practice, ReleasePattern,
                             ToolCategory)

DOCS_DIR = "handbook"  # MkDocs' docs_dir
ROLES_DIR = "roles"  # role pages, under DOCS_DIR: one stub per role
ROLE_SECTIONS = ROLE_SECTION_ANCHORS  # anchors of every role page: overview, responsibilities, ...
RESERVED_SLUGS = RESERVED_ROLE_SLUGS  # names under roles/ that no role takes (index: the page of all roles)

# Source paths (under DOCS_DIR) of the pages made from the data.
HOME, ROLES_INDEX, RACI, RACI_PHASES = "index.md", "roles/index.md", "raci/index.md", "raci/phases.md"
CAREER, SKILLS, FAQ, GLOSSARY = "career/index.md", "skills.md", "faq.md", "glossary.md"
# How the work runs: four pages under work/, each record of theirs at an anchor made of a prefix and its id.
CADENCE, OPERATIONS = "work/cadence.md", "work/release-incident.md"
TOOLS, COMPANY_SIZE = "work/tools.md", "work/company-size.md"
INCIDENT_LEVELS = "incident-levels"  # the example scale on OPERATIONS
PRACTICE_ANCHOR_PREFIX: dict[type, str] = {
    Iteration: "iteration-", ReleasePattern: "release-", Event: "event-",  # on CADENCE
    Practice: "practice-",  # on OPERATIONS
    ToolCategory: "tools-",  # on TOOLS
    CompanySize: "size-", DeliverySetting: "delivery-", GoalTopic: "goal-",  # on COMPANY_SIZE
}


def practice_anchor(record: Any) -> str:
    """The anchor of a record on its practice page, e.g. ``event-weekly-meeting``."""
    return PRACTICE_ANCHOR_PREFIX[type(record)] + record.id


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
    """

    page_src: str
    use_directory_urls: bool = True

    def md(self, target_src: str, anchor: str = "") -> Markup:
        here = posixpath.dirname(self.page_src) or "."
        link = _relpath(target_src, here)
        return Markup(f"{link}#{anchor}" if anchor else link)  # built from validated slugs and ids only

    def url(self, target_src: str, anchor: str = "") -> Markup:
        link = _relpath(page_url(target_src, self.use_directory_urls) or ".",
                        posixpath.dirname(page_url(self.page_src, self.use_directory_urls)) or ".")
        if self.use_directory_urls and not link.endswith("/") and not link.endswith(".html"):
            link += "/"
        return Markup(f"{link}#{anchor}" if anchor else link)

    def role(self, slug: str, anchor: str = "") -> Markup:
        """A Markdown link to a role's page (or one of its sections)."""
        return self.md(role_src(slug), anchor)

    def role_url(self, slug: str, anchor: str = "") -> Markup:
        """The URL of a role's page for raw HTML."""
        return self.url(role_src(slug), anchor)


@lru_cache(maxsize=None)
def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath``, remembered: pages link to the same targets over and over (performance)."""
    return posixpath.relpath(target, start)
