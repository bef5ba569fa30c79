"""Every page reads well on a phone (360×740) and on a desktop (1280×800), checked on what the browser drew:

* the page never scrolls sideways, and no table header or cell has content that runs out of its box;
* a frame that scrolls sideways says so, ends where its table ends, and one with many tab stops has a skip
  link past it; a letter's explanation opens inside the viewport;
* no line starts with closing Chinese punctuation (、，。）…), measured on the rendered line boxes;
* a long page has a table of contents on screen or one tap away; role pages light up the 岗位 tab and show
  a breadcrumb; every heading has a visible "复制链接" of at least 44×44 px that copies the canonical address.

Debian's Chromium through Playwright, against the real site (fixtures in conftest.py).
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from macros.site.urls import page_url

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
SOURCES = sorted(path.relative_to(ROOT / "handbook").as_posix() for path in (ROOT / "handbook").rglob("*.md"))
PAGES = [page_url(src) for src in SOURCES] + ["no-such-page/"]  # the last one is answered by 404.html
ROLE_PAGES = [page_url(src) for src in SOURCES if src.startswith("roles/") and src != "roles/index.md"]
SITE_URL = "https://pm-handbook.github.io/handbook/"


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


def open_page(tab, path: str) -> None:
    tab.errors.clear()
    tab.goto(path)
    tab.wait_for_load_state("networkidle")
    tab.wait_for_function("document.querySelector('.scroll-edges') || !document.querySelector('.md-typeset__scrollwrap, .matrix-scroll')")


# The measurements, in the page: each returns a list of findings (empty: all is well).
MEASURE = r"""() => {
  const findings = {overflow: [], cells: [], frames: [], lines: [], tips: [], links: []};
  const root = document.documentElement;
  const width = root.clientWidth, height = window.innerHeight;
  const article = document.querySelector("article");
  const visible = (element) => element.getClientRects().length > 0
    && getComputedStyle(element).visibility !== "hidden";

  // 1. The page does not scroll sideways: name the elements that stick out.
  if (root.scrollWidth > width + 1) {
    for (const element of document.body.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.right > width + 1 && visible(element) && !element.closest(".md-typeset__scrollwrap, .matrix-scroll")) {
        findings.overflow.push(`${element.tagName.toLowerCase()}.${element.className} right=${Math.round(box.right)}`);
        if (findings.overflow.length > 5) break;
      }
    }
    if (!findings.overflow.length) findings.overflow.push(`scrollWidth ${root.scrollWidth} > ${width}`);
  }

  // 2. Table headers and cells: their content stays inside their box.
  for (const cell of (article || document).querySelectorAll("th, td")) {
    if (!visible(cell) || !cell.textContent.trim()) continue;
    const box = cell.getBoundingClientRect();
    const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    outside: for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (node.parentElement.closest(".md-visually-hidden")) continue;  // clipped to 1 px on purpose
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (!rect.width || !rect.height) continue;
        if (rect.left < box.left - 1 || rect.right > box.right + 1 || rect.top < box.top - 1 || rect.bottom > box.bottom + 1) {
          findings.cells.push(`${cell.tagName.toLowerCase()} "${cell.textContent.trim().slice(0, 30)}"`);
          break outside;
        }
      }
    }
  }

  // 3. Scrolling frames: no blank space past the table's edge; a sideways frame says so on a phone.
  for (const frame of (article || document).querySelectorAll(".md-typeset__scrollwrap, .matrix-scroll")) {
    const table = frame.querySelector("table");
    if (!table || !visible(frame)) continue;
    const name = (table.caption || table.rows[0].cells[0]).textContent.trim().slice(0, 20);
    // The scrollable extent ends where the table (and its wrapper's own padding) ends.
    const wrapper = table.parentElement;
    const padding = wrapper === frame ? 0 : parseFloat(getComputedStyle(wrapper).paddingRight) || 0;
    const extent = frame.getBoundingClientRect().left - frame.scrollLeft + frame.scrollWidth;
    const past = Math.min(extent - table.getBoundingClientRect().right - padding,
                          frame.scrollWidth - frame.clientWidth);
    if (past > 2) findings.frames.push(`"${name}": ${Math.round(past)} px of blank space past the table`);
    if (frame.scrollWidth > frame.clientWidth + 1) {
      const hint = frame.parentElement.querySelector(":scope > .scroll-hint");
      if (!hint || !visible(hint)) findings.frames.push(`"${name}" scrolls sideways without saying so`);
    }
    const stops = frame.querySelectorAll("a[href], button, [tabindex='0']").length;
    if (stops > 20) {
      const holder = frame.closest(".scroll-edges") || frame;
      const skip = holder.previousElementSibling;
      const target = skip && skip.matches("a.skip-past") && document.getElementById(skip.hash.slice(1));
      if (!target || !(holder.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        findings.frames.push(`"${name}" has ${stops} tab stops and no skip link past them`);
      }
    }
  }

  // 4. No line starts with closing punctuation: a character that is on a lower line than the visible
  //    character before it starts a line.
  const closing = /[、，。：；！？）」』】》〉…,.;:!?)]/;
  const walker = document.createTreeWalker(article || document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const parent = node.parentElement;
      if (!parent || parent.closest("pre, script, style, .md-visually-hidden")) return NodeFilter.FILTER_REJECT;
      if (getComputedStyle(parent).writingMode !== "horizontal-tb") return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const rectOf = (node, index) => {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    const rects = range.getClientRects();
    return rects.length ? rects[rects.length - 1] : null;
  };
  let previous = null;  // the last visible character seen: {rect, block}
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    const block = node.parentElement.closest("p, li, td, th, dd, dt, h1, h2, h3, h4, h5, h6, caption, summary, div");
    // After an inline element, where that element's box ends (it may end in generated text, such as a
    // printed link's address).
    const sibling = node.previousSibling;
    if (sibling && sibling.nodeType === Node.ELEMENT_NODE && sibling.getClientRects().length) {
      const rects = sibling.getClientRects();
      previous = {rect: rects[rects.length - 1], block};
    }
    for (let index = 0; index < text.length; index++) {
      if (/\s/.test(text[index])) continue;
      const isClosing = closing.test(text[index]);
      if (!isClosing && index + 1 < text.length && !closing.test(text[index + 1]) && !/\s/.test(text[index + 1])) {
        continue;  // only the characters next to punctuation matter: skip measuring the rest
      }
      const rect = rectOf(node, index);
      if (!rect || !rect.width) continue;
      if (isClosing && previous && previous.block === block && rect.top >= previous.rect.bottom - 2
          && !node.parentElement.closest("code")) {  // code breaks anywhere, as code must
        const start = Math.max(0, index - 8);
        findings.lines.push(`"${text.slice(start, index + 4).trim()}" in ${block.tagName.toLowerCase()}`);
      }
      previous = {rect, block};
    }
  }

  // 5. Every letter's explanation opens inside the viewport.
  for (const button of document.querySelectorAll(".matrix-tip[data-tip]")) {
    button.scrollIntoView({block: "center", inline: "center"});
    button.focus();
    const tip = document.getElementById("handbook-tip");
    const box = tip && !tip.hidden ? tip.getBoundingClientRect() : null;
    if (!box) findings.tips.push(`no explanation for "${button.dataset.tip.slice(0, 20)}"`);
    else if (box.left < 0 || box.top < 0 || box.right > width || box.bottom > height) {
      findings.tips.push(`"${button.dataset.tip.slice(0, 20)}" at ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`);
    }
    button.blur();
    if (findings.tips.length > 5) break;
  }
  window.scrollTo(0, 0);

  // 6. Every heading of a section (an id: every heading made from Markdown) has a visible copy link that
  //    is easy to tap.
  for (const heading of (article || document).querySelectorAll(":is(h1, h2, h3, h4, h5, h6)[id]")) {
    if (!visible(heading)) continue;
    const link = heading.querySelector("a.headerlink");
    if (!link) { findings.links.push(`${heading.id}: no copy link`); continue; }
    const box = link.getBoundingClientRect();
    if (!visible(link) || link.textContent.trim() !== "复制链接" || getComputedStyle(link).opacity !== "1") {
      findings.links.push(`${heading.id}: the copy link is not visible as "复制链接"`);
    } else if (box.width < 44 || box.height < 44) {
      findings.links.push(`${heading.id}: the copy link is ${Math.round(box.width)}×${Math.round(box.height)} px`);
    }
  }
  return findings;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_the_page_reads_well(tab, path):
    open_page(tab, path)
    findings = tab.evaluate(MEASURE)
    assert not tab.errors, f"JavaScript errors: {tab.errors}"
    where = f"/{path} on the {tab.size_name}"
    assert not findings["overflow"], f"{where} scrolls sideways: {findings['overflow']}"
    assert not findings["cells"], f"{where}: content runs out of table cells: {findings['cells'][:8]}"
    assert not findings["frames"], f"{where}: {findings['frames']}"
    assert not findings["lines"], f"{where}: lines start with closing punctuation: {findings['lines'][:8]}"
    assert not findings["tips"], f"{where}: explanations outside the viewport: {findings['tips']}"
    assert not findings["links"], f"{where}: {findings['links'][:8]}"


@pytest.mark.parametrize("path", PAGES)
def test_a_long_page_has_its_table_of_contents_at_hand(tab, path):
    open_page(tab, path)
    sections = tab.eval_on_selector_all("article h2[id]", "headings => headings.map(h => h.id)")
    long = tab.evaluate("document.documentElement.scrollHeight > 2 * window.innerHeight")
    if not (long and len(sections) >= 2):
        pytest.skip("a short page, or one without sections")
    sidebar = tab.locator(".md-sidebar--secondary nav.md-nav--secondary")
    if tab.size_name == "desktop" and sidebar.is_visible():
        links = sidebar.locator("a.md-nav__link").evaluate_all("links => links.map(a => a.hash.slice(1))")
    else:
        toc = tab.locator("article details.page-toc")
        assert toc.is_visible(), f"/{path} on the {tab.size_name}: {len(sections)} sections and no table of contents"
        toc.locator("summary").click()
        links = toc.locator("a").evaluate_all("links => links.map(a => a.hash.slice(1))")
        # It opens under the title, and its links go to the sections.
        first = toc.locator("a").first
        first.click()
        tab.wait_for_function("id => location.hash === '#' + id", arg=links[0])
    missing = [section for section in sections if section not in links]
    assert not missing, f"/{path} on the {tab.size_name}: the table of contents lacks {missing}"


@pytest.mark.parametrize("path", ROLE_PAGES)
def test_a_role_page_shows_where_it_is(tab, path):
    open_page(tab, path)
    crumbs = tab.locator("nav.md-path .md-path__link").all_inner_texts()
    assert [crumb.strip() for crumb in crumbs] == ["首页", "岗位"], crumbs
    assert tab.locator("nav.md-path").is_visible()
    assert tab.locator("nav.md-path .md-path__link").nth(1).evaluate("a => a.href").endswith("/roles/")
    if tab.size_name == "desktop":
        active = tab.locator(".md-tabs__item--active").all_inner_texts()
        assert [item.strip() for item in active] == ["岗位"], f"/{path}: active tabs {active}"


def test_no_page_lists_every_role_in_its_navigation(tab, handbook_roles):
    open_page(tab, "")
    nav = tab.locator("nav.md-nav--primary").first.evaluate("nav => nav.innerHTML")
    listed = [role for role in handbook_roles if f"roles/{role}/" in nav]
    assert not listed, f"the navigation lists role pages: {listed}"


@pytest.fixture(scope="module")
def handbook_roles():
    return [path.split("/")[1] for path in ROLE_PAGES]


def test_copy_link_copies_the_canonical_address_and_says_so(browser, site_server):
    context = browser.new_context(base_url=site_server, viewport=VIEWPORTS["phone"]["viewport"], has_touch=True,
                                  is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    tab = context.new_page()
    tab.goto("roles/risk-manager/")
    link = tab.locator("h2#skills a.headerlink")
    link.tap()
    assert tab.evaluate("navigator.clipboard.readText()") == SITE_URL + "roles/risk-manager/#skills"
    assert link.inner_text() == "已复制"
    assert tab.locator("#handbook-announce").inner_text().startswith("已复制")
    tab.wait_for_function("() => document.querySelector('h2#skills a.headerlink').textContent === '复制链接'",
                          timeout=4000)
    # The title's link copies the page's address, not a fragment.
    tab.locator("h1 a.headerlink").tap()
    assert tab.evaluate("navigator.clipboard.readText()") == SITE_URL + "roles/risk-manager/"
    context.close()


def test_the_skip_link_moves_past_the_matrix(browser, site_server):
    context = browser.new_context(base_url=site_server, viewport=VIEWPORTS["desktop"]["viewport"])
    tab = context.new_page()
    tab.goto("raci/")
    tab.wait_for_selector("a.skip-past", state="attached")
    tab.locator("a.skip-past").first.focus()
    assert tab.locator("a.skip-past").first.is_visible(), "the skip link does not show when focused"
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    inside = tab.evaluate("!!document.activeElement.closest('.matrix-scroll')")
    after = tab.evaluate("""() => {
        const frame = document.querySelector('.matrix-scroll');
        return !!(frame.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert not inside and after, "Tab after the skip link did not land past the matrix"
    context.close()


def test_a_tapped_letter_explains_itself_inside_the_screen(browser, site_server):
    context = browser.new_context(base_url=site_server, **VIEWPORTS["phone"])
    tab = context.new_page()
    tab.goto("raci/")
    frame = tab.locator(".matrix-scroll").first
    frame.scroll_into_view_if_needed()
    # The right-most letters are the ones a CSS tooltip pushed off the screen.
    frame.evaluate("frame => { frame.scrollLeft = frame.scrollWidth; }")
    letters = frame.locator("td:last-child .matrix-tip")
    letters.first.scroll_into_view_if_needed()
    letters.first.tap()
    tip = tab.locator("#handbook-tip")
    assert tip.is_visible()
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    assert letters.first.get_attribute("data-tip") == tip.inner_text()
    # Tapping elsewhere closes it.
    tab.locator("article h1").tap()
    assert not tip.is_visible()
    context.close()


def serve_under(built_site, tmp_path, prefix: str):
    """The built site served at ``prefix`` (e.g. ``preview/copy/``) of a host whose 404 page is the site's."""
    folder = tmp_path.joinpath(*prefix.strip("/").split("/")[:-1])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / prefix.strip("/").split("/")[-1]).symlink_to(built_site, target_is_directory=True)
    (tmp_path / "404.html").write_bytes((built_site / "404.html").read_bytes())


def watch_failures(tab) -> list[str]:
    failed: list[str] = []
    tab.on("response", lambda response: failed.append(f"{response.status} {response.url}")
           if response.status >= 400 and response.request.resource_type != "document" else None)
    tab.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    return failed


def test_the_pages_work_under_any_path(browser, built_site, tmp_path):
    """A preview served at another path than site_url's (here /preview/copy/) finds every stylesheet, script
    and image: the pages address them relative to themselves."""
    from browser_support import serve

    serve_under(built_site, tmp_path, "preview/copy/")
    with serve(tmp_path) as url:
        context = browser.new_context(base_url=url + "preview/copy/", viewport=VIEWPORTS["phone"]["viewport"])
        tab = context.new_page()
        failed = watch_failures(tab)
        for path in PAGES[:-1]:
            tab.goto(path)
            tab.wait_for_load_state("networkidle")
            assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", path
        assert not failed, f"missing under another path: {failed[:8]}"
        context.close()


@pytest.mark.parametrize("prefix, missing", [
    ("preview/copy/", "roles/no-such-role/deeper/"),  # below a folder of the site: the root is found from it
    ("", "no-such-page/"),  # the site at a host's root
])
def test_the_404_page_works_under_another_path(browser, built_site, tmp_path, prefix, missing):
    """A preview served at another path than site_url's gets a styled 404 page whose links and search lead
    into the preview, not to site_url's path. (The browser may also ask site_url's path for a stylesheet or
    two before the page's first script has set its base: those requests are not counted.)"""
    from browser_support import assert_not_found_page_works, serve

    if prefix:
        serve_under(built_site, tmp_path, prefix)
        root = tmp_path
    else:
        root = built_site
    with serve(root) as url:
        context = browser.new_context(base_url=url + prefix, viewport=VIEWPORTS["phone"]["viewport"], locale="zh-CN")
        tab = context.new_page()
        loaded: list[str] = []
        tab.on("response", lambda response: loaded.append(response.url) if response.ok else None)
        assert tab.goto(missing).status == 404
        tab.wait_for_load_state("networkidle")
        for name in ("handbook.css", "career.css", "bundle.", "handbook.js"):
            assert any(name in address and address.startswith(url + prefix + "assets/") for address in loaded), name
        assert_not_found_page_works(tab, url + prefix, missing)
        context.close()


def test_the_404_page_is_chinese_with_search_roles_and_home(browser, built_site, tmp_path):
    """At any depth under the site's path, a missing address gets the site's own 404 page, styled, in
    Chinese, with a working search and links to the roles and the home page."""
    from browser_support import serve

    serve_under(built_site, tmp_path, "handbook/")  # site_url's path
    with serve(tmp_path) as url:
        context = browser.new_context(base_url=url + "handbook/", viewport=VIEWPORTS["phone"]["viewport"],
                                      locale="zh-CN")
        tab = context.new_page()
        failed = watch_failures(tab)
        response = tab.goto("roles/no-such-role/deeper/")
        assert response.status == 404
        tab.wait_for_load_state("networkidle")
        assert tab.title().startswith("找不到这个页面")
        assert tab.locator("article h1").inner_text() == "找不到这个页面"
        assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        links = tab.locator("article a").evaluate_all("links => links.map(a => [a.textContent, a.href])")
        assert ["查看全部岗位", url + "handbook/roles/"] in links and ["回到首页", url + "handbook/"] in links
        tab.locator("article label[for='__search']").click()
        box = tab.locator("input.md-search__input")
        assert box.is_visible()
        box.click()
        # The search index is fetched only now that a query is typed (search/index.json, see test_search.py).
        with tab.expect_response(lambda response: response.url.endswith("search/index.json")) as index:
            tab.keyboard.insert_text("风险")
            box.dispatch_event("keyup")
        assert index.value.ok, "the 404 page's search finds no index"
        first = tab.locator("li.md-search-result__item a.md-search-result__link").first
        first.wait_for(timeout=30_000)
        first.click()
        tab.wait_for_load_state("networkidle")
        assert tab.locator("article h1").inner_text() != "找不到这个页面", f"a search result led to {tab.url}"
        assert not failed, f"missing on the 404 page: {failed[:8]}"
        context.close()
