"""Page stubs: role and track pages hold front matter naming their record and one macro call.

``handbook/roles/<slug>.md`` names a role (content: ``data/roles/<slug>.yaml``); ``handbook/career/<id>.md``
names a career track (content: ``data/career.yaml``). A stub only gives MkDocs a page at the record's URL.
``check`` reports records without a page and pages without a record; ``sync-stubs`` writes missing stubs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from ..data.models import CareerTrack, Handbook, Role
from ..data.problems import Problem
from ..site.urls import DOCS_DIR, ROLES_DIR, TRACKS_DIR

INDEX = "index.md"


@dataclass(frozen=True)
class StubKind:
    """One kind of stub page: where its files live, the front matter key and macro, and its records."""

    directory: str
    key: str  # front matter key naming the record: role, track
    macro: str
    noun: str
    records: Callable[[Handbook], dict[str, Any]]  # id -> record
    source: Callable[[Handbook, str], str]  # the data file where a record is defined, for messages
    folder: str  # where its records live, for messages
    placeholder: str = "<id>"

    def text(self, record_id: str) -> str:
        return f"---\n{self.key}: {record_id}\n---\n\n{{{{ {self.macro}() }}}}\n"


ROLES = StubKind(ROLES_DIR, "role", "role_page", "role", lambda handbook: handbook.role_by_slug,
                 lambda handbook, slug: handbook.role_sources.get(slug, f"data/roles/{slug}.yaml"), "data/roles/",
                 "<slug>")
TRACKS = StubKind(TRACKS_DIR, "track", "track_page", "career track", lambda handbook: handbook.track_by_id,
                  lambda handbook, _id: "data/career.yaml", "data/career.yaml (tracks)")
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
        raise ValueError(f"{DOCS_DIR}/{src}: calls {kind.macro}() but its front matter has no "
                         f"'{kind.key}: {kind.placeholder}'")
    records = kind.records(handbook)
    if record_id not in records:
        raise ValueError(f"{DOCS_DIR}/{src}: front matter '{kind.key}: {record_id}' names no {kind.noun} in "
                         f"{kind.folder}")
    return records[record_id]


def role_of_page(handbook: Handbook, src: str, meta: Mapping[str, Any]) -> Role:
    """The role a page's front matter names; a clear error when it names none or an unknown one."""
    return _record_of_page(ROLES, handbook, src, meta)


def track_of_page(handbook: Handbook, src: str, meta: Mapping[str, Any]) -> CareerTrack:
    """The career track a page's front matter names; a clear error when it names none or an unknown one."""
    return _record_of_page(TRACKS, handbook, src, meta)


def _kind_problems(kind: StubKind, root: Path, handbook: Handbook) -> list[Problem]:
    directory = root / DOCS_DIR / kind.directory
    pages = sorted(path for path in directory.glob("*.md") if path.name != INDEX) if directory.exists() else []
    named_files = {path.name for path in pages}
    records = kind.records(handbook)
    problems = []
    for record_id in records:
        if f"{record_id}.md" not in named_files:
            field = "slug" if kind is ROLES else "tracks"
            problems.append(Problem(kind.source(handbook, record_id), 1, 1, field,
                                    f"{kind.noun} {record_id!r} has no page {DOCS_DIR}/{kind.directory}/"
                                    f"{record_id}.md: run `python -m macros sync-stubs`"))
    for path in pages:
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        if path.stem in records and text == kind.text(path.stem):  # as sync-stubs wrote it: no need to parse
            continue
        from mkdocs.utils.meta import get_data  # MkDocs' own front matter reader: what the build will see

        _body, meta = get_data(text)
        named = meta.get(kind.key)
        if not named:
            problems.append(Problem(rel, 1, 1, kind.key, f"expected front matter '{kind.key}: {kind.placeholder}' naming a "
                                    f"{kind.noun}; delete the page or run `python -m macros sync-stubs`"))
        elif named not in records:
            problems.append(Problem(rel, 2, 1, kind.key, f"expected a {kind.noun} of {kind.folder}, got {named!r}"))
        elif named != path.stem:
            problems.append(Problem(rel, 2, 1, kind.key, f"expected {path.stem!r} (the file name), got {named!r}"))
    return problems


def stub_problems(root: Path, handbook: Handbook) -> list[Problem]:
    """Records without a page, and stub pages that name no record or another one than their file name."""
    return [problem for kind in KINDS for problem in _kind_problems(kind, root, handbook)]


def write_missing_stubs(root: Path, handbook: Handbook) -> list[Path]:
    """Write the stub of every role and track that has no page; return the files written."""
    written = []
    for kind in KINDS:
        directory = root / DOCS_DIR / kind.directory
        directory.mkdir(parents=True, exist_ok=True)
        for record_id in kind.records(handbook):
            path = directory / f"{record_id}.md"
            if not path.exists():
                path.write_text(kind.text(record_id), encoding="utf-8")
                written.append(path)
    return written
