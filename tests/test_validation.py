"""Every validation rule, one bad input each: the check names file, line, column, field and what was expected."""

from __future__ import annotations

import subprocess
import sys

import pytest

from data_support import edit, problems_of
from macros.data.read import load_handbook

RM = "data/roles/risk-manager.yaml"


# (case, file, old text, new text, expected message: exact line of output)
CASES = [
    ("yaml syntax", RM, "summary: 一句话简介。", "summary: [一句话简介。",
     f"{RM}:7:8 YAML 写法有误：方括号 [ ] 或花括号 {{ }} 没有合上，或者两项之间少了逗号（从第 6 行开始的列表里）。"
     "请检查这一行和上一行的缩进、冒号和引号。"),
    ("duplicate key", RM, "mission: 使命说明。", "mission: 使命说明。\nsummary: 第二句。",
     f"{RM}:8:1 summary：这个字段写了两次（第 6 行已经写过）：请删掉其中一个。"),
    ("missing field", RM, "owner: PMO 知识管理组\n", "",
     f"{RM}:1:1 缺少必填字段 owner：请补上它。"),
    ("unknown field with suggestion", RM, "mission:", "misson:",
     f"{RM}:7:1 misson：没有这个字段。是不是想写 mission？"),
    ("mistyped number", RM, "intermediate: 3}", "intermediate: high}",
     f"{RM}:25:39 skills[0].levels.intermediate：应为整数，实际是「high」：请写一个不带引号的整数，例如 3。"),
    ("level out of range", RM, "intermediate: 3}", "intermediate: 7}",
     f"{RM}:25:39 skills[0].levels.intermediate：应为 1–4 的整数，实际是 7：请改成 1、2、3 或 4。"),
    ("number where text expected", RM, "name_en: Role risk-manager", "name_en: 2024",
     f"{RM}:3:10 name_en：应为文字，实际是数字「2024」：如果它就是文字，请给它加上引号。"),
    ("empty string", RM, "mission: 使命说明。", 'mission: ""',
     f"{RM}:7:10 mission：应为文字，实际是空的：请填写内容。"),
    ("bad date", RM, "last_reviewed: 2026-10-01", "last_reviewed: 2026-13-45",
     f"{RM}:39:16 last_reviewed：应为日期，格式是 YYYY-MM-DD（例如 2026-03-01），实际是「2026-13-45」：请按这个格式改写。"),
    ("text where list expected", RM, "aliases: [别名]", "aliases: 别名",
     f"{RM}:5:10 aliases：应为列表（每项一行，以 - 开头），实际是文字。"),
    ("too few duties", RM, "      - 跟踪进度。\n", "",
     f"{RM}:13:7 responsibilities[0].duties：应至少有 3 项，实际有 2 项：请补足。"),
    ("slug format", RM, "slug: risk-manager", "slug: Risk_Manager",
     f"{RM}:1:7 slug：应为由小写英文字母和数字组成、用 - 连接的名字，例如 risk-manager，实际是「Risk_Manager」："
     "请按这个格式改写。"),
    ("file name differs from slug", RM, "slug: risk-manager", "slug: risk-boss",
     f"{RM}:1:7 slug：应为文件名里的 slug「risk-manager」，实际是「risk-boss」：请把文件改名为 risk-boss.yaml，"
     "或改正 slug（改好之前，不检查指向「risk-boss」或「risk-manager」的引用）。"),
    ("unknown role reference", RM, "  - role: project-manager", "  - role: project-managr",
     f"{RM}:28:11 collaborates_with[0].role：没有叫「project-managr」的岗位：应为 data/roles/<slug>.yaml 里已有的一个"
     "（project-manager、risk-manager）。请改成其中之一，或先在那里添加它。"),
    ("unknown skill reference", RM, "  - skill: risk-management", "  - skill: risk-mgmt",
     f"{RM}:24:12 skills[0].skill：没有叫「risk-mgmt」的技能：应为 data/skills.yaml 的 skills 里已有的一个"
     "（risk-management）。请改成其中之一，或先在那里添加它。"),
    ("unknown career level", RM, "levels: [junior, intermediate]}", "levels: [junior, expert]}",
     f"{RM}:30:45 career.levels[1]：序列「project-management」没有职级「expert」：应为 junior、intermediate、senior 之一。"),
    ("unknown family", RM, "family: delivery", "family: governance",
     f"{RM}:4:9 family：没有叫「governance」的岗位族：应为 data/families.yaml 的 families 里已有的一个（delivery）。"
     "请改成其中之一，或先在那里添加它。"),
    ("two accountable roles", "data/activities.yaml", "      risk-manager: R\n    reason:",
     "      risk-manager: A\n    reason:",
     "data/activities.yaml:12:7 activities[0].raci：应恰好有一个 A（最终负责的岗位或参与方），实际有 2 个"
     "（project-manager、risk-manager）：请只保留一个 A，其余改为 R、C 或 I。"),
    ("no responsible role", "data/activities.yaml", "      risk-manager: R\n    reason:",
     "      risk-manager: C\n    reason:",
     "data/activities.yaml:12:7 activities[0].raci：应至少有一个 R（实际做这项工作的岗位或参与方），实际一个也没有："
     "请给做这项工作的岗位写 R。"),
    ("letter other than RACI", "data/activities.yaml", "      risk-manager: R\n    reason:",
     "      risk-manager: X\n    reason:",
     "data/activities.yaml:13:21 activities[0].raci.risk-manager：应为 R、A、C、I 之一，实际是「X」：请改成其中一个。"),
    ("unknown role in RACI", "data/activities.yaml", "      risk-manager: R\n    reason:",
     "      risk-managr: R\n    reason:",
     "data/activities.yaml:13:7 activities[0].raci：没有叫「risk-managr」的岗位或 RACI 参与方：应为 "
     "data/roles/<slug>.yaml 或 data/activities.yaml 的 parties 里已有的一个（project-manager、risk-manager）。"
     "请改成其中之一，或先在那里添加它。"),
    ("duplicate id across files", RM, "  - id: risk-manager-tools", "  - id: pm-responsibilities",
     f"{RM}:35:9 faq[1].id：「pm-responsibilities」重复了（data/faq.yaml 第 5 行已经用过）"
     "：每一项的 id 都要不同，请换一个或删掉这一项。"),
    ("anchor that is a section of every page", RM, "  - id: monitoring", "  - id: overview",
     f"{RM}:16:9 responsibilities[1].id：「overview」是每个岗位页面都有的章节锚点：请换一个 id。"),
    ("anchor of the change log", RM, "  - id: monitoring", "  - id: changes",
     f"{RM}:16:9 responsibilities[1].id：「changes」是每个岗位页面都有的章节锚点：请换一个 id。"),
    ("anchor of a job posting's level", RM, "  - id: monitoring", "  - id: jd-senior",
     f"{RM}:16:9 responsibilities[1].id：「jd-senior」以 jd- 开头，这样的锚点留给招聘文案的各个级别："
     "请换一个不以 jd- 开头的 id。"),
    ("former slug of a current role", RM, "last_reviewed: 2026-10-01", "last_reviewed: 2026-10-01\nformer_slugs: [project-manager]",
     f"{RM}:40:15 former_slugs：旧 slug「project-manager」是现有岗位的 slug：一个网址只能通向一个页面。请删掉这一项。"),
    ("skill with three level descriptors", "data/skills.yaml", "      - 能设计风险管理体系。\n", "",
     "data/skills.yaml:30:7 skills[0].levels：应至少有 4 项，实际有 3 项：请补足。"),
    ("collaborating with itself", RM, "  - role: project-manager", "  - role: risk-manager",
     f"{RM}:28:11 collaborates_with[0].role：岗位不能和自己协作：请写另一个岗位。"),
]


@pytest.mark.parametrize("case, file, old, new, expected", CASES, ids=[case[0] for case in CASES])
def test_bad_input_is_reported_precisely(minimal_project, case, file, old, new, expected):
    edit(minimal_project, file, old, new)
    assert expected in problems_of(minimal_project)


def test_the_fixture_itself_is_valid(minimal_project):
    loaded = load_handbook(minimal_project)
    assert [role.slug for role in loaded.handbook.roles] == ["project-manager", "risk-manager"]


def test_a_role_that_does_no_work_is_reported(minimal_project):
    text = (minimal_project / "data/roles/project-manager.yaml").read_text(encoding="utf-8")
    text = text.replace("slug: project-manager", "slug: quality-manager")
    text = text.replace("project-manager-first-week", "qm-first-week").replace("project-manager-tools", "qm-tools")
    (minimal_project / "data/roles/quality-manager.yaml").write_text(text, encoding="utf-8")
    assert ("data/activities.yaml:7:3 activities：岗位「quality-manager」在任何活动里都不是 R 或 A：每个岗位都要做或"
            "负责一些工作。请在 data/activities.yaml 里给它一个 R 或 A。") in problems_of(minimal_project)


def test_every_problem_is_collected_not_just_the_first(minimal_project):
    edit(minimal_project, RM, "intermediate: 3}", "intermediate: 9}")
    edit(minimal_project, RM, "mission:", "misson:")
    edit(minimal_project, "data/activities.yaml", "      risk-manager: R\n    reason:",
         "      risk-manager: Q\n    reason:")
    edit(minimal_project, "data/glossary.yaml", "    term: PMP", "    term: PMP\n    term: PMI")
    found = problems_of(minimal_project)
    assert len(found) >= 5, found  # the unknown field also makes 'mission' missing
    assert any("skills[0].levels.intermediate：应为 1–4 的整数，实际是 9" in line for line in found)
    assert any("misson：没有这个字段" in line for line in found)
    assert any("raci.risk-manager：应为 R、A、C、I 之一，实际是「Q」" in line for line in found)
    assert any("data/glossary.yaml:4:5 terms[0].term：这个字段写了两次" in line for line in found)


def test_a_file_with_a_mistake_still_has_its_references_checked(minimal_project):
    edit(minimal_project, RM, "intermediate: 3}", "intermediate: 9}")
    edit(minimal_project, RM, "  - role: project-manager", "  - role: project-managr")
    found = problems_of(minimal_project)
    assert f"{RM}:25:39 skills[0].levels.intermediate：应为 1–4 的整数，实际是 9：请改成 1、2、3 或 4。" in found
    assert (f"{RM}:28:11 collaborates_with[0].role：没有叫「project-managr」的岗位：应为 data/roles/<slug>.yaml 里已有"
            "的一个（project-manager、risk-manager）。请改成其中之一，或先在那里添加它。") in found


def test_check_command_prints_every_problem_and_exits_1(minimal_project):
    edit(minimal_project, RM, "intermediate: 3}", "intermediate: 7}")
    edit(minimal_project, "data/activities.yaml", "      risk-manager: R\n    reason:",
         "      risk-manager: A\n    reason:")
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, cwd=minimal_project)
    assert result.returncode == 1
    assert f"错误：{RM}:25:39 skills[0].levels.intermediate：应为 1–4 的整数，实际是 7" in result.stderr
    assert "应恰好有一个 A" in result.stderr
    assert "data/ 里共有 3 个问题。" in result.stderr


def test_check_command_passes_on_valid_data(minimal_project):
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, cwd=minimal_project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("检查通过：2 个岗位")


def test_stale_review_is_a_warning_not_an_error(minimal_project):
    edit(minimal_project, RM, "last_reviewed: 2026-10-01", "last_reviewed: 2024-01-10")
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, cwd=minimal_project)
    assert result.returncode == 0, result.stderr
    assert f"警告：{RM}:39:16 last_reviewed：已经 " in result.stderr and "天没有审阅" in result.stderr


def test_role_without_page_and_page_without_role_fail_check(minimal_project):
    (minimal_project / "handbook/roles/risk-manager.md").unlink()
    (minimal_project / "handbook/roles/orphan.md").write_text("# 孤儿页面\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, cwd=minimal_project)
    assert result.returncode == 1
    assert "岗位「risk-manager」还没有页面 handbook/roles/risk-manager.md" in result.stderr
    assert "错误：handbook/roles/orphan.md:1:1 role：页面开头应写 role: <slug>" in result.stderr
    fixed = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "sync-stubs"],
                           capture_output=True, text=True, cwd=minimal_project)
    assert "已写入 handbook/roles/risk-manager.md" in fixed.stdout
