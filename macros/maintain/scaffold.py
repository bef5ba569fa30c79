"""``new-role``: a commented YAML skeleton for a new role, its page stub, and a first RACI entry.

The role is a draft (``status: draft``): it builds and previews at once, marked 草稿, and stays out of
everything public (roles index, RACI, search, export, sitemap, the URL contract) until its status is changed
to published. What it still needs before then (texts still reading 请填写, example ids, RACI letters and
columns, cadence and staffing) is its to-do list, which ``check`` prints as warnings with file:line
(:mod:`macros.data.drafts`, :mod:`macros.data.rules`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import sys
from pathlib import Path

import yaml

from ..data.drafts import PLACEHOLDERS, skeleton_ids
from ..data.files import WriteError, target, write_file
from ..data.messages import ERROR, say
from ..data.models import SLUG_RE
from ..data.read import HandbookError, load_handbook
from ..site.urls import DOCS_DIR, RESERVED_SLUGS, ROLES_DIR, role_src
from .stubs import stub_text

SLUG_MAX = 64  # characters: a slug is part of a URL people read and type (far below a file name's 255 bytes)


@functools.lru_cache(maxsize=None)
def _text_templates():
    """Plain-text templates (YAML): made on first use (only new-role needs Jinja)."""
    import jinja2

    from ..site.render import TEMPLATE_DIR

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=False,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def skeleton(slug: str, family: str, handbook, today: dt.date) -> str:
    """The YAML text of a new role, every field explained in Chinese."""
    return _text_templates().get_template("role-skeleton.yaml.j2").render(
        slug=slug,
        family=family,
        families=[f.id for f in handbook.families],
        skills=[skill.id for skill in handbook.skills.skills[:3]],
        track=handbook.career.tracks[0],
        tracks=[track.id for track in handbook.career.tracks],
        today=today.isoformat(),
    )


def add_to_raci(text: str, activity_id: str, slug: str, letter: str = "R") -> tuple[str, int]:
    """activities.yaml's text with a role given a letter in one activity (one line inserted), and that line."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for key, value in root.value:
        if key.value != "activities":
            continue
        for activity in value.value:
            fields = {k.value: v for k, v in activity.value}
            if fields["id"].value == activity_id:
                first_key = fields["raci"].value[0][0].start_mark
                lines = text.splitlines(keepends=True)
                lines.insert(first_key.line, " " * first_key.column + f"{slug}: {letter}\n")
                return "".join(lines), first_key.line + 1
    raise KeyError(activity_id)


def add_under(text: str, mapping: str, block: str) -> tuple[str, int]:
    """A YAML file's text with a block inserted as the first entry of a top-level mapping (``roles:``), and the
    block's first line."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    value = next(value for key, value in root.value if key.value == mapping)
    first_key = value.value[0][0].start_mark
    indent = " " * first_key.column
    lines = text.splitlines(keepends=True)
    lines[first_key.line:first_key.line] = [indent + line if line.strip() else line
                                            for line in block.splitlines(keepends=True)]
    return "".join(lines), first_key.line + 1


def practice_skeletons(slug: str, handbook) -> list[tuple[str, str, str]]:
    """The new role's entries in cadence.yaml and settings.yaml (every role needs both): (file, mapping, block)."""
    templates = _text_templates()
    cadence = templates.get_template("cadence-skeleton.yaml.j2").render(
        slug=slug, events=[event.id for event in handbook.cadence.events])
    settings = templates.get_template("settings-skeleton.yaml.j2").render(
        slug=slug, sizes=[size.id for size in handbook.settings.company_sizes])
    return [("data/cadence.yaml", "roles", cadence), ("data/settings.yaml", "roles_by_size", settings)]


def reserved_slugs(root: Path, handbook) -> dict[str, str]:
    """Names a new role cannot take, each with why (Chinese): what the URL scheme reserves, the RACI parties' ids
    (a RACI member is a role or a party), and every file already in ``data/roles/`` or ``handbook/roles/``.
    Current and former slugs are :func:`new_role`'s first refusal."""
    why = {name: say("slug_reserved_url") for name in RESERVED_SLUGS}
    for party in handbook.activities.parties:
        why.setdefault(party.id, say("slug_reserved_party", name=party.name))
    for folder in ("data/roles", f"{DOCS_DIR}/{ROLES_DIR}"):
        with contextlib.suppress(OSError):
            for entry in os.scandir(root / folder):
                why.setdefault(entry.name.split(".")[0], say("slug_reserved_file", path=f"{folder}/{entry.name}"))
    return why


def new_role(root: Path, slug: str, family: str | None, activity: str | None = None) -> int:
    """Write ``data/roles/<slug>.yaml`` and ``handbook/roles/<slug>.md``; print the next steps. Every refusal
    comes before anything is written."""
    if not re.fullmatch(SLUG_RE, slug):  # fullmatch: `$` alone also matches before a final line break
        _refuse(_shown_slug(slug), say("slug_invalid"))
        return 2
    if len(slug) > SLUG_MAX:
        _refuse(_shown_slug(slug), say("slug_too_long", length=len(slug), most=SLUG_MAX))
        return 2
    try:
        handbook = load_handbook(root).handbook
    except HandbookError as error:
        for problem in error.problems:
            print(ERROR + str(problem), file=sys.stderr)
        _refuse("new-role", say("new_role_needs_valid_data"))
        return 1
    data_file = root / "data" / "roles" / f"{slug}.yaml"
    page = root / DOCS_DIR / role_src(slug)
    taken = set(handbook.role_by_slug) | {former for role in handbook.roles for former in role.former_slugs}
    if slug in taken:
        _refuse(slug, say("slug_taken"))
        return 1
    if reason := reserved_slugs(root, handbook).get(slug):
        _refuse(slug, say("slug_reserved", reason=reason))
        return 1
    family = family or handbook.families[0].id
    if family not in handbook.family_by_id:
        _refuse("--family", say("family_unknown", family=family, choices="、".join(handbook.family_by_id)))
        return 2
    activity_ids = [a.id for a in handbook.activities.activities]
    if activity and activity not in activity_ids:
        _refuse("--activity", say("activity_unknown", activity=activity, choices="、".join(activity_ids)))
        return 2
    # Every file's new text first, then every check, then the writes: a refusal leaves the project as it was.
    writes = {data_file: skeleton(slug, family, handbook, dt.date.today()), page: stub_text(slug)}
    places = []
    for file, mapping, block in practice_skeletons(slug, handbook):
        text, line = add_under((root / file).read_text(encoding="utf-8"), mapping, block)
        writes[root / file] = text
        places.append(f"{file}:{line}")
    if activity:
        activities = root / "data" / "activities.yaml"
        writes[activities], raci_line = add_to_raci(activities.read_text(encoding="utf-8"), activity, slug)
    for path in writes:
        target(root, path)  # refuses a link, or a folder leading out of the project
    _write_all(root, writes)
    path = data_file.relative_to(root).as_posix()
    print(say("wrote", path=path))
    print(say("wrote", path=page.relative_to(root).as_posix()))
    for place in places:
        print(say("added_role_to", place=place, slug=slug))
    steps = [say("step_preview", slug=slug),
             say("step_fill_placeholders", path=path, placeholder=PLACEHOLDERS[0], english=PLACEHOLDERS[1],
                 ids="、".join(skeleton_ids(slug))),
             say("step_fill_practice", places=" 和 ".join(places))]
    if activity:
        print(say("added_role_to_raci", activity=activity, slug=slug, line=raci_line))
        steps.append(say("step_check_raci", line=raci_line))
    else:
        steps.append(say("step_add_raci", slug=slug))
    columns = _columns_line(writes.get(root / "data" / "activities.yaml")
                            or (root / "data" / "activities.yaml").read_text(encoding="utf-8"))
    if columns:
        steps.append(say("step_add_column", slug=slug, line=columns))
    steps += [say("step_check", slug=slug), say("step_publish", path=path)]
    print("\n" + say("next_steps"))
    for number, step in enumerate(steps, 1):
        print(f"  {number}. {step}")
    return 0


def _columns_line(text: str) -> int | None:
    """The line of ``columns:`` in activities.yaml (the RACI matrix's column order), if it has one."""
    match = re.search(r"^columns:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _shown_slug(slug: str) -> str:
    """A slug as a refusal names it: its first 40 characters, control characters escaped."""
    shown = slug if len(slug) <= 40 else slug[:40] + "…"
    return shown if shown.isprintable() else repr(shown)


def _refuse(where: str, message: str) -> None:
    """One line saying why new-role writes nothing."""
    print(ERROR + say("refused", where=where, message=message), file=sys.stderr)


def _write_all(root: Path, writes: dict[Path, str]) -> None:
    """Write every file, or none: when one fails (a full disk), those already written are put back."""
    done: list[tuple[Path, str | None]] = []
    try:
        for path, text in writes.items():
            before = path.read_text(encoding="utf-8") if os.path.lexists(path) else None
            write_file(root, path, text)
            done.append((path, before))
    except BaseException:
        for path, before in reversed(done):
            with contextlib.suppress(OSError, WriteError):
                if before is None:
                    path.unlink()
                else:
                    write_file(root, path, before)
        raise
