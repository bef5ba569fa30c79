"""``new-role``: a commented YAML skeleton for a new role, its page stub, and a first RACI entry.

The skeleton is valid from the start (so the preview keeps working while a maintainer fills it in); every
text still reading 请填写 is reported by ``check`` as a warning until it is replaced.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import yaml

from ..data.models import SLUG_RE
from ..data.read import HandbookError, list_role_files, load_handbook
from ..site.urls import DOCS_DIR, role_src
from .stubs import stub_text

PLACEHOLDER = "请填写"


@functools.lru_cache(maxsize=None)
def _text_templates():
    """Plain-text templates (YAML): made on first use, since `check` imports this module only for
    :func:`placeholder_warnings` and needs no Jinja."""
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


def add_to_raci(activities: Path, activity_id: str, slug: str, letter: str = "R") -> int:
    """Give a role a letter in one activity by inserting one line into activities.yaml; return its line."""
    text = activities.read_text(encoding="utf-8")
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
                activities.write_text("".join(lines), encoding="utf-8")
                return first_key.line + 1
    raise KeyError(activity_id)


def add_under(path: Path, mapping: str, block: str) -> int:
    """Insert a YAML block as the first entry of a top-level mapping (``roles:``); return its first line."""
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    value = next(value for key, value in root.value if key.value == mapping)
    first_key = value.value[0][0].start_mark
    indent = " " * first_key.column
    lines = text.splitlines(keepends=True)
    lines[first_key.line:first_key.line] = [indent + line if line.strip() else line
                                            for line in block.splitlines(keepends=True)]
    path.write_text("".join(lines), encoding="utf-8")
    return first_key.line + 1


def add_practice_skeletons(root: Path, slug: str, handbook) -> list[str]:
    """Give a new role its entries in cadence.yaml and settings.yaml (every role needs both); return
    'file:line' of each."""
    templates = _text_templates()
    cadence = templates.get_template("cadence-skeleton.yaml.j2").render(
        slug=slug, events=[event.id for event in handbook.cadence.events])
    settings = templates.get_template("settings-skeleton.yaml.j2").render(
        slug=slug, sizes=[size.id for size in handbook.settings.company_sizes])
    written = []
    for file, mapping, block in (("data/cadence.yaml", "roles", cadence),
                                 ("data/settings.yaml", "roles_by_size", settings)):
        written.append(f"{file}:{add_under(root / file, mapping, block)}")
    return written


def new_role(root: Path, slug: str, family: str | None, activity: str | None = None) -> int:
    """Write ``data/roles/<slug>.yaml`` and ``handbook/roles/<slug>.md``; print the next steps."""
    if not re.match(SLUG_RE, slug):
        print(f"error: {slug!r} is not a valid slug: lowercase ASCII words joined by '-', e.g. release-manager")
        return 2
    try:
        handbook = load_handbook(root).handbook
    except HandbookError as error:
        print(error.report())
        print("fix these first: new-role needs valid data to start from")
        return 1
    data_file = root / "data" / "roles" / f"{slug}.yaml"
    page = root / DOCS_DIR / role_src(slug)
    taken = set(handbook.role_by_slug) | {former for role in handbook.roles for former in role.former_slugs}
    if slug in taken or data_file.exists():
        print(f"error: {slug!r} is already used by a role (or as a former slug); choose another slug")
        return 1
    family = family or handbook.families[0].id
    if family not in handbook.family_by_id:
        print(f"error: unknown family {family!r}; choose one of {', '.join(handbook.family_by_id)}")
        return 2
    activity_ids = [a.id for a in handbook.activities.activities]
    if activity and activity not in activity_ids:
        print(f"error: unknown activity {activity!r}; choose one of {', '.join(activity_ids)}")
        return 2
    data_file.write_text(skeleton(slug, family, handbook, dt.date.today()), encoding="utf-8")
    page.write_text(stub_text(slug), encoding="utf-8")
    print(f"wrote {data_file.relative_to(root)}")
    print(f"wrote {page.relative_to(root)}")
    places = add_practice_skeletons(root, slug, handbook)
    for place in places:
        print(f"added '{slug}' to {place}")
    steps = [f"把 {data_file.relative_to(root)} 中所有「{PLACEHOLDER}」替换为真实内容（每个字段上方有说明）",
             f"在 {' 和 '.join(places)} 填写本岗位的工作节奏和在不同规模公司中的配置"]
    if activity:
        line = add_to_raci(root / "data" / "activities.yaml", activity, slug)
        print(f"added '{slug}: R' to activity {activity!r} (data/activities.yaml:{line})")
        steps.append(f"核对 data/activities.yaml 第 {line} 行附近的 RACI 分工，并在其他相关活动中加入本岗位")
    else:
        steps.append("在 data/activities.yaml 中至少让本岗位在一项活动里担任 R 或 A（每个岗位都必须有实际工作）")
    steps += ["运行 make check 查看还缺什么，运行 make serve 预览页面",
              "运行 python -m macros contract 承诺新页面的网址（发布后网址不能再变）"]
    print("\n下一步：")
    for number, step in enumerate(steps, 1):
        print(f"  {number}. {step}")
    return 0


def placeholder_warnings(root: Path) -> list[str]:
    """Role files (and the role entries new-role adds elsewhere) that still contain scaffold text, as
    'file:line: ...' warnings."""
    warnings = []
    practice_files = [rel for rel in ("data/cadence.yaml", "data/settings.yaml") if (root / rel).exists()]
    for rel in [*list_role_files(root)[0], *practice_files]:  # as the loader lists them: lock files are not roles
        try:
            text = (root / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # the loader reports it
        if PLACEHOLDER not in text:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if PLACEHOLDER in line and not line.lstrip().startswith("#"):
                warnings.append(f"{rel}:{number}: still scaffold text: {line.strip()}")
    return warnings
