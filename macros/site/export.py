"""The machine-readable export (``api/``) and the redirects of former role URLs, written into a built site.

``api/roles.json``, ``api/raci.json`` and ``api/career.json`` follow the JSON Schemas in
``macros/site/api_schema/`` (published beside them, generated from :mod:`.export_models`); ``api/raci.csv`` is
UTF-8 with a BOM so Excel opens the Chinese text correctly.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..data.files import write_file
from ..data.models import Handbook, Role
from . import later, urls
from . import practice_views as views
from .career import Careers
from .changes import write_changes
from .export_models import API_SCHEMA_DIR, CAREER_VERSION, RACI_VERSION, ROLES_VERSION
from .jd import JD_DIR, JD_FORMATS, write_jd_files
from .raci import LETTERS, RaciMatrix
from .render import render_html
from .urls import CAREER as OVERVIEW_SRC
from .urls import canonical_url, page_url, role_src, track_src


def role_record(handbook: Handbook, role: Role, conf: Any) -> dict[str, Any]:
    """One role of ``api/roles.json``."""
    url = canonical_url(conf, role_src(role.slug))
    return {
        "slug": role.slug,
        "url": url,
        "anchors": {anchor: f"{url}#{anchor}"
                    for anchor in (*urls.ROLE_SECTIONS, *urls.role_practice_sections(handbook, role))},
        "former_urls": [canonical_url(conf, role_src(slug)) for slug in role.former_slugs],
        "name": role.name,
        "name_en": role.name_en,
        "family": {"id": role.family, "name": handbook.family_by_id[role.family].name},
        "aliases": list(role.aliases),
        "summary": role.summary,
        "mission": role.mission,
        "responsibilities": [
            {"id": area.id, "url": f"{url}#{area.id}", "title": area.title, "description": area.description,
             "duties": list(area.duties)}
            for area in role.responsibilities
        ],
        "skills": [
            {"id": item.skill, "name": handbook.skill_by_id[item.skill].name, "level": item.at(role.highest_level),
             "level_name": handbook.level_by_number[item.at(role.highest_level)].name,
             "levels": {level: item.at(level) for level in role.career.levels}}
            for item in role.skills
        ],
        "career": _role_career(handbook, role, conf),
        "certifications": [cert.id for cert in handbook.certifications_for(role)],
        "collaborators": [{"role": item.role, "how": item.how} for item in role.collaborates_with
                          if item.role in handbook.role_by_slug],
        "jd": {extension: f"{canonical_url(conf, urls.HOME)}api/{JD_DIR}/{role.slug}.{extension}"
               for extension in JD_FORMATS},
        "faq": [{"id": entry.id, "url": f"{canonical_url(conf, urls.FAQ)}#{entry.id}", "question": entry.question,
                 "answer": entry.answer} for entry in role.faq],
        "owner": role.owner,
        "last_reviewed": role.last_reviewed.isoformat(),
        **practice_record(handbook, role, url, conf),
    }


def practice_record(handbook: Handbook, role: Role, url: str, conf: Any) -> dict[str, Any]:
    """How the role's work runs: cadence, release and incident duties, staffing by company size."""
    view = views.role_practice(handbook, role)
    cadence = view.cadence
    cadence_url = canonical_url(conf, urls.CADENCE)
    operations_url = canonical_url(conf, urls.OPERATIONS)
    return {
        "cadence": {
            "iteration": None if cadence.usual is None else {
                "usual": cadence.usual.id, "variants": [item.id for item in cadence.variants],
                "note": cadence.iteration_note},
            "release": {"patterns": [item.id for item in cadence.releases], "note": cadence.release_note}
            if cadence.releases else None,
            "rhythm": [
                {"event": row.event.id, "name": row.event.name, "url": f"{cadence_url}#{urls.record_anchor(row.event)}",
                 "frequency": row.item.frequency, "part": row.item.part,
                 "activity": row.activity.activity.id if row.activity else None,
                 "letter": row.activity.letter if row.activity else None}
                for row in cadence.rhythm
            ],
            "typical_week": [{"when": item.when, "what": item.what} for item in cadence.week],
        },
        "operations": [
            {"practice": row.practice.id, "name": row.practice.name,
             "url": f"{operations_url}#{urls.record_anchor(row.practice)}", "duty": row.duty,
             "activities": [{"id": item.activity.id, "letter": item.letter} for item in row.activities]}
            for row in view.duties
        ],
        "company_size": [
            {"size": row.size.id, "name": row.size.name, "staffing": row.staffing.staffing, "note": row.staffing.note}
            for row in view.sizes
        ],
    }


def _role_career(handbook: Handbook, role: Role, conf: Any) -> dict[str, Any]:
    track = handbook.track_by_id[role.career.track]
    url = canonical_url(conf, track_src(track.id))
    return {
        "track": {"id": track.id, "name": track.name, "url": url},
        "levels": [{"id": level.id, "name": level.name, "url": f"{url}#{level.id}"}
                   for level in handbook.levels_of(role)],
    }


def roles_document(handbook: Handbook, conf: Any) -> dict[str, Any]:
    """The whole ``api/roles.json``."""
    return {
        "$schema": "./roles.schema.json",
        "version": ROLES_VERSION,
        "roles": [role_record(handbook, role, conf) for role in handbook.roles],
    }


def raci_document(handbook: Handbook, conf: Any) -> dict[str, Any]:
    """The whole ``api/raci.json``."""
    raci_url = canonical_url(conf, urls.RACI)
    matrix = RaciMatrix.of(handbook)
    return {
        "$schema": "./raci.schema.json",
        "version": RACI_VERSION,
        "letters": [{"letter": m.letter, "name": m.name, "name_en": m.name_en, "meaning": m.meaning}
                    for m in LETTERS],
        "phases": [{"id": p.id, "name": p.name, "name_en": p.name_en} for p in handbook.activities.phases],
        "roles": [{"slug": r.slug, "name": r.name} for r in handbook.roles],
        "parties": [{"id": p.id, "name": p.name, "name_en": p.name_en, "description": p.description}
                    for p in handbook.activities.parties],
        "columns": [{"id": m.id, "name": m.name, "kind": "role" if m.is_role else "party"}
                    for m in matrix.members],
        "activities": [
            {"id": a.id, "name": a.name, "phase": a.phase, "description": a.description,
             "url": f"{raci_url}#{urls.record_anchor(a)}",
             "raci": {member: letter for member, letter in a.raci.items() if member in matrix.member_by_id},
             "accountable": matrix.accountable(a).id, "reason": a.reason,
             "fallback": {"holder": a.fallback.holder, "note": a.fallback.note}
             if a.fallback is not None and a.fallback.holder in matrix.member_by_id else None}
            for a in handbook.activities.activities
        ],
    }


def career_document(handbook: Handbook, conf: Any) -> dict[str, Any]:
    """The whole ``api/career.json``: tracks with their levels and comparisons, joins, each role's expected
    skill levels per level, and the levels where each certification matters."""
    careers = Careers.of(handbook)
    overview = canonical_url(conf, OVERVIEW_SRC)
    tracks = []
    for view in careers.tracks:
        url = canonical_url(conf, view.src)
        tracks.append({
            "id": view.track.id, "name": view.track.name, "name_en": view.track.name_en, "url": url,
            "description": view.track.description,
            "levels": [
                {"id": item.level.id, "url": f"{url}#{item.level.id}", "name": item.level.name,
                 "name_en": item.level.name_en, "experience": item.level.experience, "scope": item.level.scope,
                 "expectations": list(item.level.expectations), "changes": item.level.changes,
                 "roles": [entry.role.slug for entry in item.roles]}
                for item in view.levels
            ],
            "comparisons": [
                {"from": item.lower.id, "to": item.upper.id, "url": f"{url}#{item.anchor}",
                 "raised": [{"role": entry.role.slug, "skill": step.skill.id, "from": step.lower.level,
                             "to": step.upper.level} for entry in item.roles for step in entry.raises]}
                for item in view.comparisons
            ],
        })
    return {
        "$schema": "./career.schema.json",
        "version": CAREER_VERSION,
        "tracks": tracks,
        "joins": [{"from": {"track": join.source.track.id, "level": join.source.level.id},
                   "to": {"track": join.target.track.id, "level": join.target.level.id}, "note": join.note}
                  for join in careers.joins],
        "roles": [
            {"slug": role.slug, "track": role.career.track, "levels": list(role.career.levels),
             "skills": [{"id": item.skill, "levels": {level: item.at(level) for level in role.career.levels}}
                        for item in role.skills]}
            for role in handbook.roles
        ],
        "certifications": [
            {"id": cert.id, "name": cert.name, "url": f"{overview}#{urls.record_anchor(cert)}",
             "levels": [{"track": place.track.id, "level": place.level.id} for place in careers.level_names(cert)],
             "roles": [slug for slug in cert.roles if slug in handbook.role_by_slug]}
            for cert in handbook.career.certifications
        ],
    }


# What makes a spreadsheet read a cell as a formula (OWASP, CSV injection): `=HYPERLINK(...)` in an activity's
# name must open as text, not as a link to anywhere.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str) -> str:
    """A cell that a spreadsheet shows as the text it is: one that would start a formula gets a leading
    single quote (the JSON export keeps the text exactly)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def raci_csv(handbook: Handbook) -> str:
    """The RACI matrix as CSV: one row per activity, one column per member (roles, then parties), then who is
    accountable and why (Excel-friendly, BOM added on write); every cell is made inert for spreadsheets."""
    matrix = RaciMatrix.of(handbook)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = ["阶段", "活动编号", "活动", *(member.name for member in matrix.members), "最终负责", "理由"]
    rows = [header]
    for block in matrix.blocks():
        for activity in block.activities:
            rows.append([block.phase.name, activity.id, activity.name,
                         *(activity.letter_of(member.id) or "" for member in matrix.members),
                         matrix.accountable(activity).name, activity.reason])
    writer.writerows([spreadsheet_cell(str(cell)) for cell in row] for row in rows)
    return buffer.getvalue()


def write_documents(handbook: Handbook, directory: Path, conf: Any) -> list[Path]:
    """Write ``roles.json``, ``raci.json``, ``career.json`` and ``raci.csv`` into ``directory``: each made from
    every record, so written after the reload in a preview that made only some pages again (macros/site/later.py)."""
    directory.mkdir(parents=True, exist_ok=True)
    # Compact: Python's JSON encoder is in C only without `indent` (at 1,000 roles, indenting took 0.2 s).
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    files = {
        "roles.json": json.dumps(roles_document(handbook, conf), **compact) + "\n",
        "raci.json": json.dumps(raci_document(handbook, conf), **compact) + "\n",
        "career.json": json.dumps(career_document(handbook, conf), **compact) + "\n",
    }
    written = []
    # Each file whole, never through a link, never outside the folder (macros.data.files).
    for name, text in files.items():
        write_file(directory, directory / name, text)
        written.append(directory / name)
    write_file(directory, directory / "raci.csv", raci_csv(handbook), encoding="utf-8-sig")
    written.append(directory / "raci.csv")
    return written


def write_linked(handbook: Handbook, directory: Path, conf: Any) -> list[Path]:
    """The export's files pages link to (checked by the build's reference check, so written at once): each role's
    job postings (macros/site/jd.py) and the JSON Schemas."""
    directory.mkdir(parents=True, exist_ok=True)
    written = write_jd_files(handbook, directory, conf)  # api/jd/<slug>.txt and .md
    for schema in sorted(API_SCHEMA_DIR.glob("*.json")):
        write_file(directory, directory / schema.name, schema.read_bytes())
        written.append(directory / schema.name)
    return written


def write_api(handbook: Handbook, directory: Path, conf: Any) -> list[Path]:
    """The whole export into ``directory`` (``python -m macros export``): documents, job postings, schemas."""
    return write_documents(handbook, directory, conf) + write_linked(handbook, directory, conf)


def write_redirects(handbook: Handbook, site_dir: Path, conf: Any) -> list[Path]:
    """A page at every former role URL that forwards to the role, keeping the #anchor; a retired role's URLs
    (its slug and its former ones) forward to its successor."""
    written = []
    moves = [(role, role.former_slugs) for role in handbook.roles] + [
        (handbook.role_by_slug[role.successor], (role.slug, *role.former_slugs)) for role in handbook.retired]
    for role, formers in moves:
        target = canonical_url(conf, role_src(role.slug))
        for former in formers:
            path = site_dir / page_url(role_src(former), conf["use_directory_urls"])
            if conf["use_directory_urls"]:
                path = path / "index.html"
            relative = urls.Linker(role_src(former), conf["use_directory_urls"]).role_url(role.slug)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_html("redirect.html.j2", role=role, target=relative, canonical=target),
                            encoding="utf-8")
            written.append(path)
    return written


def write_site_extras(handbook: Handbook, site_dir: Path, conf: Any) -> None:
    """Everything the build adds to the site besides pages: the API export and the redirects."""
    write_linked(handbook, site_dir / "api", conf)
    later.write_or_defer(site_dir, lambda site: write_documents(handbook, site / "api", conf))
    write_changes(handbook, site_dir / "api", conf)  # the roles' 变更记录 (nothing without the git history)
    write_redirects(handbook, site_dir, conf)
