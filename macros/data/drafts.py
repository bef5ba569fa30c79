"""What a draft role still needs before it can be published: the scaffold's placeholder texts and ids.

``new-role`` writes a draft whose texts read 请填写 (and an English title reading "Please fill in") and whose
anchors are examples (``area-one``, ``<slug>-first-question``). In a draft they are its to-do list (warnings,
file:line); a published role with placeholder text is an error: it would show 请填写 to every reader. The other
to-dos (RACI letters, columns, cadence, staffing) are the rules' own (:mod:`.rules`), reported as to-dos for a
draft.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, Iterable

import yaml

from .messages import say
from .models import Role
from .problems import Collector, Problem

PLACEHOLDERS = ("请填写", "Please fill in")
PLACEHOLDER = PLACEHOLDERS[0]
# The shared files where new-role adds a role's entry under a top-level mapping, by slug.
ROLE_ENTRIES = {"data/cadence.yaml": "roles", "data/settings.yaml": "roles_by_size"}


def skeleton_ids(slug: str) -> tuple[str, ...]:
    """The example anchors of new-role's skeleton (role-skeleton.yaml.j2)."""
    return "area-one", "area-two", f"{slug}-first-question", f"{slug}-second-question"


def check_drafts(texts: dict[str, str], roles: Iterable[tuple[str, Role | None]], out: Collector) -> None:
    """Placeholder texts (errors in a published role, to-dos in a draft) and example ids (to-dos) of every role,
    in its file and in its entries of cadence.yaml and settings.yaml."""
    status = {role.slug: role.status for _file, role in roles if role is not None}
    for file, role in roles:
        if role is not None and file in texts and PurePosixPath(file).stem == role.slug:
            _report(out, file, _placeholder_lines(texts[file]), role.slug, role.status)
            if role.status == "draft":
                _example_ids(out, role)
    for file, mapping in ROLE_ENTRIES.items():
        text = texts.get(file, "")
        found = _placeholder_lines(text)
        if not found:
            continue
        owners = _owners(text, mapping)
        for slug, lines in owners.items():
            _report(out, file, [item for item in found if item[0] in lines], slug, status.get(slug))


def draft_summaries(handbook: Any, todos: Iterable[Problem]) -> list[str]:
    """One line per draft: how many to-dos are left (or none), and how to publish it."""
    todos = list(todos)
    lines = []
    for draft in handbook.drafts:
        prefix = say("todo", slug=draft.slug, message="")
        count = sum(todo.message.startswith(prefix) for todo in todos)
        file = handbook.role_sources[draft.slug]
        lines.append(say("drafts_summary", slug=draft.slug, count=count, file=file) if count else
                     say("draft_ready", slug=draft.slug, file=file))
    return lines


def _placeholder_lines(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, placeholder, the line) of each line that still holds a placeholder, comments aside."""
    if not any(placeholder in text for placeholder in PLACEHOLDERS):
        return []
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        placeholder = next((each for each in PLACEHOLDERS if each in line), None)
        if placeholder and not line.lstrip().startswith("#"):
            found.append((number, line.index(placeholder) + 1, placeholder, line.strip()))
    return found


def _owners(text: str, mapping: str) -> dict[str, range]:
    """The lines of each role's entry under a top-level mapping (``roles:`` of cadence.yaml), by slug."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}  # the reader reports it
    value = next((value for key, value in getattr(root, "value", []) if getattr(key, "value", None) == mapping), None)
    if not isinstance(value, yaml.MappingNode):
        return {}
    starts = [key.start_mark.line + 1 for key, _entry in value.value] + [value.end_mark.line + 2]
    return {key.value: range(start, end) for (key, _entry), start, end in zip(value.value, starts, starts[1:])}


def _report(out: Collector, file: str, found: list[tuple[int, int, str, str]], slug: str, status: str | None) -> None:
    for line, column, placeholder, text in found:
        where = Problem(file, line, column, "", "")
        message = say("todo_placeholder", placeholder=placeholder, text=text)
        if status == "draft":
            out.todo(where, slug, message)
        elif status == "published":
            out.add(where, say("published_placeholder", message=message))


def _example_ids(out: Collector, role: Role) -> None:
    examples = skeleton_ids(role.slug)
    items: list[Any] = [*role.responsibilities, *role.faq]
    for item in items:
        if item.id in examples:
            url = f"/roles/{role.slug}/#{item.id}" if item in role.responsibilities else f"/faq/#{item.id}"
            out.todo(out.place(item, "id"), role.slug, say("todo_placeholder_id", id=item.id, url=url))
