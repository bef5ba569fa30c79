"""axe-core on every page type of the real site, light and dark, desktop and phone, and with search open:
no violation of WCAG 2.0/2.1 A and AA or of axe's best practices.

axe-core is the copy bundled with axe-playwright-python (4.12 at the time of writing). The fixes for what
Material ships with live in overrides/main.html, handbook/assets/stylesheets/handbook.css and
handbook/assets/javascripts/handbook.js.
"""

from __future__ import annotations

import pytest
from conftest import DESKTOP, PHONE

# Collected (and skipped) without the browser packages, so `make test-fast` runs anywhere.
expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (`make setup`)").expect
Axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed").Axe

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]  # 2.2 AA: target size
PAGES = {
    "home": "",
    "roles": "roles/",
    "role": "roles/risk-manager/",
    "raci": "raci/",
    "raci-phases": "raci/phases/",
    "career": "career/",
    "track": "career/specialist/",
    "skills": "skills/",
    "faq": "faq/",
    "glossary": "glossary/",
    "compare": "compare/?roles=project-manager,technical-project-manager,risk-manager",
    "cadence": "work/cadence/",
    "release-incident": "work/release-incident/",
    "tools": "work/tools/",
    "company-size": "work/company-size/",
    "maintainers": "maintainers/",
    "benchmarks": "maintainers/benchmarks/",
}
SCHEMES = {"light": "default", "dark": "slate"}


def report(results: dict) -> str:
    """Every violation with every node it was found on, for the failure message."""
    lines = []
    for violation in results["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            lines.append(f"      {node['html'][:200]}")
            for line in node.get("failureSummary", "").splitlines():
                lines.append(f"      {line}")
    return "\n".join(lines)


def audit(page) -> dict:
    page.wait_for_load_state("networkidle")
    # The header swaps its title with a CSS transition: audit once nothing moves any more.
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")
    return Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}}).response


@pytest.fixture(params=list(SCHEMES))
def tab(request, browser, site_server):
    """A desktop tab in the light or the dark scheme (as the reader's system prefers)."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=request.param, base_url=site_server)
    page = context.new_page()
    page.scheme = SCHEMES[request.param]
    yield page
    context.close()


def open_page(tab, path: str) -> None:
    tab.goto(path)
    expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", tab.scheme)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_violations(tab, name):
    open_page(tab, PAGES[name])
    results = audit(tab)
    assert not results["violations"], f"{name} ({tab.scheme}):\n{report(results)}"


@pytest.mark.parametrize("name", ["home", "role", "raci", "skills", "career", "track", "faq", "compare"])
def test_no_violations_on_a_phone(browser, site_server, name):
    """The phone layout has its own parts: the navigation drawer, the search button, the sideways matrices."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, base_url=site_server)
    page = context.new_page()
    page.goto(PAGES[name])
    results = audit(page)
    context.close()
    assert not results["violations"], f"{name} (phone):\n{report(results)}"


@pytest.mark.parametrize("query", ["PMO", "风险"])
def test_no_violations_with_search_results_open(tab, query):
    open_page(tab, "")
    box = tab.locator("input.md-search__input")
    box.click()
    if query.isascii():
        box.press_sequentially(query, delay=30)
    else:
        tab.keyboard.insert_text(query)
        box.dispatch_event("keyup")
    expect(tab.locator("li.md-search-result__item").first).to_be_visible(timeout=15_000)
    results = audit(tab)
    assert not results["violations"], f"search {query!r} ({tab.scheme}):\n{report(results)}"


def test_the_search_dialog_has_a_name(page):
    page.goto("")
    assert page.locator(".md-search[role='dialog']").get_attribute("aria-label")
