"""The maintainer guide's examples of mistakes: real files broken one way each, with what ``check`` says.

Generated like the JSON Schemas (``python -m macros schemas``) into ``data/guide-examples.json``, which the
guide's page reads; ``check`` and a test fail when the file is out of date with the data or the messages.
Each mistake is made in a temporary copy of ``data/``: the real files are never touched.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from ..data.files import write_file
from ..data.models import Handbook
from ..data.read import HandbookError, load_handbook
from ..site.pages import GUIDE_EXAMPLES, BrokenExample


def _first_line(text: str, pattern: str) -> str:
    match = re.search(pattern, text, flags=re.MULTILINE)
    if not match:
        raise LookupError(pattern)
    return match.group(0)


# (title, which file, a line to find (regex), how to change it, how to fix the message)
Mistake = tuple[str, Callable[[Handbook], str], str, Callable[[str], str], str]
MISTAKES: tuple[Mistake, ...] = (
    ("技能等级超出范围", lambda h: h.role_sources[h.roles[0].slug], r"^ +levels: \{.*\d\}$",
     lambda line: re.sub(r"\d\}$", "7}", line), "等级只能是 1–4：改回 1、2、3 或 4。"),
    ("技能等级在更高的级别反而下降", lambda h: h.role_sources[h.roles[0].slug], r"^ +levels: \{.*: [2-4], .*: [2-4]\}$",
     lambda line: re.sub(r"\d\}$", "1}", line), "高一级别的期望等级不能低于下一级别：改成不低于前一个级别的等级。"),
    ("岗位的级别不连续", lambda h: h.role_sources[h.roles[0].slug], r"^  levels: \[[a-z-]+, [a-z-]+, [a-z-]+.*\]$",
     lambda line: re.sub(r", [a-z-]+,", ",", line, count=1), "岗位覆盖的级别要在序列中相邻、由低到高：补上中间的级别。"),
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
    """Break the real data, one mistake at a time in a copy of it, and collect what ``check`` says."""
    examples = []
    with tempfile.TemporaryDirectory(prefix="handbook-examples-") as scratch:
        copy = Path(scratch)
        shutil.copytree(root / "data", copy / "data")
        for title, choose_file, pattern, change, fix in MISTAKES:
            file = choose_file(handbook)
            text = (root / file).read_text(encoding="utf-8")
            try:
                before = _first_line(text, pattern)
            except LookupError:
                continue  # the data is written in another style (e.g. flow mappings): show the other examples
            after = change(before)
            (copy / file).write_text(text.replace(before, after, 1), encoding="utf-8")
            try:
                load_handbook(copy)
            except HandbookError as error:
                # The message about the lines written last (a misspelt field also leaves one missing).
                first = text[:text.index(before)].count("\n") + 1
                changed = range(first, first + after.count("\n") + 1)
                here = [problem for problem in error.problems if problem.file == file]
                shown = sorted(here, key=lambda problem: (problem.line not in changed, -problem.line))
                shown = shown or list(error.problems)
                banner = "" if examples else preview_banner(root, [shown[0]])
                examples.append(BrokenExample(title, file, before, after, str(shown[0]), fix, banner))
            else:  # would mean a rule stopped working: never write a guide that says otherwise
                raise AssertionError(f"the mistake {title!r} was not reported")
            finally:
                (copy / file).write_text(text, encoding="utf-8")
    return examples


def preview_banner(root: Path, problems: list) -> str:
    """The banner `make serve` shows for these problems, from the template the live one is made of
    (overrides/partials/preview-banner.html), filled in as its script fills it: file:line:column set apart."""
    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(root / "overrides")), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    lines = [{"where": where, "rest": str(problem)[len(where):]}
             for problem in problems for where in [f"{problem.file}:{problem.line}:{problem.column}"]]
    html = environment.get_template("partials/preview-banner.html").render(live=False, problems=lines)
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_examples(root: Path, handbook: Handbook) -> str:
    """The text of ``data/guide-examples.json`` for the data as it is."""
    examples = [dataclasses.asdict(example) for example in validation_examples(root, handbook)]
    return json.dumps(examples, ensure_ascii=False, indent=2) + "\n"


def write_examples(root: Path, handbook: Handbook) -> list[Path]:
    """Write ``data/guide-examples.json`` if it changed; return it if it did."""
    path = root / GUIDE_EXAMPLES
    text = render_examples(root, handbook)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return []
    write_file(root, path, text)
    return [path]
