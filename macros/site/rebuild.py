"""Under ``mkdocs serve --dirty`` (``make serve``): which pages a save changes, so that only those are made again.

MkDocs' dirty build makes a page again when its Markdown file is newer than the page it wrote. A role page's
Markdown is a stub that never changes: what changes is the data it is made from. :func:`plan` compares what the
last good build was made from with what this one is made from, and says which pages to make again; the preview
(``site/preview.py``) marks those pages older than their source, so MkDocs makes exactly them. What is written
after the pages (the export, the search index, the redirects) and the theme's own pages (404, sitemap) are made
whole on every build.

The rule, from the widest change to the narrowest:

* anything but a role file changed (a catalogue in ``data/``, a page, a template, the code, ``mkdocs.yml``), a
  role file was added or removed, a role changed its status, or the last build did not finish: every page;
* a role changed only in what its own page shows (:data:`OWN_PAGE_FIELDS`): its page;
* a role changed in anything else (its name, skills, collaborators, questions …): its page, every page that
  linked to it in the last build, and every page that is not a role page (the overviews list every role).

``tests/test_rebuild.py`` changes each field of :data:`OWN_PAGE_FIELDS` in a copy of the project, builds it whole
before and after, and fails if a page other than the role's own changed: a field shown on a second page one day
cannot be left in the list.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from ..data.models import Handbook, Role
from .urls import DOCS_DIR, ROLES_DIR, page_url, role_src

# What a role page alone shows of its role (besides the export and the search index, which are written whole).
OWN_PAGE_FIELDS = frozenset({"responsibilities", "owner", "last_reviewed"})
# What the pages are made from, besides the stubs (MkDocs compares those itself) and data/ (compared by content).
WATCHED = ("data", DOCS_DIR, "overrides", "macros", "mkdocs.yml")
_HREF = re.compile(r'\bhref="([^"#?]*)')
_ROLE_URL = re.compile(rf"^{ROLES_DIR}/([^/]+)/$")


def signatures(project: Path) -> dict[str, tuple[int, int]]:
    """Every file the pages are made from, relative to the project, with its size and modification time."""
    found: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        top = project / name
        if top.is_file():
            stat = top.stat()
            found[name] = (stat.st_size, stat.st_mtime_ns)
            continue
        for folder, folders, files in os.walk(top):
            folders[:] = [entry for entry in folders if entry != "__pycache__" and not entry.startswith(".")]
            for entry in files:
                path = os.path.join(folder, entry)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found[os.path.relpath(path, project).replace(os.sep, "/")] = (stat.st_size, stat.st_mtime_ns)
    return found


def role_fields(role: Role) -> dict[str, Any]:
    return {name: getattr(role, name) for name in type(role).model_fields}


def role_file_slug(path: str) -> str | None:
    """``data/roles/<slug>.yaml`` -> slug; None for any other file."""
    folder, _sep, name = path.rpartition("/")
    return name[:-5] if folder == "data/roles" and name.endswith(".yaml") else None


@dataclass
class Made:
    """What the pages of the last good build were made from, and which roles each page linked to."""

    files: dict[str, tuple[int, int]]
    roles: dict[str, dict[str, Any]]  # slug -> the role's fields (drafts and retired roles included)
    links: dict[str, frozenset[str]] = field(default_factory=dict)  # page source -> slugs of roles it links


def roles_of(handbook: Handbook) -> dict[str, dict[str, Any]]:
    every = (*handbook.roles, *handbook.drafts, *handbook.retired)
    return {role.slug: role_fields(role) for role in every}


def plan(before: Made | None, files: Mapping[str, tuple[int, int]], roles: Mapping[str, dict[str, Any]],
         pages: Iterable[str]) -> frozenset[str] | None:
    """The sources of the pages to make again (of ``pages``, every page of this build), or None for all."""
    if before is None:
        return None
    changed = {path for path in files.keys() | before.files.keys() if files.get(path) != before.files.get(path)}
    slugs = {role_file_slug(path) for path in changed}
    if None in slugs or roles.keys() != before.roles.keys():
        return None  # not only role files changed, or a role came or went
    pages = set(pages)
    again: set[str] = set()
    for slug in slugs:
        old, new = before.roles[slug], roles[slug]
        differ = {name for name in new if new[name] != old.get(name)}
        if not differ:
            continue  # a comment or the layout of the file
        if "status" in differ:
            return None  # a draft published, a role retired: the contract, the lists, the redirects
        again.add(role_src(slug))
        if differ <= OWN_PAGE_FIELDS:
            continue
        again |= {page for page, linked in before.links.items() if slug in linked}
        again |= {page for page in pages if not page.startswith(f"{ROLES_DIR}/") or page == f"{ROLES_DIR}/index.md"}
    return frozenset(again & pages)


def linked_roles(html: str, src_uri: str, use_directory_urls: bool = True) -> frozenset[str]:
    """The slugs of the role pages a written page links to (any section of them)."""
    here = "/" + page_url(src_uri, use_directory_urls)
    found = set()
    for href in _HREF.findall(html):
        if not href or href.startswith(("http:", "https:", "mailto:", "//")):
            continue
        path = urlsplit(urljoin(here, unquote(href))).path.lstrip("/")
        match = _ROLE_URL.match(path)
        if match:
            found.add(match.group(1))
    return frozenset(found)


def mark_stale(site: Path, dest_paths: Iterable[str]) -> None:
    """Make pages older than any source, so that MkDocs' dirty build makes them again."""
    for dest in dest_paths:
        try:
            os.utime(site / dest, ns=(0, 0))
        except FileNotFoundError:
            pass  # never written: MkDocs makes it anyway
