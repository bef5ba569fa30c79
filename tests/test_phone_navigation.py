"""Finding one's way on a phone (360×740) and a laptop (1280×800), checked on what the browser drew:

* one tap on ☰ shows the site's sections, the reader's own marked (not a lone "岗位" on a role page);
* every RACI or skill letter and every link in a table is a target of at least 24 × 24 px (WCAG 2.2);

Debian's Chromium through Playwright, against the real site (fixtures in conftest.py).
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from macros.site.urls import page_url

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "laptop": {"viewport": {"width": 1280, "height": 800}},
}
SOURCES = sorted(path.relative_to(ROOT / "handbook").as_posix() for path in (ROOT / "handbook").rglob("*.md")
                 if not path.relative_to(ROOT / "handbook").as_posix().startswith("maintainers/"))
PAGES = [page_url(src) for src in SOURCES]
SECTIONS = ["首页", "岗位", "RACI 分工", "工作方式", "职业发展", "技能矩阵", "常见问题", "术语表"]


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def tab(request, browser, site_server):
    """One tab per screen size for the whole module; fails a test on JavaScript errors."""
    context = browser.new_context(locale="zh-CN", base_url=site_server, **VIEWPORTS[request.param])
    page = context.new_page()
    page.size_name = request.param
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
    assert not page.errors, page.errors


@pytest.fixture
def phone(browser, site_server):
    context = browser.new_context(locale="zh-CN", base_url=site_server, **VIEWPORTS["phone"])
    yield context.new_page()
    context.close()


# --- The phone menu ----------------------------------------------------------------------------------------

MENU_ITEMS = """() => [...document.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item')]
  .map(item => {
    const link = item.querySelector(':scope > .md-nav__link, :scope > .md-nav__container > a.md-nav__link');
    const box = link.getBoundingClientRect();
    const visible = box.width > 0 && box.left >= 0 && box.right <= innerWidth && box.bottom <= innerHeight;
    return [link.textContent.trim(), visible, link.getAttribute('aria-current'), getComputedStyle(link).fontWeight];
  })"""


@pytest.mark.parametrize("path, current", [
    ("roles/project-manager/", "岗位"), ("career/project-management/", "职业发展"), ("raci/phases/", "RACI 分工"),
    ("work/tools/", "工作方式"), ("glossary/", "术语表")])
def test_one_tap_on_the_menu_shows_every_section_and_marks_the_readers_own(phone, path, current):
    phone.goto(path)
    phone.locator("label.md-header__button[for='__drawer']").click()
    phone.wait_for_timeout(400)  # the drawer slides in
    items = phone.evaluate(MENU_ITEMS)
    assert [name for name, *_ in items] == SECTIONS
    assert all(visible for _, visible, *_ in items), items
    marked = [name for name, _, aria, weight in items if aria and int(weight) >= 700]
    assert marked == [current], items


def test_on_a_laptop_the_sidebar_still_shows_the_current_section_open(browser, site_server):
    context = browser.new_context(locale="zh-CN", base_url=site_server, **VIEWPORTS["laptop"])
    tab = context.new_page()
    tab.goto("work/tools/")
    assert tab.locator(".md-sidebar--primary a.md-nav__link[href='../cadence/']").is_visible()
    context.close()


# --- Target sizes ------------------------------------------------------------------------------------------

SMALL_TARGETS = """() => [...document.querySelectorAll('article table a[href], .matrix-tip')]
  .filter(target => target.getClientRects().length)
  .map(target => [target.textContent.trim(), target.getBoundingClientRect()])
  .filter(([, box]) => box.width < 24 || box.height < 24)
  .map(([text, box]) => `${text}: ${box.width.toFixed(1)} × ${box.height.toFixed(1)}`)"""


@pytest.mark.parametrize("path", PAGES)
def test_every_letter_and_table_link_is_a_24_px_target(tab, path):
    tab.goto(path)
    assert tab.evaluate(SMALL_TARGETS) == [], f"{path} at {tab.size_name}"


@pytest.mark.parametrize("path", ["raci/", "skills/", "roles/project-manager/"])
def test_the_pages_with_letters_have_letters_to_measure(tab, path):
    tab.goto(path)
    assert tab.locator("article table a[href], .matrix-tip").count() > 10


# --- One order of roles ------------------------------------------------------------------------------------


def read(site, path: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def raci_columns(site) -> list[str]:
    """The roles in the RACI matrix's column order: the handbook's one order (project manager first)."""
    return [th.get_text(strip=True) for th in read(site, "raci/index.html").select(".raci-matrix th.matrix-role a")]


def test_the_raci_columns_put_the_project_manager_first_and_keep_families_together(built_site, handbook):
    names = raci_columns(built_site)
    assert names[0] == "项目经理"
    family_of = {role.name: role.family for role in handbook.roles}
    families = [family_of[name] for name in names]
    assert families == sorted(families, key=[family.id for family in handbook.families].index), names


def test_the_skills_matrix_and_the_role_cards_list_the_roles_in_that_order(built_site):
    order = raci_columns(built_site)
    skills = [th.get_text(strip=True) for th in read(built_site, "skills/index.html").select(".skills-matrix thead th")]
    assert skills[1:] == order
    for path in ("roles/index.html", "index.html"):
        cards = [link.get_text(strip=True) for link in read(built_site, path).select(".role-cards a")
                 if link.get_text(strip=True) in order]
        assert cards == order, path


# --- The glossary ------------------------------------------------------------------------------------------


def glossary_terms(site, block: str) -> list[str]:
    page = read(site, "glossary/index.html")
    table = page.find(id=block).find_next("table")
    return [dfn.get_text() for dfn in table.select("dfn")]


def test_the_glossarys_chinese_terms_are_in_pinyin_order(built_site):
    terms = glossary_terms(built_site, "chinese-terms")
    # A few neighbours a reader would look for, in the order of a Chinese dictionary (by pinyin).
    for before, after in [("变更请求", "冲刺"), ("干系人", "干系人登记册"), ("故障等级", "故障复盘"),
                          ("灰度", "灰度发布"), ("灰度发布", "回滚"), ("里程碑", "立项"), ("项目集", "项目章程"),
                          ("项目章程", "项目组合"), ("周报", "驻场")]:
        assert terms.index(before) < terms.index(after), (before, after, terms)
    assert terms[0] == "变更请求" and terms[-1] == "驻场", terms


def test_the_glossarys_abbreviations_are_in_latin_order(built_site):
    terms = glossary_terms(built_site, "abbreviations")
    assert terms == sorted(terms, key=str.lower) and terms[0] == "BI", terms


def test_the_letter_index_leads_to_the_first_term_of_each_letter(built_site):
    index = read(built_site, "glossary/index.html").select_one("nav.letter-index")
    rows = {row.select_one(".letter-index__name").get_text(): [(a.get_text(), a["href"]) for a in row.select("a")]
            for row in index.select("p")}
    chinese, latin = rows["中文术语（按拼音排序）"], rows["英文缩写（按字母排序）"]
    assert [letter for letter, _ in chinese][:4] == ["B", "C", "D", "F"]
    assert ("P", "#term-pdma") in latin and ("R", "#term-raci") in latin
    assert ("H", "#term-canary") in chinese  # 灰度 huidu, the first of H


def test_a_letter_of_the_index_takes_a_phone_reader_to_its_term(phone):
    phone.goto("glossary/")
    phone.locator("nav.letter-index a", has_text="Z").first.click()
    phone.wait_for_timeout(300)
    term = phone.locator("dfn:target")
    assert term.count() == 1
    box, header = term.bounding_box(), phone.locator("header.md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1 and box["y"] + box["height"] <= 740, (box, header)


# --- The career comparison table ---------------------------------------------------------------------------


def test_each_level_but_the_highest_links_to_its_comparison_with_the_next(built_site, handbook):
    for track in handbook.career.tracks:
        page = read(built_site, f"career/{track.id}/index.html")
        for lower, upper in zip(track.levels, track.levels[1:]):
            section = page.find(id=lower.id)
            links = [a for a in section.find_all_next("a") if a.find_previous("h2") is section]
            anchor = f"#{lower.id}-to-{upper.id}"
            assert any(a["href"] == anchor for a in links), (track.id, lower.id)
            assert page.find(id=anchor[1:]) is not None, (track.id, anchor)


def test_the_comparison_table_is_framed_and_as_wide_as_the_text(tab):
    tab.goto("career/project-management/")
    table = tab.locator("table.career-raises").first
    text = tab.locator("article.md-content__inner").evaluate("article => article.clientWidth")
    assert table.bounding_box()["width"] >= text - 2 * 16 - 2, tab.size_name
    table.scroll_into_view_if_needed()
    cell = table.locator("tbody td").first
    padding = cell.evaluate("cell => parseFloat(getComputedStyle(cell).paddingLeft)")
    border = table.evaluate("table => getComputedStyle(table).borderTopStyle")
    caption, frame = table.locator("caption").bounding_box(), table.bounding_box()
    line, below = table.locator("caption").evaluate(
        "caption => [getComputedStyle(caption).lineHeight, getComputedStyle(caption).paddingBottom].map(parseFloat)")
    assert padding >= 8 and border == "solid", (padding, border)
    # As wide as the table (it wrapped at half width), so at 360 px at most two lines.
    assert caption["width"] >= frame["width"] - 2 and caption["height"] - below <= 2 * line + 1, (caption, frame)


# --- Contents, back to top, the header ---------------------------------------------------------------------


def test_the_phone_contents_put_each_marker_on_the_first_line_of_its_entry(phone):
    phone.goto("career/project-management/")
    phone.locator("details.page-toc > summary").click()
    entries = phone.locator("details.page-toc li > a").evaluate_all("""links => links.map(link => {
        const lines = link.getClientRects(), li = link.parentElement.getBoundingClientRect();
        return [link.textContent, lines.length, Math.round(li.top - link.getBoundingClientRect().top)]; })""")
    assert all(top == 0 for _, _, top in entries), entries
    # The English names in brackets are gone from the contents (they stay in the headings), so no entry wraps.
    assert all(lines == 1 and "（" not in text for text, lines, _ in entries), entries
    assert phone.locator("h2#junior").inner_text().startswith("初级项目经理（Junior Project Manager）")


def test_an_abbreviation_in_brackets_stays_in_the_contents(built_site):
    entries = [a.get_text() for a in read(built_site, "work/tools/index.html").select("details.page-toc a")]
    assert "代码与持续集成 / 部署（CI/CD）" in entries, entries


@pytest.mark.parametrize("path", ["faq/", "career/project-management/"])
def test_back_to_top_covers_no_text(tab, path):
    tab.goto(path)
    tab.mouse.wheel(0, 3000)
    tab.wait_for_timeout(300)
    tab.mouse.wheel(0, -400)  # Material shows the button when the reader scrolls back up
    button = tab.locator(".md-top")
    button.wait_for(state="visible")
    tab.wait_for_timeout(300)
    box, header = button.bounding_box(), tab.locator("header.md-header").bounding_box()
    assert box["y"] + box["height"] <= header["y"] + header["height"], (tab.size_name, box, header)
    assert min(box["width"], box["height"]) >= 24, box
    assert "回到页面顶部" in button.evaluate("button => button.textContent")  # its name, also as an icon
    button.click()
    tab.wait_for_function("scrollY === 0")


def test_the_header_names_the_handbook_not_the_repository(built_site):
    page = read(built_site, "index.html")
    names = {element.get_text(strip=True) for element in page.select(".md-source__repository")}
    assert names == {"项目管理手册 · 源文件"}, names
