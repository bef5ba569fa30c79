"""The hostile and accidental input corpus (hostile_cases.py) against ``check`` and the build.

Every case: the exit status it must give, no traceback, a message naming file, line and field, and the last
good site untouched. ``check`` runs in this process (a case that may take the interpreter down runs in a
subprocess with a time limit); the build runs for the cases that need it (marked slow).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hostile_cases import CASES, Case
from hostile_support import apply, judge, run_check_here, run_command, tree_digest, valid_project_copy

from macros.data.messages import ERROR

BUILD_CASES = [case for case in CASES if case.build]


@pytest.fixture(scope="session")
def valid_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = valid_project_copy(tmp_path_factory.mktemp("hostile") / "project")
    site = project / "site"  # what check must never touch: a stand-in for the last good site
    (site / "roles").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>上一次的站点</title>\n", encoding="utf-8")
    (site / "roles" / "index.html").write_text("<!doctype html><title>岗位</title>\n", encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small valid project with its site really built: the last good site of the build cases."""
    project = valid_project_copy(tmp_path_factory.mktemp("hostile-built") / "project")
    answer = run_command(project, "build", timeout=300)
    assert answer.status == 0, answer.output
    return project


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


def test_the_corpus_is_large_and_covers_every_class() -> None:
    classes = {case.cls for case in CASES}
    assert len(CASES) >= 150, len(CASES)
    assert {"syntax", "types", "bytes", "yaml features", "size", "files", "stubs", "contract", "lists", "text",
            "injection"} <= classes


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_answers_every_case(case: Case, valid_project: Path, tmp_path: Path) -> None:
    project = _copy(valid_project, tmp_path / "project")
    apply(project, case.edits)
    site_before = tree_digest(project / "site")
    answer = run_command(project, "check") if case.isolate else run_check_here(project)
    faults = judge(case, project, answer)
    if tree_digest(project / "site") != site_before:
        faults.append("the last good site changed")
    assert not faults, f"{case.name}: {'; '.join(faults)}\n--- output ---\n{answer.output[-3000:]}"


@pytest.mark.slow
@pytest.mark.parametrize("case", BUILD_CASES, ids=[case.name for case in BUILD_CASES])
def test_build_answers_as_check_does_and_keeps_the_last_good_site(case: Case, built_project: Path,
                                                                  tmp_path: Path) -> None:
    project = _copy(built_project, tmp_path / "project")
    apply(project, case.edits)
    site_before = tree_digest(project / "site")
    answer = run_command(project, "build", timeout=300)
    # The build prints check's messages without check's "错误：" prefix.
    answer.output = "\n".join((ERROR + line if not line.startswith(ERROR) else line)
                              for line in answer.output.splitlines())
    faults = judge(case, project, answer) if case.exit else []
    if answer.status == 0 and case.exit:
        faults.append("the build published what check rejects")
    if case.exit and tree_digest(project / "site") != site_before:
        faults.append("the last good site changed")
    assert "Traceback (most recent call last)" not in answer.output
    assert not list(project.glob("site.*")), "a staging or retired folder was left behind"
    assert not faults, f"{case.name}: {'; '.join(faults)}\n--- output ---\n{answer.output[-3000:]}"
