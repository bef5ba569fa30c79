"""The career pages in Chromium on a phone: every ladder fits the screen, nothing scrolls sideways."""

from __future__ import annotations

import pytest
from data_support import ids_in

pytestmark = pytest.mark.browser

PAGES = ["career/", *(f"career/{track}/" for track in ids_in("data/career.yaml", "tracks"))]


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("path", PAGES)
def test_the_whole_ladder_fits_a_phone(browser, site_server, width, path):
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="zh-CN", base_url=site_server)
    tab = context.new_page()
    tab.goto(path)
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    steps = tab.locator("ol.career-ladder > li")
    assert steps.count() >= 2
    for index in range(steps.count()):
        box = steps.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"level {index + 1} sticks out"
        assert box["height"] > 20
    context.close()


def test_an_old_stage_link_lands_on_its_level(page):
    page.goto("career/#stage-senior")
    step = page.locator("li#stage-senior")
    assert step.locator(".career-step-name").inner_text() == "高级项目经理"
    box = step.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
