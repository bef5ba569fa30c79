"""The handbook's records: pydantic models, immutable, one per kind of YAML record; field names are the YAML keys.

Each constraint sits beside its field in ``Annotated[...]`` (pydantic's ``Field``, :class:`Distinct` for a
list that names each thing once, :class:`Ref` for a reference that the rules resolve once every file is
read, :data:`Line` for a text shown on one line), so validation (:mod:`.read`) and the JSON Schemas
(:mod:`.schemas`) come from this one description; what a record checks of itself alone (every text visible,
wherever it is in the record, and a role's own fields) is its validators'. Models are strict: YAML's ``3``
is not the text "3", a whole number is written in decimal digits, a mapping key this model does not name is
an error, and nothing is changed after loading. The model knows nothing of YAML, Jinja or MkDocs.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any, Callable, Literal, get_origin
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, GetCoreSchemaHandler, \
    ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

from .messages import say


@dataclass(frozen=True)
class Ref:
    """A text field names a record of another kind (``role``, ``skill``, ...); the rules resolve it once every
    file is read. Validating with ``context={"refs": []}`` appends ``(kind, value)`` of each reference to the list;
    with ``context={"unknown": (kind, value)}`` that reference is refused, which tells where it was written."""

    kind: str

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        def note(value: str, info: core_schema.ValidationInfo) -> str:
            if info.context and "refs" in info.context:
                info.context["refs"].append((self.kind, value))
            elif info.context and info.context.get("unknown") == (self.kind, value):
                raise PydanticCustomError("unknown_reference", "unknown reference")
            return value

        return core_schema.with_info_after_validator_function(note, handler(source))


# Regular expression -> what it asks for, in a maintainer's words (the messages say this, not the regex).
PATTERN_HINTS: dict[str, str] = {}


def pattern(regex: str, hint: str) -> Any:
    """A text field must match ``regex``; ``hint`` describes it to a maintainer."""
    PATTERN_HINTS[regex] = hint
    return Field(pattern=regex)


# A whole number written in another notation than plain decimal digits: 0x1F, 0o17, 0b101, 017, 1_000, +3, 1:30.
_NOTATION = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)")
_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_BASES = {"x": 16, "o": 8, "b": 2}


def _written_otherwise(text: str) -> tuple[bool, int | None]:
    """Whether a text is a whole number in another notation than plain decimal, and the number it means (None
    when that is unclear: 1:30 may be a time)."""
    if not _NOTATION.fullmatch(text) or _PLAIN_DECIMAL.fullmatch(text):
        return False, None
    sign, digits = (-1 if text[0] == "-" else 1), text.lstrip("+-").replace("_", "")
    try:
        if ":" in digits:
            return True, None
        base = _BASES.get(digits[1:2].lower(), 10) if digits[:1] == "0" else 10
        return True, sign * int(digits[2:] if base != 10 else digits, base)  # 017 as written: 17
    except ValueError:  # 0x_
        return True, None


def _said(kind: str, key: str, **values: Any) -> PydanticCustomError:
    """A validation error of pydantic's type ``kind`` carrying its message, the entry ``key`` of MESSAGES."""
    return PydanticCustomError(kind, "{message}", {"message": say(key, **values)})


def between(low: int, high: int) -> Any:
    """A whole number within [low, high], reported with both bounds ("应为 1–4 的整数，实际是 7"); a number in
    another notation than plain decimal (0x3, 1_0, which YAML 1.1 reads as numbers) is refused."""
    # A short range is said as its numbers: "请改成 1、2、3 或 4".
    choices = (say("range_choices", some="、".join(map(str, range(low, high))), last=high) if high - low <= 5 else
               say("range_between", low=low, high=high))

    def check(value: Any) -> Any:
        if type(value) is int and not low <= value <= high:
            raise _said("range", "out_of_range", low=low, high=high, got=value, choices=choices)
        otherwise, number = _written_otherwise(value) if type(value) is str else (False, None)
        if otherwise:
            fix = (say("decimal_fix_number", number=number) if number is not None and low <= number <= high else
                   say("decimal_fix_digits", low=low, high=high))
            raise _said("decimal", "not_decimal", low=low, high=high, got=value, fix=fix)
        return value

    return BeforeValidator(check, json_schema_input_type=Annotated[int, Field(ge=low, le=high)])


def _iso_date(value: Any) -> Any:
    """YAML would read 2026-10-01 as a date and 2026-1-1 as text: the reader keeps both as text, and this
    accepts exactly YYYY-MM-DD."""
    if isinstance(value, str):
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return _dt.date.fromisoformat(value)
        except ValueError:
            pass
        raise _said("date_format", "date_format", got=value)
    return value


_LINE_BREAK = re.compile(r"[\n\u2028\u2029]")


def _one_line(text: str) -> str:
    found = _LINE_BREAK.search(text)
    if found:
        raise _said("line_break", "line_break", at=found.start() + 1)
    return text


# A text shown on one line (a name, a title, a short label): a line break in it is refused.
Line = Annotated[str, AfterValidator(_one_line), Field(json_schema_extra={"pattern": r"^[^\n\u2028\u2029]*$"})]


def refuse(found: list[tuple[tuple, str]]) -> None:
    """Raise what a validator found, each message at its place under the value validated (if anything)."""
    if found:
        raise ValidationError.from_exception_data("data", [InitErrorDetails(
            type=PydanticCustomError("rule", "{message}", {"message": message}), loc=loc, input=None)
            for loc, message in found])


@dataclass(frozen=True)
class Distinct:
    """Each item of a list once, as ``fold`` compares them; a repeat is reported where it was written."""

    fold: Callable[[str], str] = str

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        def once(items: tuple, info: core_schema.ValidationInfo) -> tuple:
            first: dict[str, int] = {}
            refuse([((index,), say("duplicate_item", item=item, field=info.field_name,
                                   first=first[self.fold(item)]))
                    for index, item in enumerate(items) if first.setdefault(self.fold(item), index) != index])
            return items

        return core_schema.with_info_after_validator_function(once, handler(source))


TEXT_MAX = 1000  # characters of any one text; the longest in the handbook has ~200
# Characters that show nothing: zero-width, joiners, marks and isolates of bidirectional text, the BOM.
_INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062"
              "\u2063\u2064\u3164\ufeff\uffa0")
# Characters that reorder how text is shown (a name can then read differently from what it is): never needed
# in Chinese or English text.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_VISIBLE = re.compile(f"[^\\s{_INVISIBLE}{_BIDI_CONTROLS}]")
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
_SUSPECT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}{_BIDI_CONTROLS}]")  # most texts have none


def text_problem(text: str) -> str | None:
    """Why a text cannot be shown as written, or None (regular expressions: this runs for every text)."""
    if len(text) <= TEXT_MAX and not _SUSPECT.search(text):
        return None
    if not _VISIBLE.search(text):
        return say("only_invisible")
    found = _CONTROL.search(text)
    if found:
        key = "direction_control" if found.group() in _BIDI_CONTROLS else "control_in_text"
        return say(key, code=ord(found.group()), at=found.start() + 1)
    if len(text) > TEXT_MAX:
        return say("text_too_long", limit=TEXT_MAX, count=len(text))
    return None


class Record(BaseModel):
    """A record of data/: frozen, strict, no fields beyond the declared ones, every text shown as written."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, str_min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _empty_lists(cls, data: Any) -> Any:
        """``aliases:`` with nothing after it is an empty list, as YAML writers expect."""
        if isinstance(data, dict) and None in data.values():
            fields = cls.model_fields
            return {key: () if value is None and key in fields and get_origin(fields[key].annotation) is tuple
                    else value for key, value in data.items()}
        return data

    @field_validator("*")
    @classmethod
    def _shown_as_written(cls, value: Any) -> Any:
        """Every text of every field, also inside its lists and mappings (keys too), with nothing that shows as
        nothing or garbage, of a sane length (records inside check their own): no text escapes this."""
        if type(value) is str:
            if reason := text_problem(value):
                refuse([((), reason)])
        elif type(value) in (tuple, dict):
            refuse(_texts_not_shown(value, ()))
        return value


def _texts_not_shown(value: Any, loc: tuple) -> list[tuple[tuple, str]]:
    """Where, inside lists and mappings, a text cannot be shown as written, and why."""
    found = []
    items = value.items() if type(value) is dict else enumerate(value)
    for key, item in items:
        if type(key) is str and (reason := text_problem(key)):
            found.append(((*loc, key, "[key]"), reason))
        if type(item) is str:
            if reason := text_problem(item):
                found.append(((*loc, key), reason))
        elif type(item) in (tuple, dict):
            found += _texts_not_shown(item, (*loc, key))
    return found


SLUG_RE = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
Id = Annotated[str, pattern(SLUG_RE, say("hint_slug"))]
RoleRef = Annotated[str, Ref("role"), Field(description="A role's slug (data/roles/<slug>.yaml)")]
# A RACI member: a role of this handbook or a RACI party (data/activities.yaml, parties).
MemberRef = Annotated[str, Ref("member"), Field(description="A role's slug or a RACI party's id")]
SkillRef = Annotated[str, Ref("skill"), Field(description="A skill id of data/skills.yaml")]
TrackRef = Annotated[str, Ref("track"), Field(description="A career track id of data/career.yaml (tracks)")]
Letter = Literal["R", "A", "C", "I"]
Level = Annotated[int, between(1, 4), Field(description="A proficiency level of data/skills.yaml (levels)")]
Date = Annotated[_dt.date, BeforeValidator(_iso_date, json_schema_input_type=_dt.date)]

RACI_LETTERS: tuple[Letter, ...] = ("R", "A", "C", "I")
# The sections of every role page, which are also their anchors (/roles/<slug>/#skills): HR link to them, so
# no responsibility area or FAQ entry may take one as its id. The site's URLs (site/urls.py) use this list.
ROLE_SECTION_ANCHORS = ("overview", "responsibilities", "skills", "raci", "career", "jd", "collaboration", "faq")
# Names under /roles/ that are not a role's: roles/index.md is the page of all roles (/roles/ itself). No role
# takes one as its slug or former slug (a former slug would turn /roles/ into a redirect). site/urls.py uses it.
RESERVED_ROLE_SLUGS = ("index",)
# Sections on how the role's work runs (macros/data/practice.py): #operations only where the role has release
# or incident duties, the others on every role page. Reserved like the sections above.
ROLE_PRACTICE_ANCHORS = ("cadence", "typical-week", "operations", "company-size")
# A role page's 变更记录 (macros/site/changes.py), shown where the build has the repository's history: reserved
# like the sections above, not promised (a clone without history has no such section).
ROLE_CHANGES_ANCHOR = "changes"
# A role page's job postings are at jd-<level id> (macros/site/templates/role-jd.html.j2): no area or question
# takes an id that starts so.
ROLE_JD_PREFIX = "jd-"

# --- Records -----------------------------------------------------------------------------------------------


class Family(Record):
    """A group of related roles (delivery, governance, ...), shown as an index page."""

    id: Id
    name: Line
    name_en: Line
    description: str


class DutyEntry(Record):
    """A duty written with the RACI activity it concerns (macros/data/decisions.py checks who it says decides)."""

    text: str
    activity: Annotated[str, Ref("activity"), Field(
        description="The RACI activity (data/activities.yaml) this duty concerns; a duty claiming a decision "
                    "(拍板, 批准, 决定, 主持 …) must name it, and only its A may be said to decide")] | None = None


class Duty(str):
    """A duty as the pages show it: its text, and ``activity``, the RACI activity it concerns (or None)."""

    activity: str | None

    def __new__(cls, text: str, activity: str | None = None) -> Duty:
        duty = super().__new__(cls, text)
        duty.activity = activity
        return duty


def _duty_entry(value: Any) -> Any:
    """A duty is a text, or a mapping of its text and its activity. A text is checked here, so that a problem
    with it is reported at the duty itself (``duties[0]``), as it is written."""
    if not isinstance(value, str):
        return value
    if not value:
        raise _said("empty", "empty_text")
    if reason := text_problem(value):
        raise PydanticCustomError("rule", "{message}", {"message": reason})
    return {"text": value}


def _duty(entry: DutyEntry) -> Duty:
    return Duty(entry.text, entry.activity)


DutyItem = Annotated[DutyEntry, BeforeValidator(_duty_entry, json_schema_input_type=str | DutyEntry),
                     AfterValidator(_duty)]


class ResponsibilityArea(Record):
    """One area a role is responsible for, with the concrete duties it implies."""

    id: Annotated[Id, Field(description="URL anchor of the area on the role page; never change it once published")]
    title: Line
    description: str
    duties: Annotated[tuple[DutyItem, ...], Field(
        min_length=3, description="Each a text, or text: and activity: for a duty that concerns a RACI activity")]


class SkillRequirement(Record):
    """A skill a role needs, at an expected proficiency level (1 了解 … 4 精通)."""

    skill: SkillRef
    levels: Annotated[
        dict[Id, Level],
        Field(description="Level id of the role's track -> expected proficiency (1–4) at that level: one for every "
                          "level the role spans, never lower than at the level below"),
    ]
    note: str | None = None

    def at(self, level_id: str) -> int:
        """The expected proficiency at one of the role's levels."""
        return self.levels[level_id]


class Collaboration(Record):
    """Another role this role works with, and what they do together."""

    role: RoleRef
    how: str


class FaqEntry(Record):
    """A question and its answer; ``id`` is its permanent anchor."""

    id: Id
    question: Line
    answer: str
    group: Annotated[
        str, Ref("faq_group"), Field(description="Heading of the FAQ page; shared entries only")
    ] | None = None
    roles: Annotated[tuple[RoleRef, ...], Distinct()] = ()
    activity: Annotated[str, Ref("activity"), Field(
        description="The RACI activity the answer is about: who it says decides must be that activity's A")] | None = None
    certifications: Annotated[
        tuple[Annotated[str, Ref("certification")], ...], Distinct(),
        Field(description="Ids of data/career.yaml's certifications the answer is about: linked to their details"),
    ] = ()


# A role's life: a draft is built and previewed but not yet public (no URL promised, not listed, searched or
# exported); published is public; retired leaves the handbook, its URLs redirecting to its successor.
STATUSES = ("draft", "published", "retired")
Status = Literal["draft", "published", "retired"]

SUMMARY_MAX = 120  # characters: one sentence, and the page's link preview (search engines show ~80–120)
ALIASES_MAX = 20  # other names of a role: each is shown on its page and searched


class Role(Record):
    """A project-management role: the subject of one page at ``/roles/<slug>/``."""

    slug: Annotated[Id, Field(description="Public URL of the role page (/roles/<slug>/); equals the file name")]
    name: Line
    name_en: Line
    family: Annotated[str, Ref("family")]
    aliases: Annotated[tuple[Line, ...], Distinct(str.casefold)]
    summary: Annotated[str, Field(description="One sentence; used as the page's meta description and link preview")]
    mission: str
    responsibilities: Annotated[tuple[ResponsibilityArea, ...], Field(min_length=2)]
    skills: Annotated[tuple[SkillRequirement, ...], Field(min_length=1)]
    collaborates_with: tuple[Collaboration, ...]
    career: Annotated[RoleCareer, Field(description="The career track the role belongs to and the levels of it "
                                                   "the role spans")]
    faq: Annotated[tuple[FaqEntry, ...], Field(min_length=2)]
    owner: Line
    last_reviewed: Annotated[Date, Field(description="When the owner last checked the page (YYYY-MM-DD)")]
    former_slugs: Annotated[
        tuple[Id, ...], Distinct(),
        Field(description="Slugs this role was published under before; each becomes a redirect"),
    ] = ()
    status: Annotated[Status, Field(description="draft: built and previewed, not yet public; published "
                                                "(default): public, its URLs promised; retired: its URLs redirect "
                                                "to successor")] = "published"
    successor: Annotated[RoleRef, Field(description="The published role that replaces a retired one")] | None = None

    @model_validator(mode="after")
    def _sensible(self, info: ValidationInfo) -> Role:
        """What a page can show: a few aliases, none the name itself, a short summary, a review already done,
        anchors of its own, collaborators other than itself."""
        today = (info.context or {}).get("today") or _dt.date.today()
        found = [(loc, message) for loc, message, wrong in (
            (("aliases",), say("too_many_aliases", limit=ALIASES_MAX, count=len(self.aliases)),
             len(self.aliases) > ALIASES_MAX),
            (("aliases",), say("alias_is_name", name=self.name),
             self.name.casefold() in (alias.casefold() for alias in self.aliases)),
            (("last_reviewed",), say("review_in_future", today=today.isoformat(),
                                     date=self.last_reviewed.isoformat()), self.last_reviewed > today),
            (("summary",), say("summary_too_long", limit=SUMMARY_MAX, count=len(self.summary)),
             len(self.summary) > SUMMARY_MAX),
        ) if wrong]
        anchors: set[str] = set()
        for loc, item in [(("responsibilities", index), item) for index, item in enumerate(self.responsibilities)] + \
                [(("faq", index), item) for index, item in enumerate(self.faq)]:
            if item.id in (*ROLE_SECTION_ANCHORS, *ROLE_PRACTICE_ANCHORS, ROLE_CHANGES_ANCHOR):
                found.append(((*loc, "id"), say("reserved_anchor", id=item.id)))
            elif item.id.startswith(ROLE_JD_PREFIX):
                found.append(((*loc, "id"), say("reserved_jd_anchor", id=item.id, prefix=ROLE_JD_PREFIX)))
            elif item.id in anchors:
                found.append(((*loc, "id"), say("duplicate_anchor", id=item.id)))
            anchors.add(item.id)
        found += [(("slug",), say("reserved_slug", slug=self.slug))] if self.slug in RESERVED_ROLE_SLUGS else []
        found += [(("former_slugs", index), say("reserved_former_slug", slug=former))
                  for index, former in enumerate(self.former_slugs) if former in RESERVED_ROLE_SLUGS]
        found += [(("collaborates_with", index, "role"), say("collaborates_with_self"))
                  for index, link in enumerate(self.collaborates_with) if link.role == self.slug]
        found += [(("faq", index, "group"), say("role_faq_group"))
                  for index, entry in enumerate(self.faq) if entry.group is not None]
        if self.status == "retired" and self.successor is None:
            found.append((("status",), say("retired_needs_successor")))
        elif self.status != "retired" and self.successor is not None:
            found.append((("successor",), say("successor_not_retired")))
        elif self.successor == self.slug:
            found.append((("successor",), say("successor_is_self")))
        refuse(found)
        return self

    @property
    def highest_level(self) -> str:
        """The highest level of its track the role spans: where its skills are at their expected peak."""
        return self.career.levels[-1]


class SkillLevel(Record):
    """The generic meaning of a proficiency level."""

    level: Level
    name: Line
    name_en: Line
    description: str


class SkillGroup(Record):
    """A family of skills (the seed's skill requirements, plus leadership)."""

    id: Id
    name: Line
    name_en: Line
    description: str


class Skill(Record):
    """A skill of the catalogue, with what each proficiency level looks like."""

    id: Id
    name: Line
    name_en: Line
    group: Annotated[str, Ref("skill_group")]
    description: str
    levels: Annotated[tuple[str, ...], Field(min_length=4, max_length=4,
                                             description="Exactly four descriptors: level 1, 2, 3, 4")]


class SkillCatalogue(Record):
    """``data/skills.yaml``."""

    levels: Annotated[tuple[SkillLevel, ...], Field(min_length=4)]
    groups: Annotated[tuple[SkillGroup, ...], Field(min_length=1)]
    skills: Annotated[tuple[Skill, ...], Field(min_length=1)]


# --- Career tracks: a ladder of levels per kind of work, and where one track joins another ---------------
# (issue 12: one block, so the records can move together)

TRACK_LEVEL_RE = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*/[a-z][a-z0-9]*(-[a-z0-9]+)*$"
TrackLevelRef = Annotated[
    str,
    pattern(TRACK_LEVEL_RE, say("hint_track_level")),
    Ref("track_level"),
]


class CareerLevel(Record):
    """One level of a career track."""

    id: Annotated[Id, Field(description="Anchor of the level on its track page (/career/<track>/#<id>); "
                                        "never change it once published")]
    name: Line
    name_en: Line
    experience: Line
    scope: str
    expectations: Annotated[tuple[str, ...], Field(min_length=1)]
    changes: Annotated[str, Field(description="What changes from the level below (for the first level: how "
                                              "people enter it)")]


class CareerTrack(Record):
    """An ordered ladder of levels for one kind of work (project management, product, ...)."""

    id: Annotated[Id, Field(description="Public URL of the track page (/career/<id>/); never change it once "
                                        "published")]
    name: Line
    name_en: Line
    description: str
    levels: Annotated[tuple[CareerLevel, ...], Field(min_length=1, description="Lowest level first")]

    def index_of(self, level_id: str) -> int:
        return [level.id for level in self.levels].index(level_id)


class TrackJoin(Record):
    """A usual move from a level of one track to a level of another."""

    from_level: Annotated[TrackLevelRef, Field(description="Where people leave, as track/level")]
    to_level: Annotated[TrackLevelRef, Field(description="Where they join the other track, as track/level")]
    note: Annotated[str, Field(description="When and why the move is made")]


class RoleCareer(Record):
    """The track a role belongs to and the contiguous levels of it the role spans."""

    track: TrackRef
    levels: Annotated[tuple[Id, ...], Field(min_length=1, description="Level ids of the track, lowest first, "
                                                                      "without gaps")]


# --- RACI parties, sourced facts, vocabulary (issue 13) ----------------------------------------------------


class RaciParty(Record):
    """A RACI member that is not a role of this handbook (sponsor, development team, ...): a column, no page."""

    id: Annotated[Id, Field(description="Used in raci: mappings like a role slug; must differ from every role slug")]
    name: Line
    name_en: Line
    description: Annotated[str, Field(description="Who this is, in one sentence; shown on the column header")]


class Source(Record):
    """A public page a fact was checked against, and when."""

    url: Annotated[str, pattern(r"^https?://\S+$", say("hint_web_address"))]
    title: Line
    checked: Annotated[Date, Field(description="When the page was last read to check the facts (YYYY-MM-DD); "
                                               "leave out for a page named but not read: what it would say is "
                                               "then shown as 以官方最新公告为准")] | None = None


class PreferredTerm(Record):
    """One concept, one word: the term to write and the variants ``check`` reports."""

    term: Line
    avoid: Annotated[tuple[Line, ...], Field(min_length=1,
                                            description="Variants to replace by the term wherever they appear")]
    why: str


class Vocabulary(Record):
    """``data/vocabulary.yaml``."""

    terms: Annotated[tuple[PreferredTerm, ...], Field(min_length=1)]


# --- end of issue 13 block ------------------------------------------------------------------------------------


# A web domain, lower case: pmi.org, www.ruankao.org.cn.
DOMAIN_RE = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$"


class Certification(Record):
    """A professional certification and the levels and roles where it matters."""

    id: Id
    name: Line
    full_name: Line
    issuer: Line
    description: str
    requirements: Annotated[tuple[str, ...], Field(min_length=1)]
    levels: Annotated[tuple[TrackLevelRef, ...], Distinct(),
                      Field(description="Levels where it matters, as track/level")]
    roles: Annotated[tuple[RoleRef, ...], Distinct()]
    exam: Annotated[str, Field(description="The exam: questions, duration, how and where it is taken; leave out "
                                           "what the owner's pages could not confirm")] | None = None
    renewal: Annotated[str, Field(description="How long the certificate is valid and what renewing it takes; "
                                              "leave out what the owner's pages could not confirm")] | None = None
    owner_domains: Annotated[
        tuple[Annotated[str, pattern(DOMAIN_RE, say("hint_domain"))], ...], Distinct(str.casefold),
        Field(min_length=1, description="Web domains of the body that owns the certification or runs its exam "
                                        "(pmi.org, chinapmp.cn ...): at least one source must be on one of them"),
    ]
    sources: Annotated[
        tuple[Source, ...], Field(min_length=1, description="Public pages the facts above were checked against")
    ]

    @model_validator(mode="after")
    def _owner_source(self) -> Certification:
        """Facts come from their owner: one source at least is on the owner's own site."""
        if not any(owner_site(source.url, self.owner_domains) for source in self.sources):
            refuse([(("sources",), say("cert_no_owner_source", cert=self.name,
                                       domains="、".join(self.owner_domains)))])
        return self


def owner_site(url: str, domains: tuple[str, ...]) -> bool:
    """Whether a web address is on one of ``domains`` or a subdomain of one (www.pmi.org is on pmi.org)."""
    host = (urlsplit(url).hostname or "").casefold()
    return any(host == domain or host.endswith("." + domain) for domain in domains)


class CareerPath(Record):
    """``data/career.yaml``."""

    tracks: Annotated[tuple[CareerTrack, ...], Field(min_length=1)]
    joins: tuple[TrackJoin, ...]
    certifications: tuple[Certification, ...]

# --- end of career tracks ---------------------------------------------------------------------------------


class Phase(Record):
    """A phase of the project life cycle, grouping RACI activities."""

    id: Id
    name: Line
    name_en: Line
    description: str


class Fallback(Record):
    """Who is accountable where the A's post does not exist (a role most companies do not staff on its own)."""

    holder: Annotated[MemberRef, Field(description="The role or party that decides then; it has a letter here")]
    note: Annotated[str, Field(description="One sentence: who decides where the post does not exist, and how")]


class RaciActivity(Record):
    """An activity and who is Responsible, Accountable, Consulted and Informed for it."""

    id: Id
    name: Line
    phase: Annotated[str, Ref("phase")]
    description: str
    raci: Annotated[
        dict[MemberRef, Letter],
        Field(description="role slug or party id -> one of R, A, C, I; exactly one A and at least one R"),
    ]
    reason: Annotated[str, Field(description="Why the A of this activity is accountable: one sentence, shown beside it")]
    fallback: Annotated[Fallback, Field(
        description="Required when the A is a role shared (no person of its own) at most company sizes "
                    "(data/settings.yaml): who decides where the post does not exist")] | None = None

    def letter_of(self, slug: str) -> Letter | None:
        """The letter this activity assigns to a role, or None when the role is not involved."""
        return self.raci.get(slug)


class ActivityCatalogue(Record):
    """``data/activities.yaml``."""

    phases: Annotated[tuple[Phase, ...], Field(min_length=1)]
    activities: Annotated[tuple[RaciActivity, ...], Field(min_length=1)]
    parties: Annotated[
        tuple[RaciParty, ...], Field(description="RACI members that are not roles of this handbook: columns, no pages")
    ] = ()
    columns: Annotated[
        tuple[MemberRef, ...],
        Field(description="Column order of the RACI matrix: every role and party once "
                          "(default: roles by family, then parties)"),
    ] = ()


class FaqGroup(Record):
    """A heading of the FAQ page."""

    id: Id
    name: Line


class FaqCatalogue(Record):
    """``data/faq.yaml``."""

    groups: Annotated[tuple[FaqGroup, ...], Field(min_length=1)]
    entries: Annotated[tuple[FaqEntry, ...], Field(min_length=1)]


class Term(Record):
    """A glossary term, Chinese (灰度发布) or an abbreviation (PMP), shown as a tooltip wherever it appears."""

    id: Annotated[Id, Field(description="Permanent anchor on the glossary page (#term-<id>); never change it once "
                                        "published")]
    # One line, as Line checks it (whose schema pattern would replace this one).
    term: Annotated[str, pattern(r"^[^<>&\"'*_`\[\]|\\{}#]+$", say("hint_term")),
                    AfterValidator(_one_line),
                    Field(description="The term exactly as written in running text: this is what gets the tooltip")]
    description: str
    expansion: Annotated[Line, Field(description="The full form of an abbreviation, e.g. 项目管理专业人士认证(…)")] | None = (
        None)
    en: Annotated[Line, Field(description="The usual English equivalent of a Chinese term")] | None = None
    see_also: tuple[Annotated[str, Ref("term")], ...] = ()

    @property
    def anchor(self) -> str:
        """The term's anchor on the glossary page, e.g. ``term-pmi-acp``."""
        return "term-" + self.id

    @property
    def tip(self) -> str:
        """The tooltip: an abbreviation's full form, or a Chinese term's definition."""
        return self.expansion or self.description


class Glossary(Record):
    """``data/glossary.yaml``."""

    terms: Annotated[tuple[Term, ...], Field(min_length=1)]


class FamilyList(Record):
    """``data/families.yaml``."""

    families: Annotated[tuple[Family, ...], Field(min_length=1)]


# --- The whole handbook ------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Handbook:
    """Everything in ``data/``, loaded and validated once; every page, export and check reads this."""

    families: tuple[Family, ...]
    roles: tuple[Role, ...]
    skills: SkillCatalogue
    career: CareerPath
    activities: ActivityCatalogue
    faq: FaqCatalogue
    glossary: Glossary
    # The records of how the work runs (macros/data/practice.py, which builds on the markers above).
    cadence: "practice.CadenceCatalogue"
    operations: "practice.OperationsCatalogue"
    tools: "practice.ToolCatalogue"
    settings: "practice.SettingsCatalogue"
    # Role files by slug, relative to the project root ("data/roles/pm.yaml"): for "edit this page".
    role_sources: dict[str, str] = field(default_factory=dict)
    # Roles not published: drafts have a page (previewed, kept out of everything public); retired roles have
    # none (their URLs redirect to their successor). ``roles`` above are the published ones: what the site shows.
    drafts: tuple[Role, ...] = ()
    retired: tuple[Role, ...] = ()
    # What a new hire meets (macros/data/topics.py): data/topics.yaml, or None where the handbook has none.
    topics: "topics.TopicCatalogue | None" = None

    @cached_property
    def role_by_slug(self) -> dict[str, Role]:
        return {role.slug: role for role in self.roles}

    @cached_property
    def page_role_by_slug(self) -> dict[str, Role]:
        """The roles that have a page: the published ones and the drafts."""
        return {role.slug: role for role in (*self.roles, *self.drafts)}

    @cached_property
    def family_by_id(self) -> dict[str, Family]:
        return {family.id: family for family in self.families}

    @cached_property
    def skill_by_id(self) -> dict[str, Skill]:
        return {skill.id: skill for skill in self.skills.skills}

    @cached_property
    def level_by_number(self) -> dict[int, SkillLevel]:
        return {level.level: level for level in self.skills.levels}

    @cached_property
    def track_by_id(self) -> dict[str, CareerTrack]:
        return {track.id: track for track in self.career.tracks}

    @cached_property
    def phase_by_id(self) -> dict[str, Phase]:
        return {phase.id: phase for phase in self.activities.phases}

    def roles_in(self, family_id: str) -> tuple[Role, ...]:
        """Roles of a family, in the handbook's order of roles (read.in_handbook_order)."""
        return tuple(role for role in self.roles if role.family == family_id)

    def roles_on(self, track_id: str) -> tuple[Role, ...]:
        """Roles that belong to a track, in the handbook's order of roles."""
        return tuple(role for role in self.roles if role.career.track == track_id)

    def levels_of(self, role: Role) -> tuple[CareerLevel, ...]:
        """The levels a role spans, lowest first."""
        track = self.track_by_id[role.career.track]
        return tuple(level for level in track.levels if level.id in role.career.levels)

    @cached_property
    def cert_by_id(self) -> dict[str, Certification]:
        return {cert.id: cert for cert in self.career.certifications}

    def certifications_for(self, role: Role) -> tuple[Certification, ...]:
        """Certifications that are a typical qualification for a role."""
        return tuple(cert for cert in self.career.certifications if role.slug in cert.roles)

    @cached_property
    def all_faq(self) -> tuple[FaqEntry, ...]:
        """Every question of the handbook: the shared ones, then each role's own."""
        return self.faq.entries + tuple(entry for role in self.roles for entry in role.faq)

    def faq_for(self, role: Role) -> tuple[FaqEntry, ...]:
        """The role's own questions, then shared questions that name it."""
        shared = tuple(entry for entry in self.faq.entries if role.slug in entry.roles)
        return role.faq + shared

    @cached_property
    def activity_by_id(self) -> dict[str, RaciActivity]:
        return {activity.id: activity for activity in self.activities.activities}

    @cached_property
    def term_by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.glossary.terms}
