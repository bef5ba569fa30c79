"""Link previews and structured data: meta descriptions, schema.org JSON-LD, "edit this page" links.

The page template (``overrides/main.html``) prints what these functions put on the page's ``meta``.
"""

from __future__ import annotations

import posixpath
from typing import Any

from markupsafe import Markup, escape

from ..data.models import FaqEntry, Handbook, Role
from .render import json_for_script
from .urls import canonical_url


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


def describe_role_page(page: Any, conf: Any, handbook: Handbook, role: Role) -> None:
    """Meta description, JSON-LD and an edit link to the role's YAML (its content), not to the stub."""
    # Material prints the description unescaped into an attribute: hand it over escaped.
    page.meta.setdefault("description", escape(role.summary))
    page.meta["json_ld"] = json_for_script(occupation(handbook, role, canonical_url(conf, page.file.src_uri)))
    edit_base = (conf.get("extra") or {}).get("data_edit_uri")
    if conf.get("repo_url") and edit_base:
        page.edit_url = posixpath.join(conf["repo_url"].rstrip("/"), edit_base.strip("/"),
                                       handbook.role_sources[role.slug])


def describe_track_page(page: Any, track: Any) -> None:
    """A track page is described by its track (escaped: Material prints it unescaped)."""
    page.meta.setdefault("description", escape(track.description))


def describe_faq_page(page: Any, handbook: Handbook) -> None:
    """The FAQ page carries every question as a schema.org FAQPage."""
    page.meta["json_ld"] = json_for_script(faq_page_data(handbook.all_faq))


# Front matter keys Material prints into the page head without escaping (title, description, author).
_PRINTED_RAW = ("title", "description", "author")


def make_meta_inert(page: Any) -> None:
    """Escape, once, every front matter string the theme prints raw, and drop structured data the handbook did
    not make: a page's front matter can then never put markup into ``<head>``.

    Escaped text is :class:`~markupsafe.Markup`, so escaping it again (``| e`` in a template) changes nothing;
    JSON-LD is kept only as :func:`~macros.render.json_for_script` made it (Markup too)."""
    meta = page.meta
    for key in _PRINTED_RAW:
        if key in meta and meta[key] is not None:
            meta[key] = escape(meta[key] if isinstance(meta[key], str) else str(meta[key]))
    if "json_ld" in meta and not isinstance(meta["json_ld"], Markup):
        del meta["json_ld"]
