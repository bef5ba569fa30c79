"""The handbook in a real browser, doing what a reader does: find a role, search in Chinese and English, follow
section links, read the RACI matrix on a phone, use the keyboard, switch to dark mode, print.

Debian's Chromium through Playwright, against the real site served on 127.0.0.1 (fixtures in conftest.py).
Screenshots of the main page types go to test-output/screenshots/ for a human to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import serve
from conftest import DESKTOP, PHONE, SCREENSHOTS, build_site, copy_minimal_project

# Collected (and skipped) without the browser packages, so `make test-fast` runs anywhere.
expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (`make setup`)").expect

pytestmark = pytest.mark.browser

# Roles renamed in the fixture site: (former slug, current slug, a section or area anchor to land on).
RENAMES = (("risk-officer", "risk-manager", "monitoring"), ("risk-lead", "risk-manager", "raci"),
           ("pm", "project-manager", "faq"))


@pytest.fixture
def phone(browser, site_server):
    """A phone-sized tab (375×812, touch)."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="zh-CN", base_url=site_server)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def path_of(url: str) -> str:
    return unquote(urlsplit(url).path)


def role_slug(url: str) -> str | None:
    parts = [part for part in path_of(url).split("/") if part]
    return parts[1] if len(parts) == 2 and parts[0] == "roles" else None


# --- Finding a role ---------------------------------------------------------------------------------------


def test_the_home_page_links_to_every_role(page, handbook):
    page.goto("")
    expect(page.locator("article h1")).to_contain_text("项目管理手册")
    links = page.locator("article a[href]").evaluate_all(
        "links => links.map(link => ({href: link.href, text: link.textContent.trim()}))")
    linked = {}
    for link in links:
        slug = role_slug(link["href"])
        if slug:
            linked.setdefault(slug, set()).add(link["text"])
    expected = {role.slug: role.name for role in handbook.roles}
    assert set(linked) == set(expected), "home page role links differ from data/roles/"
    for slug, name in expected.items():
        assert name in linked[slug], f"the link to {slug} does not read {name!r}: {linked[slug]}"
    # Every card leads to a page that exists.
    for slug in expected:
        response = page.request.get(f"roles/{slug}/")
        assert response.ok, f"roles/{slug}/ answered {response.status}"


SEARCHES = [
    ("风险", "risk-manager"),
    ("采购", "procurement-manager"),
    ("站会", "agile-coach"),
    ("预算", "finance-manager"),
    ("TPM", "technical-project-manager"),
    ("PMO", "pmo-manager"),
]


def search(page, query: str) -> None:
    """Type into Material's search box as a reader does (Chinese arrives whole, as an input method commits)."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # phones open the search from a header button
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    if query.isascii():
        box.press_sequentially(query, delay=30)
    else:
        page.keyboard.insert_text(query)
        box.dispatch_event("keyup")


@pytest.mark.parametrize(("query", "slug"), SEARCHES, ids=[query for query, _ in SEARCHES])
def test_search_finds_the_role_and_opens_the_section(page, query, slug):
    page.goto("")
    search(page, query)
    role_links = page.locator(f"li.md-search-result__item a.md-search-result__link[href*='/roles/{slug}/']")
    expect(role_links.first).to_be_attached(timeout=15_000)
    # The role's page is among the first documents listed (each document is one result item).
    documents = page.locator("li.md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(link => link.href)")
    top = [path_of(href) for href in documents[:5]]
    assert f"/roles/{slug}/" in top, f"{query!r}: /roles/{slug}/ is not among the first results {top}"
    # Open a section of that role from the results (unfolding "more results" if need be): the page opens
    # at that section.
    item = page.locator("li.md-search-result__item").filter(
        has=page.locator(f"a.md-search-result__link[href*='/roles/{slug}/']")).first
    if item.locator("details").count():
        item.locator("details > summary").first.click()
    sections = [link for link in item.locator("a.md-search-result__link").filter(visible=True).all()
                if urlsplit(link.get_attribute("href") or "").fragment]
    assert sections, f"{query!r}: no section of /roles/{slug}/ among the results"
    href = sections[0].get_attribute("href")
    sections[0].click()
    page.wait_for_url(lambda url: path_of(url) == f"/roles/{slug}/")
    fragment = urlsplit(page.url).fragment
    assert fragment and fragment == urlsplit(href).fragment
    expect(page.locator(f"[id='{fragment}']")).to_be_in_viewport()
    # The searched words are highlighted on the opened page.
    expect(page.locator("article mark").first).to_be_attached()


def test_a_section_url_opens_at_that_section(page):
    page.goto("roles/risk-manager/#raci")
    heading = page.locator("h2#raci")
    expect(heading).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0
    expect(page.locator("h1")).not_to_be_in_viewport()


# --- Reading the matrices ---------------------------------------------------------------------------------


def test_the_raci_matrix_scrolls_inside_its_frame_on_a_phone(phone):
    phone.goto("raci/")
    frame = phone.locator(".matrix-scroll").first
    frame.scroll_into_view_if_needed()
    size = frame.evaluate("e => ({sw: e.scrollWidth, cw: e.clientWidth, sh: e.scrollHeight, ch: e.clientHeight})")
    assert size["sw"] > size["cw"], "the matrix does not scroll sideways on a phone"
    assert size["sh"] > size["ch"], "the matrix does not scroll down inside its frame"
    # The page itself does not scroll sideways: only the frame does.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    row = frame.locator("tbody tr:not(.matrix-group)").nth(3)
    label = row.locator("th.matrix-label")
    cell = row.locator("td").nth(8)
    corner = frame.locator("thead th.matrix-corner")
    column_header = frame.locator("thead th.matrix-role").nth(8)
    box = frame.bounding_box()
    before = {name: item.bounding_box() for name, item in
              (("label", label), ("cell", cell), ("corner", corner), ("header", column_header))}

    frame.evaluate("e => { e.scrollLeft = 300; e.scrollTop = 60; }")
    phone.wait_for_function("e => e.scrollLeft > 0 && e.scrollTop > 0", arg=frame.element_handle())
    scrolled = frame.evaluate("e => ({left: e.scrollLeft, top: e.scrollTop})")
    after = {name: item.bounding_box() for name, item in
             (("label", label), ("cell", cell), ("corner", corner), ("header", column_header))}

    # The cells moved with the scroll ...
    assert after["cell"]["x"] == pytest.approx(before["cell"]["x"] - scrolled["left"], abs=2)
    assert after["cell"]["y"] == pytest.approx(before["cell"]["y"] - scrolled["top"], abs=2)
    # ... the activity column stayed at the frame's left edge, the role header at its top edge.
    assert after["label"]["x"] == pytest.approx(box["x"], abs=2)
    assert after["label"]["y"] == pytest.approx(before["label"]["y"] - scrolled["top"], abs=2)
    assert after["corner"]["x"] == pytest.approx(box["x"], abs=2)
    assert after["corner"]["y"] == pytest.approx(box["y"], abs=2)
    assert after["header"]["y"] == pytest.approx(box["y"], abs=2)
    assert after["header"]["x"] == pytest.approx(before["header"]["x"] - scrolled["left"], abs=2)
    # And the row's label is still readable: not hidden under the header, not cut off by the frame.
    assert after["label"]["y"] >= after["corner"]["y"] + after["corner"]["height"] - 1
    assert after["label"]["x"] + after["label"]["width"] <= box["x"] + box["width"]


def test_letter_explanations_open_from_the_keyboard(page):
    page.goto("raci/")
    frame = page.locator(".matrix-scroll").first
    frame.focus()
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.matrix-tip')"):
            break
    else:
        pytest.fail("Tab never reached a letter of the RACI matrix")
    tip = page.evaluate("""() => {
        const button = document.activeElement;
        const tip = document.getElementById('handbook-tip');
        return {shown: !!tip && !tip.hidden, content: tip ? tip.textContent : '', text: button.dataset.tip,
                letter: button.textContent, described: button.getAttribute('aria-describedby')};
    }""")
    assert tip["shown"]
    assert tip["text"] and tip["text"] == tip["content"]
    assert tip["described"] == "handbook-tip", "the explanation is not tied to its letter"
    # The letter's accessible name starts with the letter shown, then says which role and what it means.
    expect(page.locator(":focus")).to_have_accessible_name(re.compile(f"^{tip['letter']}：.+，.+"))
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('handbook-tip').hidden"), "Escape leaves the explanation open"
    page.keyboard.press("Tab")
    shown = page.evaluate("""() => ({tip: document.getElementById('handbook-tip').textContent,
                                     focused: document.activeElement.dataset.tip || null})""")
    if shown["focused"]:
        assert shown["tip"] == shown["focused"], "the next letter shows another letter's explanation"


# --- Preferences, printing, old links, diagrams -----------------------------------------------------------


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_dark_mode_toggles_and_persists(page):
    page.goto("")
    assert scheme(page) == "default"
    light_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.get_by_title("切换到深色模式").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    dark_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark_background != light_background
    page.reload()
    assert scheme(page) == "slate", "dark mode was forgotten on reload"
    page.goto("roles/risk-manager/")
    assert scheme(page) == "slate", "dark mode was forgotten on another page"
    page.get_by_title("切换到浅色模式").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.reload()
    assert scheme(page) == "default"


def test_dark_mode_switches_from_the_keyboard_and_follows_the_system_until_chosen(browser, site_server):
    context = browser.new_context(base_url=site_server, color_scheme="dark")
    page = context.new_page()
    page.goto("")
    assert scheme(page) == "slate", "a reader whose system is dark starts dark"
    page.emulate_media(color_scheme="light")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.locator("input[name='__palette']:checked").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    expect(page.get_by_title("切换到浅色模式")).to_be_visible()
    page.emulate_media(color_scheme="light")
    page.reload()
    assert scheme(page) == "slate", "a choice made with the keyboard was forgotten"
    context.close()


def test_print_hides_the_navigation(page):
    page.emulate_media(media="print")
    page.goto("roles/risk-manager/")
    for selector in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search"):
        for index in range(page.locator(selector).count()):
            expect(page.locator(selector).nth(index)).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator("article .print-url")).to_contain_text("/roles/risk-manager/")


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """The small fixture site with the roles of RENAMES renamed: their former slugs listed, served."""
    project = copy_minimal_project(tmp_path_factory.mktemp("renamed") / "project")
    for current in {current for _former, current, _anchor in RENAMES}:
        formers = [former for former, slug, _anchor in RENAMES if slug == current]
        role_file = project / f"data/roles/{current}.yaml"
        role_file.write_text(role_file.read_text(encoding="utf-8") + f"former_slugs: [{', '.join(formers)}]\n",
                             encoding="utf-8")
    built = build_site(project, project.parent / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    with serve(project.parent / "site") as url:
        yield url


@pytest.mark.parametrize("former, current, anchor", RENAMES, ids=[former for former, _c, _a in RENAMES])
def test_a_former_role_url_forwards_to_the_same_section(browser, renamed_site, former, current, anchor):
    context = browser.new_context(viewport=DESKTOP, base_url=renamed_site)
    tab = context.new_page()
    tab.goto(f"roles/{former}/#{anchor}")
    tab.wait_for_url(lambda url: path_of(url) == f"/roles/{current}/")
    assert urlsplit(tab.url).fragment == anchor
    expect(tab.locator(f"#{anchor}")).to_be_in_viewport()
    context.close()


# --- Screenshots (for people to look at) ------------------------------------------------------------------

SHOTS = [("home", ""), ("role", "roles/risk-manager/"), ("raci", "raci/"), ("career", "career/"),
         ("track", "career/project-management/")]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize(("name", "path"), SHOTS, ids=[name for name, _ in SHOTS])
def test_screenshots(browser, site_server, viewport, name, path):
    size = DESKTOP if viewport == "desktop" else PHONE
    context = browser.new_context(viewport=size, device_scale_factor=1 if viewport == "desktop" else 2,
                                  is_mobile=viewport == "phone", has_touch=viewport == "phone",
                                  base_url=site_server)
    tab = context.new_page()
    tab.goto(path)
    tab.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}-{viewport}.png"
    if name == "raci":
        frame = tab.locator(".matrix-scroll").first
        frame.scroll_into_view_if_needed()
        # The header swaps its title when the page scrolls: shoot once its transition has finished.
        tab.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")
        tab.screenshot(path=target)
        frame.screenshot(path=SCREENSHOTS / f"{name}-matrix-{viewport}.png")
    else:
        tab.screenshot(path=target, full_page=True)
    # Nothing on the page is wider than the screen.
    assert tab.evaluate("document.documentElement.scrollWidth") <= size["width"]
    context.close()
    assert Path(target).stat().st_size > 10_000
