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
     f"{CAREER}:28:13: tracks[1].levels[1].id: duplicate id 'junior' (already used on line 20)"),
    ("track id used twice", CAREER, "  - id: coordination", "  - id: project-management",
     f"{CAREER}:15:9: tracks[1].id: duplicate id 'project-management' (already used on line 2)"),
    ("track named like the overview page", CAREER, "  - id: coordination", "  - id: index",
     f"{CAREER}:2:9: tracks[0].id: 'index' is the career overview page (/career/); choose another track id"),
    ("level id that is a track page section", CAREER, "      - id: coordinator", "      - id: roles",
     f"{CAREER}:7:13: tracks[0].levels[0].id: 'roles' is a section anchor of every track page; "
     "choose another level id"),
    ("level id that looks like a comparison", CAREER, "      - id: coordinator", "      - id: go-to-market",
     f"{CAREER}:7:13: tracks[0].levels[0].id: expected a level id without the word 'to' (kept for comparison "
     "anchors such as 'junior-to-intermediate'), got 'go-to-market'"),
    ("role on an unknown track", RM, "track: project-management", "track: projects",
     f"{RM}:30:17: career.track: unknown career track 'projects': expected one defined in data/career.yaml "
     "(tracks) (coordination, project-management)"),
    ("role level not in its track", RM, "levels: [junior, intermediate]}", "levels: [junior, expert]}",
     f"{RM}:30:45: career.levels[1]: unknown level 'expert' of track 'project-management': expected one of "
     "junior, intermediate, senior"),
    ("role levels with a gap", RM, "levels: [junior, intermediate]}", "levels: [junior, senior]}",
     f"{RM}:30:45: career.levels: expected contiguous levels of track 'project-management', lowest first "
     "(junior, intermediate, senior), got junior, senior"),
    ("role levels out of order", RM, "levels: [junior, intermediate]}", "levels: [intermediate, junior]}",
     f"{RM}:30:45: career.levels: expected contiguous levels of track 'project-management', lowest first "
     "(junior, intermediate), got intermediate, junior"),
    ("role level twice", RM, "levels: [junior, intermediate]}", "levels: [junior, junior]}",
     f"{RM}:30:45: career.levels: expected each level once"),
    ("skill without a level at a spanned level", RM, "{junior: 2, intermediate: 3}", "{junior: 2}",
     f"{RM}:25:13: skills[0].levels: expected a proficiency (1–4) for every level the role spans "
     "(junior, intermediate), missing intermediate"),
    ("skill level at a level the role does not span", RM, "{junior: 2, intermediate: 3}",
     "{junior: 2, intermediate: 3, senior: 3}",
     f"{RM}:25:13: skills[0].levels.senior: 'senior' is not a level this role spans: expected one of "
     "junior, intermediate (career.levels)"),
    ("skill level that falls", RM, "{junior: 2, intermediate: 3}", "{junior: 3, intermediate: 2}",
     f"{RM}:25:13: skills[0].levels.intermediate: expected at least 3 (the level at 'junior'; expected levels "
     "never fall from one level to the next), got 2"),
    ("skill level as a word", RM, "{junior: 2, intermediate: 3}", "{junior: 2, intermediate: 熟练}",
     f"{RM}:25:39: skills[0].levels.intermediate: expected a whole number, got '熟练'"),
    ("join to an unknown level", CAREER, "to_level: project-management/junior",
     "to_level: project-management/expert",
     f"{CAREER}:46:15: joins[0].to_level: unknown level 'expert' of track 'project-management': expected one of "
     "junior, intermediate, senior"),
    ("join from an unknown track", CAREER, "from_level: coordination/coordinator", "from_level: coord/coordinator",
     f"{CAREER}:45:17: joins[0].from_level: unknown career track 'coord': expected one defined in "
     "data/career.yaml (tracks) (coordination, project-management)"),
    ("join within one track", CAREER, "to_level: project-management/junior", "to_level: coordination/coordinator",
     f"{CAREER}:46:15: joins[0].to_level: expected a level of another track than 'coordination' (a join leads "
     "from one track to another), got 'coordination/coordinator'"),
    ("join without its track", CAREER, "to_level: project-management/junior", "to_level: junior",
     f"{CAREER}:46:15: joins[0].to_level: expected a track id and one of its level ids joined by '/', "
     "e.g. project-management/junior, got 'junior'"),
    ("join listed twice", CAREER, "    note: 协调员成长为初级项目经理。\n",
     "    note: 协调员成长为初级项目经理。\n  - from_level: coordination/coordinator\n"
     "    to_level: project-management/junior\n    note: 又写了一遍。\n",
     f"{CAREER}:48:17: joins[1].from_level: duplicate join coordination/coordinator → project-management/junior "
     "(already listed on line 45)"),
    ("certification at an unknown level", CAREER, "levels: [project-management/intermediate]",
     "levels: [project-management/expert]",
     f"{CAREER}:56:14: certifications[0].levels[0]: unknown level 'expert' of track 'project-management': "
     "expected one of junior, intermediate, senior"),
    ("certification for a role at none of its levels", CAREER, "levels: [project-management/intermediate]",
     "levels: [coordination/coordinator]",
     f"{CAREER}:57:12: certifications[0].roles: role 'project-manager' spans none of this certification's "
     "levels: expected one of project-management/junior, project-management/intermediate in 'levels', "
     "or remove the role"),
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
    assert found == [f"{RM}:25:39: skills[0].levels.intermediate: expected 1–4, got 7"]


def run(project, *command):
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), *command],
                          capture_output=True, text=True, cwd=project)


def test_track_without_page_and_page_without_track_fail_check(minimal_project):
    (minimal_project / "handbook/career/coordination.md").unlink()
    (minimal_project / "handbook/career/orphan.md").write_text("---\ntrack: orphan\n---\n\n{{ track_page() }}\n",
                                                               encoding="utf-8")
    result = run(minimal_project, "check")
    assert result.returncode == 1
    assert ("error: data/career.yaml:1:1: tracks: career track 'coordination' has no page "
            "handbook/career/coordination.md: run `python -m macros sync-stubs`") in result.stderr
    assert ("error: handbook/career/orphan.md:2:1: track: expected a career track of data/career.yaml (tracks), "
            "got 'orphan'") in result.stderr
    fixed = run(minimal_project, "sync-stubs")
    assert "wrote handbook/career/coordination.md" in fixed.stdout
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
    assert (f"error: data/url-contract.txt:{line}:1: 'career/project-management/#intermediate' was promised but "
            "no longer resolves") in result.stderr
