"""Link previews and structured data: meta descriptions, schema.org JSON-LD, "edit this page" links.

Each function says what a page's head should carry as a :class:`Head`; :func:`macros.site.engine.apply_head`
puts it on the page, where the page template (``overrides/main.html``) prints it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from ..data.models import CareerTrack, FaqEntry, Handbook, Role
from .render import json_for_script


@dataclass(frozen=True)
class Head:
    """What a page's ``<head>`` and link-preview card say beyond its title; None leaves a value as it is."""

    description: str | None = None  # plain text: escaped where it is printed
    json_ld: Markup | None = None
    title_en: str | None = None  # the card's second line
    card_kicker: str | None = None  # the card's line above the title
    edit_url: str | None = None
    # (title, address) of the page's Atom feed, announced as <link rel="alternate feed"> (a role's 变更记录)
    feed: tuple[str, str] | None = None
    # Not public yet (a draft role): built for its preview, but no link-preview card, no search entry, no
    # sitemap entry, and `noindex` for search engines.
    unlisted: bool = False


# What an address may contain as it is (RFC 3986: reserved and unreserved characters, and "%" of an escape);
# anything else (quotes, <, >, spaces, non-ASCII) is percent-encoded. "'" too: it ends a quoted attribute.
_URL_SAFE = ":/?#[]@!$&()*+,;=%~"


def inert_url(url: str) -> str:
    """``url`` as a well-formed address (the same one a browser would request): it can close no attribute and
    open no tag wherever it is printed. Idempotent, so a URL already made inert stays as it is."""
    return quote(url, safe=_URL_SAFE)


def occupation(handbook: Handbook, role: Role, url: str) -> dict[str, Any]:
    """schema.org ``Occupation`` of a role."""
    family = handbook.family_by_id[role.family]
    return {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": role.name,
        "alternateName": [role.name_en, *role.aliases],
        "description": role.summary,
        "url": url,
        "occupationalCategory": f"{family.name}（{family.name_en}）",
        "responsibilities": [duty for area in role.responsibilities for duty in area.duties],
        "skills": [
            {"@type": "DefinedTerm", "name": handbook.skill_by_id[item.skill].name,
             "description": f"{item.at(role.highest_level)} {handbook.level_by_number[item.at(role.highest_level)].name}"}
            for item in role.skills
        ],
        "qualifications": [
            {"@type": "EducationalOccupationalCredential", "name": cert.name, "description": cert.full_name,
             "credentialCategory": "certification"}
            for cert in handbook.certifications_for(role)
        ],
        "experienceRequirements": "、".join(f"{level.name}（{level.experience}）" for level in handbook.levels_of(role)),
    }


def faq_page_data(entries: tuple[FaqEntry, ...]) -> dict[str, Any]:
    """schema.org ``FAQPage`` of a list of questions."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": entry.question,
             "acceptedAnswer": {"@type": "Answer", "text": entry.answer}}
            for entry in entries
        ],
    }


def role_head(handbook: Handbook, role: Role, canonical: str, repo_url: str | None,
              data_edit_uri: str | None) -> Head:
    """A role page: its summary, its Occupation, its family on the card, and an edit link to the role's YAML
    (its content), not to the stub."""
    family = handbook.family_by_id[role.family]
    edit = (posixpath.join(repo_url.rstrip("/"), data_edit_uri.strip("/"), handbook.role_sources[role.slug])
            if repo_url and data_edit_uri else None)
    if role.status == "draft":
        return Head(description=role.summary, title_en=role.name_en, edit_url=edit, unlisted=True)
    return Head(description=role.summary, json_ld=json_for_script(occupation(handbook, role, canonical)),
                title_en=role.name_en, card_kicker=f"{family.name} · {family.name_en}", edit_url=edit)


def track_head(track: CareerTrack) -> Head:
    """A track page is described by its track."""
    return Head(description=track.description, title_en=track.name_en)


def faq_head(handbook: Handbook) -> Head:
    """The FAQ page carries every question as a schema.org FAQPage."""
    return Head(json_ld=json_for_script(faq_page_data(handbook.all_faq)))
