"""One handbook, two engines: the site MkDocs 1.6 builds and the one Zensical builds from the same mkdocs.yml
(`make zensical`: zensical.yml, macros/site/finish.py) say the same to a reader.

Every published role page is at the same URL, with the same section anchors (the ids of its h2 and h3) and the
same visible text in each section; the export under api/ is the same files, byte for byte; the link-preview
cards are the same pictures. What differs on purpose is listed on the maintainers' page (#engines).

Needs Zensical in .venv-zensical (`make zensical` installs it): without it these tests are skipped with one
line on a workstation, and fail in CI (CI=true), which builds both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser_support import in_ci
from tests.conftest import ROOT, build_site, copy_project

pytestmark = pytest.mark.slow

ZENSICAL_VENV = ROOT / ".venv-zensical" / "bin"
SPACE = re.compile(r"\s+")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(MkDocs' site, Zensical's site) of one copy of the project."""
    if not (ZENSICAL_VENV / "zensical").is_file():
        message = "Zensical is not installed in .venv-zensical: `make zensical` installs it"
        if in_ci():
            pytest.fail(message + " (CI builds both engines)")
        pytest.skip(message)
    project = copy_project(tmp_path_factory.mktemp("engines") / "project")
    shutil.copy2(ROOT / "zensical.yml", project / "zensical.yml")
    mkdocs_site = project / "site"
    built = build_site(project, mkdocs_site)
    assert built.returncode == 0, built.stdout + built.stderr
    zensical = subprocess.run([str(ZENSICAL_VENV / "python"), "-m", "macros", "zensical",
                               "--zensical", str(ZENSICAL_VENV / "zensical")],
                              cwd=project, capture_output=True, text=True, timeout=900)
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    assert "Traceback" not in zensical.stderr
    return mkdocs_site, project / "site-zensical"


def sections(page: Path) -> dict[str, str]:
    """The page's sections in order: the id of each h2 and h3, and the text a reader sees up to the next one."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article.md-typeset")
    assert article is not None, page
    article = BeautifulSoup(str(article), "html.parser")  # on its own: the last section ends with the article
    for hidden in article.select("script, style, template, .headerlink"):
        hidden.decompose()
    found: dict[str, str] = {}
    for heading in article.find_all(["h2", "h3"]):
        texts = [heading.get_text(" ")]
        for element in heading.next_elements:
            if getattr(element, "name", None) in ("h2", "h3"):
                break
            if isinstance(element, str) and element.parent.name not in ("h2", "h3"):
                texts.append(element)
        found[heading.get("id")] = SPACE.sub(" ", " ".join(texts)).strip()
    return found


def published_slugs(handbook) -> list[str]:
    return [role.slug for role in handbook.roles if role.status == "published"]


def test_every_published_role_page_is_at_the_same_url(sites, handbook) -> None:
    mkdocs_site, zensical_site = sites
    slugs = published_slugs(handbook)
    assert slugs
    for slug in slugs:
        for site in sites:
            assert (site / "roles" / slug / "index.html").is_file(), f"{site.name}: roles/{slug}/ is missing"


def test_every_role_page_has_the_same_sections_and_text(sites, handbook) -> None:
    mkdocs_site, zensical_site = sites
    for slug in published_slugs(handbook):
        mkdocs_page = sections(mkdocs_site / "roles" / slug / "index.html")
        zensical_page = sections(zensical_site / "roles" / slug / "index.html")
        assert list(zensical_page) == list(mkdocs_page), f"roles/{slug}/: the section anchors differ"
        assert len(mkdocs_page) > 5, f"roles/{slug}/ has its sections"
        for anchor, text in mkdocs_page.items():
            assert zensical_page[anchor] == text, f"roles/{slug}/#{anchor}: the text differs"


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("folder", ["api", "assets/cards"])
def test_the_export_and_the_cards_are_the_same_files(sites, folder: str) -> None:
    mkdocs_files, zensical_files = (files_under(site / folder) for site in sites)
    assert mkdocs_files, f"MkDocs wrote {folder}/"
    assert sorted(zensical_files) == sorted(mkdocs_files)
    different = [name for name in mkdocs_files if zensical_files[name] != mkdocs_files[name]]
    assert not different, f"{folder}/: these files differ: {different}"


def test_zensical_runs_the_handbooks_page_steps(sites) -> None:
    """Glossary tooltips, the card in the head and the contents without the English names in brackets: what
    MkDocs' page hooks do, done under Zensical by its Markdown extension (macros/site/zensical_html.py)."""
    pages = [site / "roles" / "project-manager" / "index.html" for site in sites]
    mkdocs_html, zensical_html = (page.read_text(encoding="utf-8") for page in pages)
    assert zensical_html.count("<abbr") == mkdocs_html.count("<abbr") > 0
    assert 'property="og:image"' in zensical_html
    # A track page's level headings carry the English name: "初级项目经理（Junior Project Manager）".
    track = [BeautifulSoup((site / "career" / "project-management" / "index.html").read_text(encoding="utf-8"),
                           "html.parser") for site in sites]
    assert any(re.search(r"（[^（）]*[a-z]{4,}[^（）]*）", heading.get_text()) for heading in track[1].select("h2, h3"))
    mkdocs_contents, zensical_contents = ([link.get_text(" ", strip=True)
                                           for link in page.select(".md-nav--secondary .md-nav__link")]
                                          for page in track)
    assert zensical_contents == mkdocs_contents and mkdocs_contents


def test_a_data_mistake_stops_the_zensical_build_with_its_message_and_no_traceback(tmp_path: Path) -> None:
    if not (ZENSICAL_VENV / "zensical").is_file():
        pytest.skip("Zensical is not installed in .venv-zensical: `make zensical` installs it")
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "zensical.yml", project / "zensical.yml")
    role = project / "data" / "roles" / "project-manager.yaml"
    role.write_text(role.read_text(encoding="utf-8") + "\nnot_a_field: 1\n", encoding="utf-8")
    run = subprocess.run([str(ZENSICAL_VENV / "python"), "-m", "macros", "zensical",
                          "--zensical", str(ZENSICAL_VENV / "zensical")],
                         cwd=project, capture_output=True, text=True, timeout=900)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert "data/roles/project-manager.yaml:" in run.stderr and "not_a_field" in run.stderr
    assert not (project / "site-zensical" / "api").exists()  # the last step never ran on a failed build
