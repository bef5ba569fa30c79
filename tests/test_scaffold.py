"""`new-role` writes a commented, valid skeleton and a stub; the site builds with it straight away."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import build_site

from macros.data.read import load_handbook


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), *args],
                          capture_output=True, text=True, cwd=project)


def test_new_role_scaffold_is_valid_and_builds(minimal_project, tmp_path):
    result = run(minimal_project, "new-role", "release-manager", "--activity", "risk-register")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已写入 data/roles/release-manager.yaml" in result.stdout.splitlines()
    assert "已写入 handbook/roles/release-manager.md" in result.stdout.splitlines()
    assert "已在活动「risk-register」里把「release-manager」设为 R（data/activities.yaml:" in result.stdout
    assert "下一步：" in result.stdout

    skeleton = (minimal_project / "data/roles/release-manager.yaml").read_text(encoding="utf-8")
    assert skeleton.startswith("# yaml-language-server: $schema=../schema/role.schema.json\n")
    # Every field is explained by a Chinese comment on the line above it.
    lines = skeleton.splitlines()
    for number, line in enumerate(lines):
        if line and not line.startswith((" ", "#", "-")) and ":" in line:
            assert lines[number - 1].startswith("#"), f"field without comment: {line}"

    role = load_handbook(minimal_project).handbook.page_role_by_slug["release-manager"]
    assert role.family == "delivery" and role.status == "draft"

    check = run(minimal_project, "check")
    assert check.returncode == 0, check.stderr
    # A reminder, not a failure: where the placeholder text still is.
    assert re.search(r"^警告：data/roles/release-manager.yaml:\d+:\d+ 草稿「release-manager」发布前要处理：这一行还是新建岗位"
                     r"时的占位文字「请填写」", check.stderr, re.MULTILINE), check.stderr

    built = build_site(minimal_project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    page = (tmp_path / "site/roles/release-manager/index.html").read_text(encoding="utf-8")
    assert "请填写岗位中文名称" in page


def test_new_role_refuses_taken_and_malformed_slugs(minimal_project):
    taken = run(minimal_project, "new-role", "risk-manager")
    assert taken.returncode == 1 and taken.stderr.startswith("错误：risk-manager：已经有岗位用了这个 slug"), taken.stderr
    malformed = run(minimal_project, "new-role", "Release_Manager")
    assert malformed.returncode == 2, malformed.stderr
    assert malformed.stderr.startswith("错误：Release_Manager：不能用作新岗位的网址名（slug）：应为小写英文单词"), malformed.stderr


def test_new_role_without_activity_explains_the_raci_step(minimal_project):
    result = run(minimal_project, "new-role", "release-manager")
    assert result.returncode == 0
    assert "R 或 A" in result.stdout
    check = run(minimal_project, "check")
    assert check.returncode == 0, check.stderr  # a draft: on its to-do list, not an error
    assert "警告：data/activities.yaml:7:3 activities：草稿「release-manager」发布前要处理：它在任何活动里都不是 R 或 A" \
        in check.stderr, check.stderr
