"""Glossary tooltips: every term, also written next to Chinese characters, the longest term first, never in
code, links, headings or attributes; on a built page and in a phone-sized browser where a tap shows the meaning.
"""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import PHONE, ROOT, build_site, copy_project
from data_support import ids_in, record

from macros.site.tooltips import TermMatcher


@pytest.fixture(scope="module")
def terms(handbook):
    return handbook.glossary.terms


@pytest.fixture(scope="module")
def matcher(terms) -> TermMatcher:
    """The matcher over the real glossary."""
    return TermMatcher(terms)


def abbrs(html: str) -> list[tuple[str, str]]:
    """(text, data-term) of every tooltip in a piece of HTML."""
    return [(node.get_text(), node["data-term"]) for node in BeautifulSoup(html, "html.parser").find_all("abbr")]


def glued(term: str) -> str:
    """A sentence with the term written between Chinese characters, as in "组织CCB审批"."""
    return f"<p>请组织{term}审批。</p>"


@pytest.mark.parametrize("term_id", ids_in("data/glossary.yaml", "terms"))
def test_every_term_gets_a_tooltip_when_glued_to_chinese_text(handbook, matcher, term_id):
    term = record(handbook.term_by_id, term_id)
    html = matcher.annotate(glued(term.term))
    assert abbrs(html) == [(term.term, term.id)]
    node = BeautifulSoup(html, "html.parser").abbr
    assert node["title"] == term.tip


def test_the_longest_term_wins_where_terms_overlap(matcher):
    html = matcher.annotate("<p>先灰度发布，再做故障复盘；灰度中的功能也要复盘。</p>")
    assert abbrs(html) == [("灰度发布", "canary-release"), ("故障复盘", "postmortem"), ("灰度", "canary"),
                           ("复盘", "retrospective")]


@pytest.mark.parametrize("html", [
    "<p>运行 <code>PMP 灰度发布</code> 命令</p>",
    "<pre><code>组织CCB审批\n灰度发布</code></pre>",
    '<p><a href="../glossary/">组织CCB审批</a></p>',
    '<h2 id="ccb">组织CCB审批</h2>',
    '<p><span title="组织CCB审批" data-note="灰度发布">说明</span></p>',
    "<p><abbr title=\"已有\">CCB</abbr></p>",
    "<script>const text = '组织CCB审批 <p>灰度发布</p>';</script>",
    "<p><dfn id=\"term-ccb\">CCB</dfn></p>",
], ids=["code", "pre", "link", "heading", "attribute", "abbr", "script", "definition"])
def test_no_tooltip_inside_code_links_headings_or_attributes(matcher, html):
    assert matcher.annotate(html).count("<abbr") == html.count("<abbr")


def test_text_after_a_skipped_element_is_matched_again(matcher):
    html = matcher.annotate("<p><a href='x'>CCB</a> 之后由CCB审批，<code>PMP</code>然后考PMP。</p>")
    assert abbrs(html) == [("CCB", "ccb"), ("PMP", "pmp")]


@pytest.mark.parametrize("text", ["PMO", "NPM", "PMP2", "xRACI"], ids=str)
def test_a_latin_term_is_not_found_inside_a_longer_latin_word(matcher, text):
    assert [term for term, _id in abbrs(matcher.annotate(f"<p>{text}</p>"))] in ([text], [])
    assert "PM" not in [term for term, _id in abbrs(matcher.annotate(f"<p>{text}</p>"))]


def test_titles_are_escaped():
    from macros.data.models import Term

    matcher = TermMatcher([Term(id="x", term="X术语", description='含有 "引号" 与 <尖括号>')])
    html = matcher.annotate("<p>这是X术语。</p>")
    assert BeautifulSoup(html, "html.parser").abbr["title"] == '含有 "引号" 与 <尖括号>'
    assert "<尖括号>" not in html


# --- A built test page: every term glued to Chinese text, through the real build --------------------------------


@pytest.fixture(scope="module")
def term_page(tmp_path_factory, terms) -> BeautifulSoup:
    project = copy_project(tmp_path_factory.mktemp("terms") / "project")
    # The glued text is written through macro calls: the house lint (one space between Chinese and Latin) reads
    # the page as written, and this page is about text that breaks that rule, as pasted text does.
    lines = ["# 术语测试页", ""] + [f"第 {n} 条：{{{{ '请组织{term.term}审批。' }}}}" + "\n" for n, term in enumerate(terms, 1)]
    lines += ["", "`组织CCB审批` 与 [{{ '组织CCB审批' }}](glossary.md) 不加提示。"]
    (project / "handbook" / "term-test.md").write_text("\n".join(lines), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("not_in_nav: |\n", "not_in_nav: |\n  /term-test.md\n"),
                      encoding="utf-8")
    shutil.copy(ROOT / "data" / "url-contract.txt", project / "data" / "url-contract.txt")
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return BeautifulSoup((site / "term-test" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_glossary_term_has_a_tooltip_on_a_built_page_where_it_is_glued_to_chinese(term_page, terms):
    paragraphs = term_page.select("article p")
    for number, term in enumerate(terms, 1):
        paragraph = next(p for p in paragraphs if p.get_text().startswith(f"第 {number} 条："))
        found = [(node.get_text(), node["data-term"], node["title"]) for node in paragraph.find_all("abbr")]
        assert found == [(term.term, term.id, " ".join(term.tip.split()))], term.id
    last = paragraphs[-1]
    assert last.find("code") and last.find("a") and not last.find("abbr")


def test_the_glossary_page_defines_each_term_once_without_a_tooltip_on_it(built_site, terms):
    page = BeautifulSoup((built_site / "glossary/index.html").read_text(encoding="utf-8"), "html.parser")
    for term in terms:
        definition = page.find("dfn", id=term.anchor)
        assert definition is not None and definition.get_text() == term.term and not definition.find("abbr")


# --- A phone: a tap shows the meaning ----------------------------------------------------------------------------


@pytest.mark.browser
def test_a_tap_on_a_term_shows_its_definition_on_a_phone(browser, site_server, terms):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="zh-CN", base_url=site_server)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto("work/release-incident/")
        term = tab.locator("article abbr[data-term='on-call']").first
        term.scroll_into_view_if_needed()
        term.tap()
        panel = tab.locator(".term-panel")
        expected = next(t for t in terms if t.id == "on-call")
        assert panel.is_visible()
        assert " ".join(expected.tip.split()) in " ".join(panel.inner_text().split())
        box, screen = panel.bounding_box(), PHONE["width"]
        assert box["x"] >= 0 and box["x"] + box["width"] <= screen, "the panel runs off the screen"
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], "the panel runs off the screen"
        link = panel.locator("a")
        assert link.get_attribute("href").endswith("/glossary/#term-on-call")
        shot = ROOT / "test-output" / "screenshots" / "phone-term-panel.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(shot))
        # A tap elsewhere closes it; a tap on another term opens that one instead.
        tab.locator("article h1").tap()
        assert tab.locator(".term-panel").count() == 0
        other = tab.locator("article abbr[data-term='rollback']").first
        other.scroll_into_view_if_needed()
        other.tap()
        assert "回滚" in tab.locator(".term-panel").inner_text()
        # The panel's link leads to the definition on the glossary page.
        tab.locator(".term-panel a").tap()
        tab.wait_for_url("**/glossary/#term-rollback")
        assert tab.locator("dfn#term-rollback").is_visible()
    finally:
        context.close()
    assert not errors, errors
