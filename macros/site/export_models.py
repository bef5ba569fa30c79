"""The export's documents (``api/*.json``) as typed models, and their JSON Schemas generated from them.

The committed schemas under ``macros/site/api_schema/`` (published beside the documents) are the output of
:func:`write_api_schemas` (``make schemas``); a test fails when they differ from what these models generate, and
every built document is validated against both. A field added to a document without its model, or to a role's
data without a place in the export (or a reason in ``ROLE_FIELDS_NOT_EXPORTED``), fails a test.

Versions: a document's minor version grows when fields are added; fields are never removed or renamed within a
major version (the schema's ``version`` pattern accepts any minor version of the major one).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.json_schema import GenerateJsonSchema

from ..data.files import make_folder, write_file
from ..data.models import ROLE_PRACTICE_ANCHORS, ROLE_SECTION_ANCHORS, SLUG_RE

# roles.json 2.0: `stages` became `career` (a track and levels of it), and a skill's `level` is now the level at
# the highest level the role spans, with `levels` giving it per level. 2.1: cadence, operations and company_size
# per role, and their sections among the anchors. 2.2: each role's collaborators (read by the comparison page) and
# its job postings (api/jd/). 2.3: each role's questions and answers (faq).
ROLES_VERSION = "2.3"
RACI_VERSION = "1.2"  # 1.1: RACI parties, column order, the A and its reason. 1.2: who decides without the A
CAREER_VERSION = "1.0"
CHANGES_VERSION = "1.0"
API_SCHEMA_DIR = Path(__file__).parent / "api_schema"  # what the build publishes
API_SCHEMA_FOLDER = Path("macros", "site", "api_schema")  # the same, from the project's root: `make schemas`

# What a role's data holds that roles.json leaves out, and why: every other field of macros.data.models.Role is
# exported (tests/test_export.py), under its own name or the one in ROLE_FIELDS_RENAMED.
ROLE_FIELDS_NOT_EXPORTED = {
    "status": "only published roles are exported: a draft is not public, a retired role is a redirect",
    "successor": "a retired role's former URL redirects to its successor's page (redirects, not roles.json)",
}
ROLE_FIELDS_RENAMED = {"collaborates_with": "collaborators", "former_slugs": "former_urls"}

Slug = Annotated[str, Field(pattern=SLUG_RE)]
Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(pattern=r"^https?://")]
Letter = Literal["R", "A", "C", "I"]
Proficiency = Annotated[int, Field(ge=1, le=4)]
# A mapping from ids: JSON Schema gives the ids' pattern (patternProperties), and no other key is allowed.
ById = Field(json_schema_extra={"additionalProperties": False})


def _version(current: str) -> Any:
    major = current.split(".", 1)[0]
    policy = f"{major}.x: fields are only added, never removed or renamed; this build writes {current}"
    return Annotated[str, Field(pattern=rf"^{major}\.[0-9]+$", description=policy)]


class Exported(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Document(Exported):
    schema_: str = Field(alias="$schema", description="The schema beside the document (./<name>.schema.json)")


# --- roles.json ------------------------------------------------------------------------------------------------

class Family(Exported):
    id: Slug
    name: Text


class RoleResponsibility(Exported):
    id: Slug
    url: Url
    title: Text
    description: Text
    duties: Annotated[list[Text], Field(min_length=3)]


class RoleSkill(Exported):
    id: Slug
    name: Text
    level: Annotated[Proficiency, Field(description="Expected proficiency at the highest career level the role spans")]
    level_name: Text
    levels: Annotated[dict[Slug, Proficiency], ById, Field(description="Career level id -> expected proficiency")]


class Named(Exported):
    """A record with its page: a track, or a level of it."""

    id: Slug
    name: Text
    url: Url


class RoleCareerPlace(Exported):
    """The career track the role belongs to and the levels of it the role spans, lowest first."""

    track: Named
    levels: Annotated[list[Named], Field(min_length=1)]


class Collaborator(Exported):
    role: Slug
    how: Text


class JobPostings(Exported):
    """The role's job postings, one per level of its track, as plain text and Markdown."""

    txt: Url
    md: Url


class RoleQuestion(Exported):
    """A question the role page answers (its anchor is permanent), as the FAQ page shows it."""

    id: Slug
    url: Url
    question: Text
    answer: Annotated[Text, Field(description="Markdown, as written in the role's data")]


class Iteration(Exported):
    usual: Slug
    variants: list[Slug]
    note: Text | None


class Release(Exported):
    patterns: Annotated[list[Slug], Field(min_length=1)]
    note: Text | None


class RhythmItem(Exported):
    event: Slug
    name: Text
    url: Url
    frequency: Text
    part: Text
    activity: Slug | None
    letter: Letter | None


class WeekItem(Exported):
    when: Text
    what: Text


class Cadence(Exported):
    iteration: Iteration | None
    release: Release | None
    rhythm: Annotated[list[RhythmItem], Field(min_length=1)]
    typical_week: Annotated[list[WeekItem], Field(min_length=5)]


class ActivityLetter(Exported):
    id: Slug
    letter: Letter


class OperationsDuty(Exported):
    practice: Slug
    name: Text
    url: Url
    duty: Text
    activities: list[ActivityLetter]


class SizeStaffing(Exported):
    size: Slug
    name: Text
    staffing: Literal["dedicated", "shared"]
    note: Text


# Every role page's sections, and those on how its work runs; #operations only where the role has release or
# incident duties (macros.site.urls.role_practice_sections), so not required.
_PROMISED = tuple(anchor for anchor in (*ROLE_SECTION_ANCHORS, *ROLE_PRACTICE_ANCHORS) if anchor != "operations")


class _MoreAnchors(Exported):
    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, Url]


RoleAnchors = create_model(
    "RoleAnchors",
    __base__=_MoreAnchors,
    __doc__="URL of each section of the role page: its fixed sections, and #operations where the role has release "
            "or incident duties.",
    **{anchor.replace("-", "_"): (Url, Field(alias=anchor)) for anchor in _PROMISED},
)


class RoleRecord(Exported):
    slug: Annotated[Slug, Field(description="The role's URL name: its page is /roles/<slug>/")]
    url: Annotated[Url, Field(description="Canonical URL of the role page")]
    anchors: RoleAnchors
    former_urls: Annotated[list[Url], Field(description="Old URLs of this role; they redirect to url")]
    name: Text
    name_en: Text
    family: Family
    aliases: list[Text]
    summary: Text
    mission: Text
    responsibilities: Annotated[list[RoleResponsibility], Field(min_length=2)]
    skills: Annotated[list[RoleSkill], Field(min_length=1)]
    career: RoleCareerPlace
    certifications: Annotated[list[Slug], Field(description="Certifications that help in this role (career.json)")]
    collaborators: Annotated[list[Collaborator], Field(description="Published roles this role works with, and how")]
    jd: JobPostings
    faq: Annotated[list[RoleQuestion], Field(min_length=2)]
    owner: Text
    last_reviewed: date
    cadence: Cadence
    operations: Annotated[list[OperationsDuty], Field(description="Release and incident practices with a duty")]
    company_size: Annotated[list[SizeStaffing], Field(min_length=1)]


class RolesDocument(Document):
    """Every published role of the handbook with its public URLs."""

    model_config = ConfigDict(title="项目管理手册 · roles.json")
    version: _version(ROLES_VERSION)
    roles: list[RoleRecord]


# --- raci.json -------------------------------------------------------------------------------------------------

class LetterMeaning(Exported):
    letter: Letter
    name: Text
    name_en: Text
    meaning: Text


class Phase(Exported):
    id: Slug
    name: Text
    name_en: Text


class RaciRole(Exported):
    slug: Slug
    name: Text


class Party(Exported):
    """A RACI member that is not a role of the handbook (the sponsor, the development team …)."""

    id: Slug
    name: Text
    name_en: Text
    description: Text


class Column(Exported):
    id: Slug
    name: Text
    kind: Literal["role", "party"]


class Fallback(Exported):
    """Who decides where the A's post does not exist (a role most companies do not staff on its own)."""

    holder: Annotated[Slug, Field(description="The role or party that decides then; it has a letter in raci")]
    note: Text


class Activity(Exported):
    id: Slug
    name: Text
    phase: Slug
    description: Text
    url: Url
    raci: Annotated[dict[Slug, Letter], ById,
                    Field(description="Role slug or party id -> letter; one A, at least one R")]
    accountable: Annotated[Slug, Field(description="The one role or party that is A")]
    reason: Annotated[Text, Field(description="Why that role or party is accountable")]
    fallback: Fallback | None


class RaciDocument(Document):
    """The RACI matrix: who is Responsible, Accountable, Consulted and Informed for each activity."""

    model_config = ConfigDict(title="项目管理手册 · raci.json")
    version: _version(RACI_VERSION)
    letters: Annotated[list[LetterMeaning], Field(min_length=4, max_length=4)]
    phases: list[Phase]
    roles: list[RaciRole]
    parties: list[Party]
    columns: Annotated[list[Column], Field(description="The matrix's columns in order: the roles, then the parties")]
    activities: list[Activity]


# --- career.json -----------------------------------------------------------------------------------------------

class TrackLevel(Exported):
    id: Annotated[Slug, Field(description="Anchor of the level on the track page")]
    url: Url
    name: Text
    name_en: Text
    experience: Text
    scope: Text
    expectations: Annotated[list[Text], Field(min_length=1)]
    changes: Annotated[Text, Field(description="What changes from the level below")]
    roles: Annotated[list[Slug], Field(description="Roles spanning this level")]


class RaisedSkill(Exported):
    """A skill whose expected proficiency rises from one level to the next, for a role spanning both."""

    role: Slug
    skill: Slug
    from_: Proficiency = Field(alias="from")
    to: Proficiency


class Comparison(Exported):
    """Two adjacent levels of a track."""

    from_: Slug = Field(alias="from")
    to: Slug
    url: Url
    raised: list[RaisedSkill]


class Track(Exported):
    id: Annotated[Slug, Field(description="The track page is /career/<id>/")]
    name: Text
    name_en: Text
    url: Url
    description: Text
    levels: Annotated[list[TrackLevel], Field(min_length=1, description="Lowest level first")]
    comparisons: list[Comparison]


class Place(Exported):
    """A level of a track."""

    track: Slug
    level: Slug


class Join(Exported):
    from_: Place = Field(alias="from")
    to: Place
    note: Text


class SkillLevels(Exported):
    id: Slug
    levels: Annotated[dict[Slug, Proficiency], ById, Field(description="Level id -> expected proficiency")]


class CareerRole(Exported):
    slug: Slug
    track: Slug
    levels: Annotated[list[Slug], Field(min_length=1, description="Lowest first")]
    skills: list[SkillLevels]


class Certification(Exported):
    id: Slug
    name: Text
    url: Url
    levels: list[Place]
    roles: list[Slug]


class CareerDocument(Document):
    """The career tracks: each track's levels and the comparison of adjacent levels, the joins between tracks,
    every role's expected skill levels per level, and the levels where each certification matters."""

    model_config = ConfigDict(title="项目管理手册 · career.json")
    version: _version(CAREER_VERSION)
    tracks: Annotated[list[Track], Field(min_length=1)]
    joins: list[Join]
    roles: list[CareerRole]
    certifications: list[Certification]


# --- changes.json ----------------------------------------------------------------------------------------------

class ChangeItem(Exported):
    kind: Literal["added", "changed", "removed"]
    field: Annotated[str, Field(description="Where in the role's YAML, as a dotted path of keys and ids "
                                            "(responsibilities.<area>.duties); empty for a role's first version")]
    text: Annotated[Text, Field(description="The change in Chinese words, as the role page shows it")]
    before: Annotated[Any, Field(description="The value before, where it is one short value, else null")]
    after: Annotated[Any, Field(description="The value after, likewise")]


class ChangeEntry(Exported):
    """One commit's changes to one role."""

    id: Annotated[str, Field(pattern="^urn:uuid:", description="Never changes, also after a rename; the Atom id")]
    role: Annotated[Slug, Field(description="The role's slug today")]
    name: Annotated[Text, Field(description="The role's name today")]
    url: Annotated[str, Field(pattern=r"^https?://.*#changes$", description="The role page's 变更记录")]
    date: Annotated[date, Field(description="The day the commit landed, in the commit's time zone")]
    time: Annotated[datetime, Field(description="When the commit landed (committer date, with its offset)")]
    commit: Annotated[str, Field(pattern="^[0-9a-f]{40,64}$")]
    file: Annotated[str, Field(description="The role's file at that commit (a former slug before a rename)")]
    items: Annotated[list[ChangeItem], Field(min_length=1)]


class ChangesDocument(Document):
    """Every published role's changes, newest first, from the repository's history of data/roles/<slug>.yaml
    (written only by a build that has the history; the same entries as the Atom feeds)."""

    model_config = ConfigDict(title="项目管理手册 · changes.json")
    version: _version(CHANGES_VERSION)
    changes: list[ChangeEntry]


DOCUMENTS: dict[str, type[Document]] = {
    "roles": RolesDocument, "raci": RaciDocument, "career": CareerDocument, "changes": ChangesDocument,
}


class _SchemaWithoutFieldTitles(GenerateJsonSchema):
    """A field's title would only repeat its name (``"title": "Name"``): left out; a model keeps its title."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


@cache
def render_api_schemas() -> dict[str, str]:
    """File name -> JSON text of each document's schema (draft 2020-12, as pydantic describes the model)."""
    return {f"{name}.schema.json": json.dumps(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json",
         **model.model_json_schema(schema_generator=_SchemaWithoutFieldTitles)},
        ensure_ascii=False, indent=2) + "\n" for name, model in DOCUMENTS.items()}


def write_api_schemas(root: Path) -> list[Path]:
    """Write the schemas under ``<root>/macros/site/api_schema``; return the files that changed."""
    folder = root / API_SCHEMA_FOLDER
    make_folder(root, folder)
    changed = []
    for name, text in render_api_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_file(root, path, text)  # never through a link, never outside the project
            changed.append(path)
    return changed
