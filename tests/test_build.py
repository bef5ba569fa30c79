"""Building: data stays inert text, bad data stops the build with check's messages, a failed build loses nothing."""

from __future__ import annotations

import subprocess
import sys

from bs4 import BeautifulSoup
from conftest import build_site

PAYLOAD = "<script>alert('x')</script> {{ config }} {% raw %} *粗体* | 竖线"
RM = "data/roles/risk-manager.yaml"


def test_injection_payloads_come_out_as_literal_text(minimal_project, tmp_path):
    path = minimal_project / RM
    yaml_text = path.read_text(encoding="utf-8").replace(
        "summary: 一句话简介。", "summary: \"<script>alert('x')</script> {{ config }} {% raw %} *粗体* | 竖线\"")
    yaml_text = yaml_text.replace("    how: 共同推进项目。", "    how: \"a | b <b>c</b>\"")
    path.write_text(yaml_text, encoding="utf-8")
    result = build_site(minimal_project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site/roles/risk-manager/index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    article = page.select_one("article")
    assert PAYLOAD in " ".join(article.get_text(" ").split())  # shown exactly as written
    assert article.find("script") is None and "alert(" not in str(article.find_all("script"))
    assert "<script>alert" not in html  # escaped everywhere: content, meta tags, JSON-LD
    assert "{{ config }}" in article.get_text()  # printed, never executed as Jinja
    assert page.find("meta", attrs={"name": "description"})["content"] == PAYLOAD
    # The pipe stays inside its table cell.
    cell = [td for td in article.select("#collaboration ~ table td, table td") if "a | b" in td.get_text()]
    assert cell and cell[0].get_text(" ", strip=True).replace("  ", " ") == "a | b <b>c</b>"


def test_invalid_data_stops_the_build_with_checks_messages(minimal_project, tmp_path):
    path = minimal_project / RM
    path.write_text(path.read_text(encoding="utf-8").replace("intermediate: 3}", "intermediate: 7}"), encoding="utf-8")
    result = build_site(minimal_project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/roles/risk-manager.yaml:25:39 skills[0].levels.intermediate：应为 1–4 的整数，实际是 7" in output, output
    assert not (tmp_path / "site").exists()


def test_failed_build_keeps_the_last_good_site(minimal_project):
    build = [sys.executable, "-m", "macros", "--root", str(minimal_project), "build"]
    first = subprocess.run(build, capture_output=True, text=True, cwd=minimal_project)
    assert first.returncode == 0, first.stdout + first.stderr
    good = (minimal_project / "site/roles/risk-manager/index.html").read_text(encoding="utf-8")

    # A strict-mode failure happens after pages were written: the swap must still protect the old site.
    broken_page = minimal_project / "handbook/glossary.md"
    broken_page.write_text(broken_page.read_text(encoding="utf-8") + "\n[坏链接](missing.md)\n", encoding="utf-8")
    second = subprocess.run(build, capture_output=True, text=True, cwd=minimal_project)
    assert second.returncode != 0
    assert f"构建失败：原来的网站保持不变（{minimal_project / 'site'}）。" in second.stderr.splitlines(), second.stderr
    assert (minimal_project / "site/roles/risk-manager/index.html").read_text(encoding="utf-8") == good
    assert not list(minimal_project.glob("site.building*"))
