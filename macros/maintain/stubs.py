"""Role page stubs: ``handbook/roles/<slug>.md`` holds front matter naming the role and one macro call.

The role's content lives in ``data/roles/<slug>.yaml``; the stub only gives MkDocs a page at the role's
URL. ``check`` reports roles without a page and pages without a role; ``sync-stubs`` writes missing stubs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from ..data.models import Handbook, Role
from ..data.problems import Problem
from ..site.urls import DOCS_DIR, ROLES_DIR, role_src

INDEX = "index.md"


def stub_text(slug: str) -> str:
    """The whole source of a role's page."""
    return f"---\nrole: {slug}\n---\n\n{{{{ role_page() }}}}\n"


def role_of_page(handbook: Handbook, src: str, meta: Mapping[str, Any]) -> Role:
    """The role a page's front matter names; a clear error when it names none or an unknown one."""
    slug = meta.get("role")
    if not slug:
        raise ValueError(f"{DOCS_DIR}/{src}: calls role_page() but its front matter has no 'role: <slug>'")
    if slug not in handbook.role_by_slug:
        raise ValueError(f"{DOCS_DIR}/{src}: front matter 'role: {slug}' names no role in data/roles/")
    return handbook.role_by_slug[slug]


def stub_problems(root: Path, handbook: Handbook) -> list[Problem]:
    """Roles without a page, and role pages that name no role or another role than their file name."""
    directory = root / DOCS_DIR / ROLES_DIR
    pages = sorted(path for path in directory.glob("*.md") if path.name != INDEX) if directory.exists() else []
    named_files = {path.name for path in pages}
    problems = []
    for role in handbook.roles:
        if f"{role.slug}.md" not in named_files:
            problems.append(Problem(handbook.role_sources.get(role.slug, f"data/roles/{role.slug}.yaml"), 1, 1,
                                    "slug", f"role {role.slug!r} has no page {DOCS_DIR}/{role_src(role.slug)}:"
                                    " run `python -m macros sync-stubs`"))
    for path in pages:
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        if text == stub_text(path.stem):  # as sync-stubs wrote it: no need to parse (1,000 roles: 0.1 s)
            continue
        from mkdocs.utils.meta import get_data  # MkDocs' own front matter reader: what the build will see

        _body, meta = get_data(text)
        named = meta.get("role")
        if not named:
            problems.append(Problem(rel, 1, 1, "role", "expected front matter 'role: <slug>' naming a role; "
                                    "delete the page or run `python -m macros sync-stubs`"))
        elif named not in handbook.role_by_slug:
            problems.append(Problem(rel, 2, 1, "role", f"expected a role of data/roles/, got {named!r}"))
        elif named != path.stem:
            problems.append(Problem(rel, 2, 1, "role", f"expected {path.stem!r} (the file name), got {named!r}"))
    return problems


def write_missing_stubs(root: Path, handbook: Handbook) -> list[Path]:
    """Write the stub of every role that has no page; return the files written."""
    directory = root / DOCS_DIR / ROLES_DIR
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for role in handbook.roles:
        path = directory / f"{role.slug}.md"
        if not path.exists():
            path.write_text(stub_text(role.slug), encoding="utf-8")
            written.append(path)
    return written
