"""Every rule of the career tracks, one bad input each: file, line, column, field path and what was expected."""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_validation import edit, problems_of

from macros.data.read import load_handbook

RM = "data/roles/risk-manager.yaml"
CAREER = "data/career.yaml"

# (case, file, old text, new text, expected message: exact line of output)
CASES = [
    ("level id used twice in a track", CAREER, "      - id: intermediate", "      - id: junior",
     f"{CAREER}:28:13 tracks[1].levels[1].id：「junior」重复了（第 20 行已经用过）：每一项的 "
     "id 都要不同，请换一个或删掉这一项。"),
    ("track id used twice", CAREER, "  - id: coordination", "  - id: project-management",
     f"{CAREER}:15:9 tracks[1].id：「project-management」重复了（第 2 行已经用过）：每一项的 "
     "id 都要不同，请换一个或删掉这一项。"),
    ("track named like the overview page", CAREER, "  - id: coordination", "  - id: index",
     f"{CAREER}:2:9 tracks[0].id：「index」是职业发展总览页（/career/）的名字：请换一个序列 id。"),
    ("level id that is a track page section", CAREER, "      - id: coordinator", "      - id: roles",
     f"{CAREER}:7:13 tracks[0].levels[0].id：「roles」是每个序列页面都有的章节锚点：请换一个职级 id。"),
    ("level id that looks like a comparison", CAREER, "      - id: coordinator", "      - id: go-to-market",
     f"{CAREER}:7:13 tracks[0].levels[0].id：应为不含单词 to 的职级 id（to 留给比较锚点，"
     "例如 junior-to-intermediate），实际是「go-to-market」：请换一个 id。"),
    ("role on an unknown track", RM, "track: project-management", "track: projects",
     f"{RM}:30:17 career.track：没有叫「projects」的职业序列：应为 data/career.yaml "
     "的 tracks 里已有的一个（coordination、project-management）。请改成其中之一，或先在那里添加它。"),
    ("role level not in its track", RM, "levels: [junior, intermediate]}", "levels: [junior, expert]}",
     f"{RM}:30:45 career.levels[1]：序列「project-management」没有职级「expert」："
     "应为 junior、intermediate、senior 之一。"),
    ("role levels with a gap", RM, "levels: [junior, intermediate]}", "levels: [junior, senior]}",
     f"{RM}:30:45 career.levels：应为序列「project-management」里相邻的职级，从低到高（junior、"
     "intermediate、senior），实际是 junior、senior：请补上中间的职级或调整顺序。"),
    ("role levels out of order", RM, "levels: [junior, intermediate]}", "levels: [intermediate, junior]}",
     f"{RM}:30:45 career.levels：应为序列「project-management」里相邻的职级，从低到高（junior、"
     "intermediate），实际是 intermediate、junior：请补上中间的职级或调整顺序。"),
    ("role level twice", RM, "levels: [junior, intermediate]}", "levels: [junior, junior]}",
     f"{RM}:30:45 career.levels：应为每个职级各写一次，实际有重复：请删掉重复的。"),
    ("skill without a level at a spanned level", RM, "{junior: 2, intermediate: 3}", "{junior: 2}",
     f"{RM}:25:13 skills[0].levels：应为岗位覆盖的每个职级（junior、intermediate）"
     "写一个熟练度（1–4），缺少 intermediate：请补上。"),
    ("skill level at a level the role does not span", RM, "{junior: 2, intermediate: 3}",
     "{junior: 2, intermediate: 3, senior: 3}",
     f"{RM}:25:13 skills[0].levels.senior：「senior」不是这个岗位覆盖的职级：应为 "
     "junior、intermediate 之一（见 career.levels）。"),
    ("skill level that falls", RM, "{junior: 2, intermediate: 3}", "{junior: 3, intermediate: 2}",
     f"{RM}:25:13 skills[0].levels.intermediate：应至少为 3（「junior」职级的要求："
     "期望的熟练度不会随职级升高而下降），实际是 2：请改成不低于 3 的等级。"),
    ("skill level as a word", RM, "{junior: 2, intermediate: 3}", "{junior: 2, intermediate: 熟练}",
     f"{RM}:25:39 skills[0].levels.intermediate：应为整数，实际是「熟练」：请写一个不带引号的整数，例如 3。"),
    ("join to an unknown level", CAREER, "to_level: project-management/junior",
     "to_level: project-management/expert",
     f"{CAREER}:46:15 joins[0].to_level：序列「project-management」没有职级「expert」："
     "应为 junior、intermediate、senior 之一。"),
    ("join from an unknown track", CAREER, "from_level: coordination/coordinator", "from_level: coord/coordinator",
     f"{CAREER}:45:17 joins[0].from_level：没有叫「coord」的职业序列：应为 data/career.yaml "
     "的 tracks 里已有的一个（coordination、project-management）。请改成其中之一，或先在那里添加它。"),
    ("join within one track", CAREER, "to_level: project-management/junior", "to_level: coordination/coordinator",
     f"{CAREER}:46:15 joins[0].to_level：应为另一个序列的职级（转岗是从一个序列到另一个序列）"
     "，实际「coordination/coordinator」和出发的职级同在序列「coordination」。"),
    ("join without its track", CAREER, "to_level: project-management/junior", "to_level: junior",
     f"{CAREER}:46:15 joins[0].to_level：应为职业序列 id 和它的一个职级 id，用 "
     "/ 连接，例如 project-management/junior，实际是「junior」：请按这个格式改写。"),
    ("join listed twice", CAREER, "    note: 协调员成长为初级项目经理。\n",
     "    note: 协调员成长为初级项目经理。\n  - from_level: coordination/coordinator\n"
     "    to_level: project-management/junior\n    note: 又写了一遍。\n",
     f"{CAREER}:48:17 joins[1].from_level：转岗 coordination/coordinator → project-management/junior "
     "重复了（第 45 行已经列过）：请删掉一处。"),
    ("certification at an unknown level", CAREER, "levels: [project-management/intermediate]",
     "levels: [project-management/expert]",
     f"{CAREER}:56:14 certifications[0].levels[0]：序列「project-management」没有职级「expert」："
     "应为 junior、intermediate、senior 之一。"),
    ("certification for a role at none of its levels", CAREER, "levels: [project-management/intermediate]",
     "levels: [coordination/coordinator]",
     f"{CAREER}:57:12 certifications[0].roles：岗位「project-manager」不覆盖这个认证的任何职级："
     "应在 levels 里写 project-management/junior、project-management/intermediate 之一，或删掉这个岗位。"),
]


@pytest.mark.parametrize("case, file, old, new, expected", CASES, ids=[case[0] for case in CASES])
def test_bad_career_input_is_reported_precisely(minimal_project, case, file, old, new, expected):
    edit(minimal_project, file, old, new)
    assert expected in problems_of(minimal_project)


def test_a_level_id_need_be_unique_within_its_track_only(minimal_project):
    edit(minimal_project, CAREER, "      - id: coordinator", "      - id: junior")
    edit(minimal_project, CAREER, "from_level: coordination/coordinator", "from_level: coordination/junior")
    handbook = load_handbook(minimal_project).handbook
    assert [track.levels[0].id for track in handbook.career.tracks] == ["junior", "junior"]


def test_a_rejected_skill_level_is_not_also_reported_missing(minimal_project):
    edit(minimal_project, RM, "{junior: 2, intermediate: 3}", "{junior: 2, intermediate: 7}")
    found = [line for line in problems_of(minimal_project) if line.startswith(RM)]
    assert found == [f"{RM}:25:39 skills[0].levels.intermediate：应为 1–4 的整数，实际是 7：请改成 1、2、3 或 4。"]


def run(project, *command):
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), *command],
                          capture_output=True, text=True, cwd=project)


def test_track_without_page_and_page_without_track_fail_check(minimal_project):
    (minimal_project / "handbook/career/coordination.md").unlink()
    (minimal_project / "handbook/career/orphan.md").write_text("---\ntrack: orphan\n---\n\n{{ track_page() }}\n",
                                                               encoding="utf-8")
    result = run(minimal_project, "check")
    assert result.returncode == 1
    assert ("错误：data/career.yaml:1:1 tracks：职业序列「coordination」还没有页面 handbook/career/coordination.md："
            "请运行 python -m macros sync-stubs") in result.stderr
    assert ("错误：handbook/career/orphan.md:2:1 track：应为 data/career.yaml 的 tracks 里的职业序列，"
            "实际写的是「orphan」") in result.stderr
    fixed = run(minimal_project, "sync-stubs")
    assert "已写入 handbook/career/coordination.md" in fixed.stdout
    text = (minimal_project / "handbook/career/coordination.md").read_text(encoding="utf-8")
    assert text == "---\ntrack: coordination\n---\n\n{{ track_page() }}\n"


def test_the_contract_covers_track_pages_and_their_anchors(minimal_project):
    contract = minimal_project / "data/url-contract.txt"
    assert run(minimal_project, "contract").returncode == 0
    promised = contract.read_text(encoding="utf-8").splitlines()
    for url in ("api/career.json", "career/project-management/", "career/project-management/#junior",
                "career/project-management/#junior-to-intermediate", "career/project-management/#comparisons",
                "career/coordination/#coordinator", "career/#stage-junior", "career/#track-coordination"):
        assert url in promised, url
    assert run(minimal_project, "check").returncode == 0
    # Renaming a published level breaks a promise: check says which line.
    edit(minimal_project, CAREER, "      - id: intermediate", "      - id: mid")
    edit(minimal_project, RM, "levels: [junior, intermediate]}", "levels: [junior, mid]}")
    edit(minimal_project, RM, "{junior: 2, intermediate: 3}", "{junior: 2, mid: 3}")
    edit(minimal_project, "data/roles/project-manager.yaml", "levels: [junior, intermediate]}", "levels: [junior, mid]}")
    edit(minimal_project, "data/roles/project-manager.yaml", "{junior: 2, intermediate: 3}", "{junior: 2, mid: 3}")
    edit(minimal_project, CAREER, "levels: [project-management/intermediate]", "levels: [project-management/mid]")
    result = run(minimal_project, "check")
    assert result.returncode == 1
    line = promised.index("career/project-management/#intermediate") + 1
    assert (f"错误：data/url-contract.txt:{line}:1 承诺过的网址 career/project-management/#intermediate 已经失效"
            ) in result.stderr
