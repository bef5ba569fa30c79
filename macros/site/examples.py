"""Examples for the maintainer guide, taken from the real data so they never go stale.

``yaml_excerpt`` cuts a record out of a data file exactly as a maintainer sees it; ``validation_examples``
breaks a real file in memory (nothing is written) and shows the message ``check`` really prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from ..data.models import Handbook
from ..data.read import HandbookError, _YamlLoader, load_handbook


def yaml_excerpt(root: Path, file: str, path: tuple[str | int, ...]) -> str:
    """The source text of the node at ``path`` (keys and list indexes) in a data file, with its indentation."""
    text = (root / file).read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=_YamlLoader)  # the C parser: same marks, ten times faster
    for step in path:
        if isinstance(step, int):
            node = node.value[step]
        else:
            node = next(value for key, value in node.value if key.value == step)
    lines = text.splitlines()
    start, end = node.start_mark.line, node.end_mark.line
    if node.end_mark.column == 0:
        end -= 1
    return "\n".join(lines[start:end + 1])


@dataclass(frozen=True)
class BrokenExample:
    """One mistake, the message ``check`` gives for it, and how to fix it."""

    title: str
    file: str
    before: str
    after: str
    message: str
    fix: str


def _first_line(text: str, pattern: str) -> str:
    match = re.search(pattern, text, flags=re.MULTILINE)
    if not match:
        raise LookupError(pattern)
    return match.group(0)


# (title, which file, a line to find (regex), how to change it, how to fix the message)
Mistake = tuple[str, Callable[[Handbook], str], str, Callable[[str], str], str]
MISTAKES: tuple[Mistake, ...] = (
    ("技能等级超出范围", lambda h: h.role_sources[h.roles[0].slug], r"^ +level: \d$",
     lambda line: re.sub(r"\d$", "7", line), "等级只能是 1–4：改回 1、2、3 或 4。"),
    ("字段名拼错", lambda h: h.role_sources[h.roles[0].slug], r"^mission:.*$",
     lambda line: line.replace("mission:", "misson:", 1), "按提示改成正确的字段名。"),
    ("引用了不存在的岗位", lambda h: h.role_sources[h.roles[0].slug], r"^  - role: [a-z-]+$",
     lambda line: line + "s", "岗位要写 slug（data/roles/ 下的文件名，不含 .yaml）。"),
    ("一项活动有两个 A", lambda h: "data/activities.yaml", r"^ +[a-z-]+: R$",
     lambda line: line[:-1] + "A", "每项活动只能有一个最终负责人：把其中一个改为 R、C 或 I。"),
    ("日期格式不对", lambda h: h.role_sources[h.roles[0].slug], r"^last_reviewed: .*$",
     lambda line: line.replace("-", "/"), "日期写成 YYYY-MM-DD，例如 2026-10-15。"),
    ("同一个键写了两次", lambda h: h.role_sources[h.roles[0].slug], r"^summary:.*$",
     lambda line: line + "\nsummary: 又写了一遍。", "删除重复的那一行（YAML 里后写的会悄悄覆盖先写的，所以这里直接报错）。"),
)


def validation_examples(root: Path, handbook: Handbook) -> list[BrokenExample]:
    """Break the real data in memory, one mistake at a time, and collect what ``check`` says."""
    examples = []
    for title, choose_file, pattern, change, fix in MISTAKES:
        file = choose_file(handbook)
        text = (root / file).read_text(encoding="utf-8")
        try:
            before = _first_line(text, pattern)
        except LookupError:
            continue  # the data is written in another style (e.g. flow mappings): show the other examples

        after = change(before)
        try:
            # The build has just read every file: only the edited one is parsed again (performance).
            load_handbook(root, edits={file: text.replace(before, after, 1)}, reread=False)
        except HandbookError as error:
            messages = [str(problem) for problem in error.problems if problem.file == file]
            examples.append(BrokenExample(title, file, before, after, (messages or [str(error.problems[0])])[0], fix))
        else:  # pragma: no cover - would mean a rule stopped working; the guide test catches it
            raise AssertionError(f"the mistake {title!r} was not reported")
    return examples
