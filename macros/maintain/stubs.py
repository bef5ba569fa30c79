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


STUB_BODY = "{{ role_page() }}"


def role_of_page(handbook: Handbook, src: str, meta: Mapping[str, Any]) -> Role:
    """The role a page's front matter names; a clear error when it names none or an unknown one."""
    slug = meta.get("role")
    where = f"{DOCS_DIR}/{src}:2:1: role"
    if not slug:
        raise ValueError(f"{DOCS_DIR}/{src}:1:1: role: calls role_page() but its front matter has no 'role: <slug>'")
    if not isinstance(slug, str) or slug not in handbook.role_by_slug:
        raise ValueError(f"{where}: front matter 'role: {slug}' names no role in data/roles/")
    return handbook.role_by_slug[slug]


def role_pages(root: Path) -> list[Path]:
    """The role page files under handbook/roles/ (not its index)."""
    directory = root / DOCS_DIR / ROLES_DIR
    return sorted(path for path in directory.glob("*.md") if path.name != INDEX) if directory.is_dir() else []


def _front_matter_role(text: str) -> tuple[object, str]:
    """What a page's front matter names as ``role`` (None when nothing) and the page's body."""
    from mkdocs.utils.meta import get_data  # MkDocs' own front matter reader: what the build will see

    body, meta = get_data(text)
    return (meta.get("role") if isinstance(meta, dict) else None), body


def stub_problems(root: Path, handbook: Handbook) -> list[Problem]:
    """Roles without a page, and role pages that name no role, another role than their file name, or hold
    more than the one macro call."""
    pages = role_pages(root)
    named_files = {path.name for path in pages}
    renamed = {former: role.slug for role in handbook.roles for former in role.former_slugs}
    problems = []
    for role in handbook.roles:
        if f"{role.slug}.md" not in named_files:
            problems.append(Problem(handbook.role_sources.get(role.slug, f"data/roles/{role.slug}.yaml"), 1, 1,
                                    "slug", f"role {role.slug!r} has no page {DOCS_DIR}/{role_src(role.slug)}:"
                                    " run `python -m macros sync-stubs`"))
    for path in pages:
        rel = path.relative_to(root).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(rel, 1, 1, "", f"expected UTF-8 text, got byte 0x{error.object[error.start]:02x} "
                                    f"at offset {error.start}: save the file as UTF-8"))
            continue
        except OSError as error:
            problems.append(Problem(rel, 1, 1, "", f"cannot read file: {error.strerror}"))
            continue
        if text == stub_text(path.stem) and path.stem in handbook.role_by_slug:
            continue  # as sync-stubs wrote it, for a role that exists: no need to parse (1,000 roles: 0.1 s)
        named, body = _front_matter_role(text)
        if not named:
            problems.append(Problem(rel, 1, 1, "role", "expected front matter 'role: <slug>' naming a role; "
                                    "delete the page or run `python -m macros sync-stubs`"))
        elif not isinstance(named, str):
            problems.append(Problem(rel, 2, 1, "role", f"expected a role's slug as text, got {named!r}"))
        elif named in renamed and named not in handbook.role_by_slug:
            problems.append(Problem(rel, 2, 1, "role", f"role {named!r} was renamed to {renamed[named]!r} (its "
                                    "former_slugs): delete this page, or run `python -m macros sync-stubs`; "
                                    "the old URL keeps working as a redirect"))
        elif named not in handbook.role_by_slug:
            problems.append(Problem(rel, 2, 1, "role", f"expected a role of data/roles/, got {named!r}"))
        elif named != path.stem:
            problems.append(Problem(rel, 2, 1, "role", f"expected {path.stem!r} (the file name), got {named!r}"))
        elif body.strip() != STUB_BODY:
            line = text[: len(text) - len(body.lstrip())].count("\n") + 1 if text.endswith(body) else 1
            problems.append(Problem(rel, line, 1, "", f"expected only {STUB_BODY} below the front matter (a role "
                                    f"page's content lives in data/roles/{named}.yaml), got {body.strip()[:60]!r}"))
    return problems


def write_missing_stubs(root: Path, handbook: Handbook) -> tuple[list[Path], list[Path]]:
    """Write the stub of every role that has no page, and remove the untouched stubs of renamed roles (their
    old URLs redirect); return (written, removed)."""
    directory = root / DOCS_DIR / ROLES_DIR
    directory.mkdir(parents=True, exist_ok=True)
    written, removed = [], []
    for role in handbook.roles:
        path = directory / f"{role.slug}.md"
        if not path.exists():
            path.write_text(stub_text(role.slug), encoding="utf-8")
            written.append(path)
        for former in role.former_slugs:
            old = directory / f"{former}.md"
            if former not in handbook.role_by_slug and old.is_file() and not old.is_symlink():
                try:
                    untouched = old.read_text(encoding="utf-8") == stub_text(former)
                except (OSError, UnicodeDecodeError):
                    untouched = False
                if untouched:  # a page edited by hand is left for its editor (check names it)
                    old.unlink()
                    removed.append(old)
    return written, removed
