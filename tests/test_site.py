"""The real handbook, built with --strict, asserted on its HTML: what a reader and a search box get."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.site import urls
from macros.site.raci import LETTER_BY_CODE, RaciMatrix

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = urls.ROLE_SECTIONS
# The roles by file name (what the handbook loads them in order of), for the parametrised tests' ids.
ROLE_SLUGS = sorted(path.stem for path in (ROOT / "data" / "roles").glob("*.yaml"))


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text_of(node) -> str:
    """Visible text with whitespace folded (inline tags such as <abbr> add no spaces)."""
    return " ".join(node.get_text().split())


@pytest.mark.parametrize("slug", ROLE_SLUGS)
def test_role_page_has_every_section_and_every_duty(built_site, handbook, slug):
    role = handbook.role_by_slug[slug]
    page = soup(built_site, f"roles/{role.slug}/index.html")
    article = page.select_one("article")
    for anchor in SECTIONS:
        assert page.find(id=anchor), f"#{anchor} missing on {role.slug}"
    assert page.h1.get_text(strip=True).startswith(role.name)
    content = text_of(article)
    for area in role.responsibilities:
        heading = page.find(id=area.id)
        assert heading and heading.name == "h3" and area.title in text_of(heading)
        assert " ".join(area.description.split()) in content
        for duty in area.duties:
            assert " ".join(duty.split()) in content, duty
    for entry in handbook.faq_for(role):
        assert page.find(id=entry.id), entry.id


@pytest.mark.parametrize("slug", ROLE_SLUGS[:3])
def test_role_raci_section_lists_activities_grouped_by_letter(built_site, handbook, slug):
    role = handbook.role_by_slug[slug]
    page = soup(built_site, f"roles/{role.slug}/index.html")
    section = []
    for node in page.find(id="raci").find_all_next():
        if node.name == "h2":
            break
        section.append(node)
    text = " ".join(text_of(node) for node in section if node.name in ("p", "summary"))  # a letter's fold
    for activity in handbook.activities.activities:
        letter = activity.letter_of(role.slug)
        if letter:
            assert LETTER_BY_CODE[letter].name_en in text
            links = [a for node in section for a in node.find_all("a") if text_of(a) == " ".join(activity.name.split())]
            assert links and links[0]["href"].endswith(f"raci/#activity-{activity.id}")


def test_raci_matrix_has_one_cell_per_activity_and_member_with_the_right_letter(built_site, handbook):
    matrix = RaciMatrix.of(handbook)
    page = soup(built_site, "raci/index.html")
    table = page.select_one("table.raci-matrix")
    header = [th.get_text(strip=True) for th in table.select("thead th.matrix-role")]
    assert header == [member.name for member in matrix.members]
    for activity in handbook.activities.activities:
        row = table.find("tr", id=f"activity-{activity.id}")
        assert row is not None, activity.id
        cells = row.find_all("td")
        assert len(cells) == len(matrix.members)
        for member, cell in zip(matrix.members, cells):
            assert cell["data-role"] == member.id
            button = cell.find("button")
            expected = activity.letter_of(member.id)
            if expected == "A":  # why that member is accountable, then who decides where there is no such post
                assert button is not None and button.contents[0].strip() == "A"
                accountable = LETTER_BY_CODE["A"]
                fallback = activity.fallback.note if activity.fallback else ""
                assert button["data-tip"] == (f"{member.name} · {accountable.name}（{accountable.name_en}）："
                                              f"{activity.reason}{fallback}")
            elif expected:
                assert button is not None and button.contents[0].strip() == expected
                assert LETTER_BY_CODE[expected].meaning in button["data-tip"]
            else:
                assert button is None and not cell.get_text(strip=True)


def test_parties_are_columns_after_the_roles_without_pages(built_site, handbook):
    table = soup(built_site, "raci/index.html").select_one("table.raci-matrix")
    headers = table.select("thead th.matrix-role")
    kinds = ["party" if "matrix-party" in th["class"] else "role" for th in headers]
    assert kinds == ["role"] * len(handbook.roles) + ["party"] * len(handbook.activities.parties)
    assert handbook.activities.parties, "the handbook names the sponsor, the development team, ..."
    for th, party in zip(headers[len(handbook.roles):], handbook.activities.parties):
        assert th.find("a") is None and th["title"] == party.description
    assert "matrix-party-first" in headers[len(handbook.roles)]["class"]


def test_raci_per_phase_views_cover_each_phase(built_site, handbook):
    page = soup(built_site, "raci/phases/index.html")
    for phase in handbook.activities.phases:
        assert page.find("h2", id=phase.id)


def test_faq_page_has_every_stable_anchor(built_site, handbook):
    page = soup(built_site, "faq/index.html")
    for entry in handbook.faq.entries:
        assert page.find("h3", id=entry.id), entry.id
    for role in handbook.roles:
        for entry in role.faq:
            assert page.find("h3", id=entry.id), entry.id


def test_skills_matrix_shows_each_expected_level(built_site, handbook):
    page = soup(built_site, "skills/index.html")
    table = page.select_one("table.skills-matrix")
    for role in handbook.roles:
        for requirement in role.skills:
            column = [r.slug for r in handbook.roles].index(role.slug)
            link = table.find("a", href=f"#skill-{requirement.skill}")
            cells = link.find_parent("tr").find_all("td")
            # The level at the highest career level the role spans.
            peak = requirement.levels[role.career.levels[-1]]
            assert cells[column].get_text(strip=True).startswith(str(peak))
    for skill in handbook.skills.skills:
        assert page.find("h3", id=f"skill-{skill.id}")


def test_skills_page_describes_every_level_of_every_skill(built_site, handbook):
    page = soup(built_site, "skills/index.html")
    scale = sorted(handbook.skills.levels, key=lambda level: level.level)
    for skill in handbook.skills.skills:
        heading = page.find("h3", id=f"skill-{skill.id}")
        levels = heading.find_next_sibling("ol")
        assert levels is not None and levels.find_previous_sibling("h3") is heading, skill.id
        assert [text_of(item) for item in levels.find_all("li")] == [
            text_of(BeautifulSoup(f"{level.name}：{descriptor}", "html.parser"))
            for level, descriptor in zip(scale, skill.levels)]


def test_glossary_terms_are_tooltips_across_the_site(built_site, handbook):
    page = soup(built_site, "roles/project-manager/index.html")
    abbreviations = {abbr.get_text(): abbr["title"] for abbr in page.find_all("abbr")}
    terms = {term.term: term.tip for term in handbook.glossary.terms}
    used = set(abbreviations) & set(terms)
    assert used, "no glossary term is marked up on the project manager page"
    for term in used:
        assert abbreviations[term] == " ".join(terms[term].split())


def test_home_page_links_every_role(built_site, handbook):
    page = soup(built_site, "index.html")
    hrefs = {a["href"] for a in page.select("article a[href]")}
    for role in handbook.roles:
        assert f"roles/{role.slug}/" in hrefs


def test_no_request_leaves_the_site(built_site):
    """Fonts, scripts and styles all come from the site itself."""
    for path in built_site.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for node in page.find_all(tag):
                url = node.get(attribute) or ""
                if tag == "link" and node.get("rel") and set(node["rel"]) & {"canonical", "alternate"}:
                    continue
                assert not url.startswith(("http:", "https:", "//")), f"{path}: {tag} {url}"
    css = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css
