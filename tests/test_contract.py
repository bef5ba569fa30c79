"""The URL contract: every promised URL and anchor resolves, renames redirect, disappearing slugs fail check."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from conftest import build_site

from macros.maintain.contract import read_contract

ROOT = Path(__file__).resolve().parent.parent


def page_file(site: Path, path: str) -> Path:
    if path.endswith("/") or path == "":
        return site / path / "index.html"
    return site / path


def redirect_target(html: str) -> str | None:
    match = re.search(r"location\.replace\((\"[^\"]*\")", html)
    return match.group(1).strip('"') if match else None


def resolves(site: Path, url: str) -> bool:
    """Does a promised URL lead to a page (following one redirect) that has the anchor?"""
    path, _, anchor = url.partition("#")
    target = page_file(site, path)
    if not target.exists():
        return False
    html = target.read_text(encoding="utf-8", errors="replace")
    forwarded = redirect_target(html) if target.suffix == ".html" else None
    if forwarded:
        new_path = urljoin("http://x/" + path, forwarded)[len("http://x/"):]
        return resolves(site, new_path + ("#" + anchor if anchor else ""))
    if not anchor:
        return True
    return BeautifulSoup(html, "html.parser").find(id=anchor) is not None


def test_every_promised_url_resolves_in_the_built_site(built_site):
    promised = read_contract(ROOT)
    assert len(promised) > 200
    broken = [url for _line, url in promised if not resolves(built_site, url)]
    assert not broken, broken


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "--root", str(project), "check"],
                          capture_output=True, text=True, cwd=project)


def rename_risk_manager(project: Path, keep_former: bool) -> None:
    old = project / "data/roles/risk-manager.yaml"
    text = old.read_text(encoding="utf-8").replace("slug: risk-manager", "slug: project-risk-manager")
    # FAQ ids are anchors too: they keep their published ids.
    if keep_former:
        text += "former_slugs: [risk-manager]\n"
    old.unlink()
    (project / "data/roles/project-risk-manager.yaml").write_text(text, encoding="utf-8")
    for file in ("data/activities.yaml", "data/roles/project-manager.yaml", "data/cadence.yaml",
                 "data/operations.yaml", "data/settings.yaml"):
        path = project / file
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?<![-\w])risk-manager(?=:|$)", "project-risk-manager", text, flags=re.M),
                        encoding="utf-8")
    (project / "handbook/roles/risk-manager.md").rename(project / "handbook/roles/project-risk-manager.md")
    stub = project / "handbook/roles/project-risk-manager.md"
    stub.write_text(stub.read_text(encoding="utf-8").replace("risk-manager", "project-risk-manager"),
                    encoding="utf-8")


def promise(project: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(project), "contract"],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stderr


def test_a_renamed_role_keeps_its_old_urls_and_anchors(minimal_project, tmp_path):
    promise(minimal_project)
    rename_risk_manager(minimal_project, keep_former=True)
    result = check(minimal_project)
    # The old URLs still resolve; the new ones must be promised too.
    assert re.search(r"^错误：data/url-contract.txt:1:1 有 \d+ 个已发布的网址还没有写进网址承诺清单（第一个是 roles/project-risk-manager/）",
                     result.stderr, re.MULTILINE), result.stderr
    promise(minimal_project)
    assert check(minimal_project).returncode == 0
    built = build_site(minimal_project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    site = tmp_path / "site"
    old_page = (site / "roles/risk-manager/index.html").read_text(encoding="utf-8")
    assert redirect_target(old_page) == "../project-risk-manager/"
    assert 'rel="canonical" href="https://pm-handbook.github.io/handbook/roles/project-risk-manager/"' in old_page
    assert resolves(site, "roles/risk-manager/#raci")
    assert resolves(site, "roles/risk-manager/#monitoring")


def test_a_slug_that_disappears_without_a_redirect_fails_check(minimal_project):
    promise(minimal_project)
    rename_risk_manager(minimal_project, keep_former=False)
    result = check(minimal_project)
    assert result.returncode == 1
    assert re.search(r"^错误：data/url-contract.txt:\d+:1 承诺过的网址 roles/risk-manager/ 已经失效：岗位「risk-manager」"
                     "不存在了。请在接替它的岗位的 former_slugs 里加上 risk-manager。$", result.stderr, re.MULTILINE)


def test_a_removed_anchor_fails_check(minimal_project):
    promise(minimal_project)
    path = minimal_project / "data/roles/risk-manager.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: monitoring", "  - id: oversight"),
                    encoding="utf-8")
    result = check(minimal_project)
    assert result.returncode == 1
    assert "承诺过的网址 roles/risk-manager/#monitoring 已经失效：请恢复这个页面或锚点" in result.stderr
