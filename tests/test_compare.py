"""Compare roles (#25): /compare/?roles=<slug>,<slug>[,<slug>] puts two or three roles side by side (mission,
responsibility areas, skills at a chosen level of each track, RACI letters with the differing rows first,
collaborators, career track); the address always holds what is shown; without JavaScript the page lists every
role; each role page and each FAQ question about a difference link to their comparison.

Built HTML of the real handbook, and what a reader does in Debian's Chromium (fixtures in conftest.py).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import PHONE
from data_support import record, role_slugs

from macros.site.compare import closest_roles, question_roles


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def compared(href: str) -> list[str]:
    query = parse_qs(urlsplit(href).query)
    return query["roles"][0].split(",")


# --- Built HTML -----------------------------------------------------------------------------------------


def test_without_javascript_the_page_lists_every_role(built_site, handbook):
    page = soup(built_site, "compare/index.html")
    fallback = page.select_one("[data-compare-fallback]")
    linked = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in fallback.select("a[href]")}
    assert linked == {role.slug for role in handbook.roles}
    assert page.select_one("[data-compare]").has_attr("hidden")  # the pickers need the script
    assert page.select_one("[data-compare-parts]").has_attr("hidden")  # and so do the tables
    for anchor in ("overview", "skills", "raci"):  # promised sections, each with its copy link
        assert page.find(id=anchor).name == "h2" and page.find(id=anchor).select_one("a.headerlink")


@pytest.mark.parametrize("slug", role_slugs(published=True))
def test_each_role_page_links_comparisons_with_its_closest_roles(built_site, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    page = soup(built_site, f"roles/{role.slug}/index.html")
    links = [compared(a["href"]) for a in page.select(".role-compare a[href]")]
    assert links == [[role.slug, other.slug] for other in closest_roles(handbook, role)]
    assert len(links) >= 2
    same_family = {other.slug for other in handbook.roles_in(role.family)} - {role.slug}
    offered = {pair[1] for pair in links}
    assert same_family <= offered or len(offered) == 5


@pytest.mark.parametrize("question, expected", [
    ("项目经理和产品经理有什么区别？", ["project-manager", "product-manager"]),
    ("发布经理和技术项目经理有什么区别？", ["release-manager", "technical-project-manager"]),  # not 项目经理
    ("项目集经理和项目经理有什么区别？", ["program-manager", "project-manager"]),
    ("项目协调员和项目经理的区别是什么？", ["project-coordinator", "project-manager"]),
    ("项目质量经理和测试工程师有什么区别？", []),  # one role only
    ("风险和问题有什么区别？", []),
    ("项目经理和产品经理怎么协作？", []),  # not about a difference
])
def test_a_question_about_a_difference_names_the_roles_it_compares(handbook, question, expected):
    from macros.data.models import FaqEntry

    entry = FaqEntry(id="q", question=question, answer="答案。")
    assert [role.slug for role in question_roles(handbook, entry)] == expected


def test_faq_questions_about_a_difference_link_to_their_comparison(built_site):
    for path in ("faq/index.html", "roles/release-manager/index.html"):
        page = soup(built_site, path)
        question = page.find(id="release-manager-vs-technical-project-manager")
        if question is None:
            continue
        link = question.find_parent(class_="fold-head").select_one(".faq-compare a[href]")
        assert compared(link["href"]) == ["release-manager", "technical-project-manager"]
        assert link.get_text() == "并排对比发布经理和技术项目经理"
    page = soup(built_site, "faq/index.html")
    assert compared(page.find(id="project-vs-product-manager").find_parent(class_="fold-head")
                    .select_one(".faq-compare a")["href"]) == ["project-manager", "product-manager"]


# --- In the browser -------------------------------------------------------------------------------------


def raci_rows(page) -> list[tuple[str, list[str]]]:
    """(activity id, letters) of every row of the RACI table, in order."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.compare-table--raci tr[data-activity]'))
        .map(row => [row.dataset.activity, Array.from(row.querySelectorAll('td')).map(cell =>
            (cell.querySelector('.raci-chip') || {textContent: ''}).textContent)])""")


def expected_raci(handbook, slugs: list[str]) -> tuple[list[str], list[str]]:
    differ, same = [], []
    for activity in handbook.activities.activities:
        letters = [activity.raci.get(slug, "") for slug in slugs]
        if any(letters):
            (same if len(set(letters)) == 1 else differ).append(activity.id)
    return differ, same


@pytest.mark.browser
def test_pick_two_roles_and_see_their_differing_raci_rows_first(page, handbook):
    page.goto("compare/?roles=project-manager,technical-project-manager")
    page.locator(".compare-table--raci").wait_for()
    assert page.get_by_label("岗位 1", exact=True).input_value() == "project-manager"
    assert page.get_by_label("岗位 2", exact=True).input_value() == "technical-project-manager"
    differ, same = expected_raci(handbook, ["project-manager", "technical-project-manager"])
    rows = raci_rows(page)
    assert [row[0] for row in rows] == differ + same
    assert all(len(set(letters)) > 1 for _, letters in rows[:len(differ)])
    # The address already says what is shown, with each role's level.
    query = parse_qs(urlsplit(page.url).query)
    assert query["roles"] == ["project-manager,technical-project-manager"]
    assert query["levels"] == ["senior,senior"]

    # Change a picker: the tables and the address follow.
    page.get_by_label("岗位 2", exact=True).select_option("product-manager")
    page.wait_for_function("location.search.includes('product-manager')")
    assert compared(page.url) == ["project-manager", "product-manager"]
    differ, same = expected_raci(handbook, ["project-manager", "product-manager"])
    assert [row[0] for row in raci_rows(page)] == differ + same
    header = page.locator(".compare-table--overview thead th").all_inner_texts()
    assert [text.strip() for text in header] == ["岗位", "项目经理", "产品经理"]


@pytest.mark.browser
def test_a_chosen_level_sets_the_expected_skill_levels_and_the_copied_address_keeps_it(page, browser, site_server,
                                                                                         handbook):
    page.goto("compare/?roles=project-manager,risk-manager")
    page.locator("#compare-level-1").select_option("junior")
    page.wait_for_function("location.search.includes('junior')")
    role = handbook.role_by_slug["project-manager"]
    expected = {handbook.skill_by_id[item.skill].name: item.at("junior") for item in role.skills}
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('.compare-table--skills tbody tr'))
        .map(row => [row.querySelector('th').textContent.trim(), row.querySelector('td').textContent.trim()])""")
    shown = {name: cell for name, cell in rows if cell != "不要求"}
    assert {name: int(cell.split(" ")[0]) for name, cell in shown.items()} == expected
    assert all(cell.endswith(handbook.level_by_number[expected[name]].name) for name, cell in shown.items())

    # The copied address opens the same comparison elsewhere.
    address = page.url
    other = browser.new_context(viewport=PHONE, locale="zh-CN")
    tab = other.new_page()
    tab.goto(address)
    tab.locator(".compare-table--skills").wait_for()
    assert tab.get_by_label("岗位 2", exact=True).input_value() == "risk-manager"
    assert tab.locator("#compare-level-1").input_value() == "junior"
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    other.close()


@pytest.mark.browser
def test_three_roles_and_an_unknown_one(page):
    page.goto("compare/?roles=project-manager,nobody,risk-manager,product-manager")
    page.locator(".compare-table--raci").wait_for()
    assert page.get_by_role("status").filter(has_text="nobody").is_visible()
    assert compared(page.url) == ["project-manager", "risk-manager", "product-manager"]
    page.get_by_label("岗位 3", exact=True).select_option("")
    page.wait_for_function("!location.search.includes('product-manager')")
    assert compared(page.url) == ["project-manager", "risk-manager"]
