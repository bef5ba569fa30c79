"""Link previews and structured data: what a pasted link, a search engine and HR's tools read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from data_support import record, role_slugs

SITE_URL = "https://pm-handbook.github.io/handbook/"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def meta(page: BeautifulSoup, **attrs) -> str:
    tag = page.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return tag["content"]


def json_ld(page: BeautifulSoup) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.mark.parametrize("slug", role_slugs(published=True))
def test_role_page_previews_and_occupation_data(built_site, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    page = soup(built_site, f"roles/{role.slug}/index.html")
    url = f"{SITE_URL}roles/{role.slug}/"
    assert page.title.get_text().startswith(role.name)
    assert meta(page, name="description") == role.summary
    assert page.find("link", rel="canonical")["href"] == url
    assert meta(page, property="og:title").startswith(role.name)
    assert meta(page, property="og:description") == role.summary
    assert meta(page, property="og:url") == url
    assert meta(page, name="twitter:card") == "summary_large_image"
    assert meta(page, property="og:image") == f"{SITE_URL}assets/cards/roles/{role.slug}.png"

    data = json_ld(page)
    assert data["@type"] == "Occupation" and data["name"] == role.name
    assert data["alternateName"] == [role.name_en, *role.aliases]
    assert data["description"] == role.summary and data["url"] == url
    assert data["responsibilities"] == [duty for area in role.responsibilities for duty in area.duties]
    assert [skill["name"] for skill in data["skills"]] == [handbook.skill_by_id[s.skill].name for s in role.skills]
    assert [q["name"] for q in data["qualifications"]] == [c.name for c in handbook.certifications_for(role)]
    assert handbook.family_by_id[role.family].name in data["occupationalCategory"]


def test_project_manager_lists_pmp_as_qualification(built_site):
    data = json_ld(soup(built_site, "roles/project-manager/index.html"))
    assert "PMP" in [q["name"] for q in data["qualifications"]]


def test_faq_page_is_a_schema_org_faq_page(built_site, handbook):
    data = json_ld(soup(built_site, "faq/index.html"))
    assert data["@type"] == "FAQPage"
    questions = {q["name"]: q["acceptedAnswer"]["text"] for q in data["mainEntity"]}
    for entry in handbook.faq.entries:
        assert questions[entry.question] == entry.answer


@pytest.mark.parametrize("position", [0, 1], ids=["first-role", "second-role"])
def test_role_page_shows_owner_review_date_and_edits_the_yaml(built_site, handbook, position):
    role = handbook.roles[position]  # the first two in the handbook's order
    page = soup(built_site, f"roles/{role.slug}/index.html")
    text = " ".join(page.select_one("article").get_text().split())
    assert role.owner in text
    time = page.find("time", datetime=role.last_reviewed.isoformat())
    assert time is not None
    edit = page.select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"] == f"https://github.com/pm-handbook/handbook/edit/main/data/roles/{role.slug}.yaml"


def test_every_page_has_a_title_description_and_canonical(built_site):
    for path in built_site.rglob("index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if page.find("meta", attrs={"name": "robots", "content": "noindex"}):
            continue  # a redirect page
        assert page.title and page.title.get_text().strip(), path
        assert meta(page, name="description"), path
        assert page.find("link", rel="canonical"), path


def test_every_heading_has_a_copy_link_permalink(built_site):
    page = soup(built_site, "roles/risk-manager/index.html")
    for heading in page.select("article h2, article h3"):
        link = heading.find("a", class_="headerlink")
        assert link is not None and link["href"] == f"#{heading['id']}", heading
        assert link["title"] == "复制本节链接"
