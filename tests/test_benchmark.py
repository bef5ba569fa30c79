"""The build benchmark's own machinery: synthetic data passes the real validation, the synthetic project and its
plain-MkDocs floor both build with --strict, and the floor really is the same pages."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from benchmarks import floor, measure
from benchmarks.project import synthetic_project
from benchmarks.synthetic import role_names
from macros.data.read import load_handbook

ROLES = 20


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    return synthetic_project(tmp_path_factory.mktemp("bench") / "project", ROLES)


def _build(root: Path, site: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None):
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / config),
               "--site-dir", str(site)]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_synthetic_data_passes_the_real_validation(project):
    handbook = load_handbook(project.root).handbook
    assert len(handbook.roles) == ROLES
    for activity in handbook.activities.activities:
        letters = Counter(activity.raci.values())
        assert letters["A"] == 1 and letters["R"] >= 1
        assert len(activity.raci) <= ROLES // 30 + 1 + 3  # bounded: its doers plus three core roles
    acting = {slug for a in handbook.activities.activities for slug, letter in a.raci.items() if letter in "RA"}
    assert acting == {role.slug for role in handbook.roles}
    for role in handbook.roles:
        assert len(role.responsibilities) == 4 and len(role.skills) == 6 and len(role.faq) == 2
    assert 1200 <= project.role_chars / ROLES <= 1800  # about 1,500 Chinese characters per role


def test_check_passes_on_the_synthetic_project(project):
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(project.root), "check"],
                            cwd=project.root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"ok: {ROLES} roles" in result.stdout


def test_slugs_stay_unique_and_valid_at_a_thousand_roles():
    names = role_names(1000)
    assert len({name.slug for name in names}) == 1000 and len({name.name for name in names}) == 1000


@pytest.mark.slow
def test_the_synthetic_project_builds_strict_and_its_floor_is_the_same_pages(project, tmp_path):
    site = _build(project.root, tmp_path / "site")
    role = project.sample_role
    assert (site / "roles" / role / "index.html").exists()
    assert (site / "search" / "search_index.json").exists()

    captured = tmp_path / "captured"
    floor.prepare_capture(project.root)
    _build(project.root, tmp_path / "site-capture", floor.CAPTURE_CONFIG, {floor.CAPTURE_ENV: str(captured)})
    floor_root = floor.floor_project(project.root, captured, tmp_path / "floor")
    assert "macros" not in (floor_root / "mkdocs.yml").read_text(encoding="utf-8").split("plugins:")[1].split(
        "markdown_extensions:")[0]
    floor_site = _build(floor_root, tmp_path / "floor-site")

    def article(site_dir: Path) -> str:
        page = BeautifulSoup((site_dir / "roles" / role / "index.html").read_text(encoding="utf-8"), "html.parser")
        body = page.select_one("article")
        for button in body.select("a.md-content__button"):  # the edit link points at the YAML only in the handbook
            button.decompose()
        for term in body.select("abbr[data-term]"):  # glossary tooltips are the handbook's own hook, not MkDocs'
            term.unwrap()
        body.smooth()
        return " ".join(body.get_text(" ").split())

    assert article(site) == article(floor_site)
    assert measure.tree_bytes(floor_site) > 0
