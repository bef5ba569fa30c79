"""The pages on what a new hire meets, as a reader uses them: axe-core finds nothing on them (light and dark, desktop
and phone), and a link from a role page to a gate opens that gate's folded details."""

from __future__ import annotations

import re

import pytest
from conftest import DESKTOP, PHONE
from test_accessibility import audit, report

from macros.site import urls

expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (`make setup`)").expect

pytestmark = pytest.mark.browser

PAGES = [urls.page_url(src) for src in urls.TOPIC_SECTIONS]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES)
def test_no_violations(browser, site_server, path, viewport, scheme):
    context = browser.new_context(viewport=viewport, color_scheme=scheme, base_url=site_server,
                                  is_mobile=viewport == PHONE, has_touch=viewport == PHONE)
    tab = context.new_page()
    tab.goto(path)
    results = audit(tab)
    context.close()
    assert not results["violations"], f"{path} ({scheme}, {viewport['width']} px):\n{report(results)}"


def test_a_role_pages_link_to_a_gate_opens_the_gates_details(page):
    page.goto("roles/product-manager/")
    fold = page.locator("details.role-topics")
    fold.locator("summary").click()
    fold.get_by_role("link", name="个人信息保护评审").click()
    expect(page).to_have_url(re.compile(r".*/work/compliance/#gate-privacy-review$"))
    details = page.locator("#gate-privacy-review").locator("xpath=following-sibling::details[1]")
    expect(details).to_have_attribute("open", "")
    expect(details.get_by_text("A（最终负责）")).to_be_visible()
