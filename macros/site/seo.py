"""Link previews and structured data: meta descriptions, schema.org JSON-LD, "edit this page" links.

The page template (``overrides/main.html``) prints what these functions put on the page's ``meta``.
"""

from __future__ import annotations

import posixpath
from typing import Any

from markupsafe import escape

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
             "description": f"{item.level} {handbook.level_by_number[item.level].name}"}
            for item in role.skills
        ],
        "qualifications": [
            {"@type": "EducationalOccupationalCredential", "name": cert.name, "description": cert.full_name,
             "credentialCategory": "certification"}
            for cert in handbook.certifications_for(role)
        ],
        "experienceRequirements": "、".join(handbook.stage_by_id[stage].name for stage in role.stages),
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


def describe_faq_page(page: Any, handbook: Handbook) -> None:
    """The FAQ page carries every question as a schema.org FAQPage."""
    page.meta["json_ld"] = json_for_script(faq_page_data(handbook.all_faq))
