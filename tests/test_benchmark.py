"""The build benchmark's own machinery: synthetic data passes the real validation, the synthetic project and its
plain-MkDocs floor both build with --strict, and the floor really is the same pages."""

from __future__ import annotations

import os
import subprocess
import sys
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
    assert result.stdout.startswith(f"检查通过：{ROLES} 个岗位、"), result.stdout


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
        # So are the tables' phone hints and skip links (its Markdown extension, macros/site/tables.py).
        for extra in body.select(".scroll-hint, .skip-past, .skip-target"):
            extra.decompose()
        body.smooth()
        return " ".join(body.get_text(" ").split())

    assert article(site) == article(floor_site)
    assert measure.tree_bytes(floor_site) > 0


# --- The search comparison's measures (benchmarks/search.py) ---------------------------------------------


@pytest.mark.parametrize(("query", "page_text", "false_hit"), [
    ("里程碑", "这里是哪里", True),            # only 里 in common: listed for one character
    ("里程碑", "按里程碑验收", False),
    ("里程碑", "规划里程与节点", False),         # 里程 is two characters of the query
    ("谁负责预算", "预算由财务经理编制", False),
    ("TPM", "技术项目经理", True),
    ("TPM", "也称 tpm", False),
    ("里", "这里", False),                      # a one-character query cannot have a one-character false hit
])
def test_a_false_hit_is_a_page_sharing_only_one_character_with_the_query(tmp_path, query, page_text, false_hit):
    from benchmarks.search import PageTexts, false_hits

    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "index.html").write_text(f"<html><article><p>{page_text}</p></article></html>", "utf-8")
    assert false_hits(query, ["p/"], PageTexts(tmp_path)) == (["p/"] if false_hit else [])


def test_the_query_corpus_has_every_kind_the_issue_lists_and_real_pages(built_site):
    from benchmarks.search import WHOLE_QUESTION_KINDS, corpus

    queries = corpus()
    assert len(queries) >= 120
    assert {q.kind for q in queries} == {"compound", "split", "two-word", "question", "alias", "mixed",
                                         *WHOLE_QUESTION_KINDS}
    assert len([q for q in queries if q.set == "whole questions"]) >= 60  # issue #27
    assert len({q.query for q in queries}) == len(queries), "a query is listed twice"
    for query in queries:
        for page in query.expect:
            assert (built_site / page / "index.html").is_file(), f"{query.query!r}: no page {page!r}"


def test_the_lunr_baseline_is_the_code_of_its_commit(tmp_path):
    from benchmarks.search import BASELINE, baseline_project

    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "x.yaml").write_text("a: 1\n", "utf-8")
    (project / "macros").mkdir()
    (project / "macros" / "new.py").write_text("", "utf-8")
    baseline = baseline_project(project, tmp_path / "baseline", BASELINE)
    assert (baseline / "data" / "x.yaml").is_file()
    assert (baseline / "macros" / "segment_cache.py").is_file() and not (baseline / "macros" / "new.py").exists()
