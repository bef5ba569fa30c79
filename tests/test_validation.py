"""Every validation rule, one bad input each: the check names file, line, column, field and what was expected."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.read import HandbookError, load_handbook

RM = "data/roles/risk-manager.yaml"


def edit(project: Path, file: str, old: str, new: str) -> None:
    """Replace one exact piece of a data file (it must be there exactly once)."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems_of(project: Path) -> list[str]:
    with pytest.raises(HandbookError) as caught:
        load_handbook(project)
    return [str(problem) for problem in caught.value.problems]


# (case, file, old text, new text, expected message: exact line of output)
CASES = [
    ("yaml syntax", RM, "summary: 一句话简介。", "summary: [一句话简介。",
     "data/roles/risk-manager.yaml:7:8: invalid YAML: while parsing a flow sequence (started on line 6) "
     "did not find expected ',' or ']'"),
    ("duplicate key", RM, "mission: 使命说明。", "mission: 使命说明。\nsummary: 第二句。",
     f"{RM}:8:1: summary: duplicate key (first set on line 6)"),
    ("missing field", RM, "owner: PMO 知识管理组\n", "",
     f"{RM}:1:1: missing required field 'owner'"),
    ("unknown field with suggestion", RM, "mission:", "misson:",
     f"{RM}:7:1: misson: unknown field; did you mean 'mission'?"),
    ("mistyped number", RM, "intermediate: 3}", "intermediate: high}",
     f"{RM}:25:39: skills[0].levels.intermediate: expected a whole number, got 'high'"),
    ("level out of range", RM, "intermediate: 3}", "intermediate: 7}",
     f"{RM}:25:39: skills[0].levels.intermediate: expected 1–4, got 7"),
    ("number where text expected", RM, "name_en: Role risk-manager", "name_en: 2024",
     f"{RM}:3:10: name_en: expected text, got a number '2024' (put it in quotes if it is meant as text)"),
    ("empty string", RM, "mission: 使命说明。", 'mission: ""',
     f"{RM}:7:10: mission: expected text, got an empty string"),
    ("bad date", RM, "last_reviewed: 2026-10-01", "last_reviewed: 2026-13-45",
     f"{RM}:39:16: last_reviewed: expected a date as YYYY-MM-DD, got '2026-13-45'"),
    ("text where list expected", RM, "aliases: [别名]", "aliases: 别名",
     f"{RM}:5:10: aliases: expected a list, got text"),
    ("too few duties", RM, "      - 跟踪进度。\n", "",
     f"{RM}:13:7: responsibilities[0].duties: expected at least 3 item(s), got 2"),
    ("slug format", RM, "slug: risk-manager", "slug: Risk_Manager",
     f"{RM}:1:7: slug: expected lowercase ASCII words joined by '-', e.g. risk-manager, got 'Risk_Manager'"),
    ("file name differs from slug", RM, "slug: risk-manager", "slug: risk-boss",
     f"{RM}:1:7: slug: expected the file name's slug 'risk-manager', got 'risk-boss' "
     "(rename the file to risk-boss.yaml or fix the slug)"),
    ("unknown role reference", RM, "  - role: project-manager", "  - role: project-managr",
     f"{RM}:28:11: collaborates_with[0].role: unknown role 'project-managr': expected one defined in "
     "data/roles/<slug>.yaml (project-manager, risk-manager)"),
    ("unknown skill reference", RM, "  - skill: risk-management", "  - skill: risk-mgmt",
     f"{RM}:24:12: skills[0].skill: unknown skill 'risk-mgmt': expected one defined in data/skills.yaml (skills) "
     "(risk-management)"),
    ("unknown career level", RM, "levels: [junior, intermediate]}", "levels: [junior, expert]}",
     f"{RM}:30:45: career.levels[1]: unknown level 'expert' of track 'project-management': expected one of "
     "junior, intermediate, senior"),
    ("unknown family", RM, "family: delivery", "family: governance",
     f"{RM}:4:9: family: unknown family 'governance': expected one defined in data/families.yaml (delivery)"),
    ("two accountable roles", "data/activities.yaml", "      risk-manager: R\n    reason:",
     "      risk-manager: A\n    reason:",
     "data/activities.yaml:12:7: activities[0].raci: expected exactly one A (one accountable role or party), "
     "got 2 (project-manager, risk-manager)"),
    ("no responsible role", "data/activities.yaml", "      risk-manager: R\n    reason:",
     "      risk-manager: C\n    reason:",
     "data/activities.yaml:12:7: activities[0].raci: expected at least one R (a role or party that does the work), got none"),
    ("letter other than RACI", "data/activities.yaml", "      risk-manager: R\n    reason:",
     "      risk-manager: X\n    reason:",
     "data/activities.yaml:13:21: activities[0].raci.risk-manager: expected one of R, A, C, I, got 'X'"),
    ("unknown role in RACI", "data/activities.yaml", "      risk-manager: R\n    reason:",
     "      risk-managr: R\n    reason:",
     "data/activities.yaml:13:7: activities[0].raci: unknown role or RACI party 'risk-managr': expected one "
     "defined in data/roles/<slug>.yaml or data/activities.yaml (parties) (project-manager, risk-manager)"),
    ("duplicate id across files", RM, "  - id: risk-manager-tools", "  - id: pm-responsibilities",
     f"{RM}:35:9: faq[1].id: duplicate id 'pm-responsibilities' (already used on data/faq.yaml:5)"),
    ("anchor that is a section of every page", RM, "  - id: monitoring", "  - id: overview",
     f"{RM}:16:9: responsibilities[1].id: 'overview' is a section anchor of every role page; choose another id"),
    ("former slug of a current role", RM, "last_reviewed: 2026-10-01", "last_reviewed: 2026-10-01\nformer_slugs: [project-manager]",
     f"{RM}:40:15: former_slugs: former slug 'project-manager' is the slug of a current role; "
     "a URL can lead to one page only"),
    ("skill with three level descriptors", "data/skills.yaml", "      - 能设计风险管理体系。\n", "",
     "data/skills.yaml:30:7: skills[0].levels: expected at least 4 item(s), got 3"),
    ("collaborating with itself", RM, "  - role: project-manager", "  - role: risk-manager",
     f"{RM}:28:11: collaborates_with[0].role: a role cannot collaborate with itself: name another role"),
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
    assert ("data/activities.yaml:7:3: activities: role 'quality-manager' is R or A in no activity: "
            "every role must do or own some work") in problems_of(minimal_project)


def test_every_problem_is_collected_not_just_the_first(minimal_project):
    edit(minimal_project, RM, "intermediate: 3}", "intermediate: 9}")
    edit(minimal_project, RM, "mission:", "misson:")
    edit(minimal_project, "data/activities.yaml", "      risk-manager: R\n    reason:",
         "      risk-manager: Q\n    reason:")
    edit(minimal_project, "data/glossary.yaml", "    term: PMP", "    term: PMP\n    term: PMI")
    found = problems_of(minimal_project)
    assert len(found) >= 5, found  # the unknown field also makes 'mission' missing
    assert any("skills[0].levels.intermediate: expected 1–4, got 9" in line for line in found)
    assert any("misson: unknown field" in line for line in found)
    assert any("raci.risk-manager: expected one of R, A, C, I, got 'Q'" in line for line in found)
    assert any("data/glossary.yaml:4:5: terms[0].term: duplicate key" in line for line in found)


def test_a_file_with_a_mistake_still_has_its_references_checked(minimal_project):
    edit(minimal_project, RM, "intermediate: 3}", "intermediate: 9}")
    edit(minimal_project, RM, "  - role: project-manager", "  - role: project-managr")
    found = problems_of(minimal_project)
    assert f"{RM}:25:39: skills[0].levels.intermediate: expected 1–4, got 9" in found
    assert (f"{RM}:28:11: collaborates_with[0].role: unknown role 'project-managr': expected one defined in "
            "data/roles/<slug>.yaml (project-manager, risk-manager)") in found


def test_check_command_prints_every_problem_and_exits_1(minimal_project):
    edit(minimal_project, RM, "intermediate: 3}", "intermediate: 7}")
    edit(minimal_project, "data/activities.yaml", "      risk-manager: R\n    reason:",
         "      risk-manager: A\n    reason:")
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, cwd=minimal_project)
    assert result.returncode == 1
    assert f"error: {RM}:25:39: skills[0].levels.intermediate: expected 1–4, got 7" in result.stderr
    assert "expected exactly one A" in result.stderr
    assert "3 problem(s) found in data/." in result.stderr


def test_check_command_passes_on_valid_data(minimal_project):
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, cwd=minimal_project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 2 roles")


def test_stale_review_is_a_warning_not_an_error(minimal_project):
    edit(minimal_project, RM, "last_reviewed: 2026-10-01", "last_reviewed: 2024-01-10")
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, cwd=minimal_project)
    assert result.returncode == 0, result.stderr
    assert f"warning: {RM}:39:16: last_reviewed: not reviewed for" in result.stderr


def test_role_without_page_and_page_without_role_fail_check(minimal_project):
    (minimal_project / "handbook/roles/risk-manager.md").unlink()
    (minimal_project / "handbook/roles/orphan.md").write_text("# 孤儿页面\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, cwd=minimal_project)
    assert result.returncode == 1
    assert "role 'risk-manager' has no page handbook/roles/risk-manager.md" in result.stderr
    assert "handbook/roles/orphan.md:1:1: role: expected front matter 'role: <slug>'" in result.stderr
    fixed = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "sync-stubs"],
                           capture_output=True, text=True, cwd=minimal_project)
    assert "wrote handbook/roles/risk-manager.md" in fixed.stdout
