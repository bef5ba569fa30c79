"""Page stubs: role and track pages hold front matter naming their record and one macro call.

``handbook/roles/<slug>.md`` names a role (content: ``data/roles/<slug>.yaml``); ``handbook/career/<id>.md``
names a career track (content: ``data/career.yaml``). A stub only gives MkDocs a page at the record's URL.
``check`` reports records without a page and pages without a record (or with more than the macro call, or
not readable as UTF-8); ``sync-stubs`` writes missing stubs and removes the untouched stubs of renamed roles.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from ..data.files import make_folder, write_file
from ..data.messages import say
from ..data.models import CareerTrack, Handbook, Role
from ..data.problems import Problem, text_or_problem
from ..site.urls import DOCS_DIR, ROLES_DIR, TRACKS_DIR

INDEX = "index.md"


@dataclass(frozen=True)
class StubKind:
    """One kind of stub page: where its files live, the front matter key and macro, and its records."""

    directory: str
    key: str  # front matter key naming the record: role, track
    macro: str
    noun: str  # the message table's word for its records: 岗位, 职业序列
    records: Callable[[Handbook], dict[str, Any]]  # id -> record
    source: Callable[[Handbook, str], str]  # the data file where a record is defined, for messages
    folder: str  # where its records live, for messages
    placeholder: str = "<id>"

    @property
    def body(self) -> str:
        """All a stub holds below its front matter."""
        return f"{{{{ {self.macro}() }}}}"

    def text(self, record_id: str) -> str:
        return f"---\n{self.key}: {record_id}\n---\n\n{self.body}\n"


ROLES = StubKind(ROLES_DIR, "role", "role_page", say("stub_noun_role"), lambda handbook: handbook.page_role_by_slug,
                 lambda handbook, slug: handbook.role_sources.get(slug, f"data/roles/{slug}.yaml"), "data/roles/",
                 "<slug>")
TRACKS = StubKind(TRACKS_DIR, "track", "track_page", say("stub_noun_track"), lambda handbook: handbook.track_by_id,
                  lambda handbook, _id: "data/career.yaml", say("stub_folder_tracks"))
KINDS = (ROLES, TRACKS)


def stub_text(slug: str) -> str:
    """The whole source of a role's page."""
    return ROLES.text(slug)


def track_stub_text(track_id: str) -> str:
    """The whole source of a career track's page."""
    return TRACKS.text(track_id)


def _record_of_page(kind: StubKind, handbook: Handbook, src: str, meta: Mapping[str, Any]) -> Any:
    record_id = meta.get(kind.key)
    if not record_id:
        raise ValueError(str(Problem(f"{DOCS_DIR}/{src}", 1, 1, kind.key, say(
            "stub_names_nothing", macro=kind.macro, key=kind.key, placeholder=kind.placeholder))))
    records = kind.records(handbook)
    if not isinstance(record_id, str) or record_id not in records:
        raise ValueError(str(Problem(f"{DOCS_DIR}/{src}", 2, 1, kind.key, say(
            "stub_names_unknown", folder=kind.folder, noun=kind.noun, named=record_id))))
    return records[record_id]


def role_of_page(handbook: Handbook, src: str, meta: Mapping[str, Any]) -> Role:
    """The role a page's front matter names; a clear error when it names none or an unknown one."""
    return _record_of_page(ROLES, handbook, src, meta)


def track_of_page(handbook: Handbook, src: str, meta: Mapping[str, Any]) -> CareerTrack:
    """The career track a page's front matter names; a clear error when it names none or an unknown one."""
    return _record_of_page(TRACKS, handbook, src, meta)


def stub_pages(root: Path, kind: StubKind) -> list[Path]:
    """The stub files of one kind (not the folder's index page)."""
    directory = root / DOCS_DIR / kind.directory
    return sorted(path for path in directory.glob("*.md") if path.name != INDEX) if directory.is_dir() else []


def _front_matter(text: str, key: str) -> tuple[object, str]:
    """What a page's front matter names under ``key`` (None when nothing) and the page's body."""
    from mkdocs.utils.meta import get_data  # MkDocs' own front matter reader: what the build will see

    body, meta = get_data(text)
    return (meta.get(key) if isinstance(meta, dict) else None), body


def _renamed(kind: StubKind, handbook: Handbook) -> dict[str, str]:
    """Former ids of a kind's records -> the current id (roles keep theirs in ``former_slugs``; a retired role's
    slug leads to its successor): their pages are gone, their URLs redirect."""
    if kind is not ROLES:
        return {}
    return {former: role.slug for role in handbook.roles for former in role.former_slugs} | {
        slug: role.successor for role in handbook.retired for slug in (role.slug, *role.former_slugs)}


def _kind_problems(kind: StubKind, root: Path, handbook: Handbook) -> list[Problem]:
    pages = stub_pages(root, kind)
    named_files = {path.name for path in pages}
    records = kind.records(handbook)
    renamed = _renamed(kind, handbook)
    problems = []
    for record_id in records:
        if f"{record_id}.md" not in named_files:
            field = "slug" if kind is ROLES else "tracks"
            problems.append(Problem(kind.source(handbook, record_id), 1, 1, field, say(
                "stub_missing", noun=kind.noun, record=record_id, page=f"{DOCS_DIR}/{kind.directory}/{record_id}.md")))
    for path in pages:
        rel = path.relative_to(root).as_posix()
        text = text_or_problem(path, rel)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        if path.stem in records and text == kind.text(path.stem):
            continue  # as sync-stubs wrote it, for a record that exists: no need to parse (1,000 roles: 0.1 s)
        named, body = _front_matter(text, kind.key)
        if not named:
            problems.append(Problem(rel, 1, 1, kind.key, say("stub_no_front_matter", key=kind.key,
                                                             placeholder=kind.placeholder, noun=kind.noun)))
        elif not isinstance(named, str):
            problems.append(Problem(rel, 2, 1, kind.key, say("stub_record_not_text", noun=kind.noun, got=named,
                                                             what=kind.placeholder.strip("<>"), key=kind.key,
                                                             stem=path.stem)))
        elif named in renamed and named not in records:
            retired = kind is ROLES and any(role.slug == named for role in handbook.retired)
            problems.append(Problem(rel, 2, 1, kind.key, say("stub_record_retired", named=named, current=renamed[named])
                                    if retired else say("stub_record_renamed", noun=kind.noun, named=named,
                                                        current=renamed[named])))
        elif named not in records:
            problems.append(Problem(rel, 2, 1, kind.key, say("stub_names_unknown", folder=kind.folder,
                                                             noun=kind.noun, named=named)))
        elif named != path.stem:
            problems.append(Problem(rel, 2, 1, kind.key, say("stub_record_not_file_name", stem=path.stem,
                                                             named=named, key=kind.key)))
        elif body.strip() != kind.body:
            line = text[: len(text) - len(body.lstrip())].count("\n") + 1 if text.endswith(body) else 1
            problems.append(Problem(rel, line, 1, "", say("stub_extra_content", body=kind.body, got=body.strip()[:60],
                                                          source=kind.source(handbook, named))))
    return problems


def stub_problems(root: Path, handbook: Handbook) -> list[Problem]:
    """Records without a page, and stub pages that name no record, another one than their file name, or hold
    more than the one macro call."""
    return [problem for kind in KINDS for problem in _kind_problems(kind, root, handbook)]


def write_missing_stubs(root: Path, handbook: Handbook) -> tuple[list[Path], list[Path]]:
    """Write the stub of every role and track that has no page, and remove the untouched stubs of renamed
    roles (their old URLs redirect); return (written, removed)."""
    written, removed = [], []
    for kind in KINDS:
        directory = root / DOCS_DIR / kind.directory
        make_folder(root, directory)
        records = kind.records(handbook)
        for record_id in records:
            path = directory / f"{record_id}.md"
            if not os.path.lexists(path):  # a link, even a broken one, is never written through (check names it)
                write_file(root, path, kind.text(record_id))
                written.append(path)
        for former in _renamed(kind, handbook):
            old = directory / f"{former}.md"
            if former not in records and old.is_file() and not old.is_symlink():
                try:
                    untouched = old.read_text(encoding="utf-8") == kind.text(former)
                except (OSError, UnicodeDecodeError):
                    untouched = False
                if untouched:  # a page edited by hand is left for its editor (check names it)
                    old.unlink()
                    removed.append(old)
    return written, removed
