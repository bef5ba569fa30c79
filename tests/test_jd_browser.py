"""What HR does with a role page's job postings (#25), in Chromium: pick a level, click "复制 JD", paste; and
copy a section of the page by selecting it, which gives its text without any control ("复制链接", "复制 JD",
a picker's options).

Debian's Chromium through Playwright, against the real site (fixtures in conftest.py); the clipboard is the
real one of the browser context, with the permissions a reader grants.
"""

from __future__ import annotations

import pytest

from conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

CONTROL_WORDS = ("复制链接", "已复制", "复制 JD", "招聘级别")


@pytest.fixture
def hr(browser, site_server):
    """A desktop tab whose page may read and write the clipboard (as after a reader allowed it)."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", base_url=site_server)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, errors


def clipboard(tab) -> str:
    return tab.evaluate("navigator.clipboard.readText()")


def test_pick_a_level_copy_the_posting_and_paste_it(hr, handbook):
    role = handbook.role_by_slug["project-manager"]
    hr.goto(f"roles/{role.slug}/#jd")
    picker = hr.get_by_label("招聘级别")
    assert [option.strip() for option in picker.locator("option").all_inner_texts()] == [
        f"{level.name}（{level.experience}）" for level in handbook.levels_of(role)]
    picker.select_option("senior")
    # Only the chosen level is in view; the others are still in the page (and in print, search, no-JS).
    assert hr.locator("[data-jd-panel]:visible").count() == 1
    assert hr.locator("[data-jd-panel='senior']").is_visible()
    hr.get_by_role("button", name="复制 JD").click()
    hr.get_by_role("status").filter(has_text="已复制").wait_for()
    pasted = clipboard(hr)
    canonical = hr.locator("link[rel=canonical]").get_attribute("href")
    assert pasted.startswith(f"{role.name} · 高级项目经理\n")
    assert "任职要求：\n1. 5–8 年相关工作经验。" in pasted
    assert "计划与进度管理（4 级 · 精通）" in pasted
    assert pasted.endswith(f"岗位详情：{canonical}#jd")
    assert not any(word in pasted for word in CONTROL_WORDS)
    # Another level, another text; the address names the level, and opens it again.
    picker.select_option("junior")
    hr.get_by_role("button", name="复制 JD").click()
    hr.get_by_role("status").filter(has_text="初级项目经理").wait_for()
    assert clipboard(hr).startswith(f"{role.name} · 初级项目经理\n")
    assert hr.url.endswith("#jd-junior")
    hr.goto(f"roles/{role.slug}/#jd-intermediate")
    assert hr.get_by_label("招聘级别").input_value() == "intermediate"
    assert hr.locator("#jd-intermediate").is_visible()


def test_without_javascript_every_level_is_on_the_page(browser, site_server, handbook):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site_server, java_script_enabled=False)
    tab = context.new_page()
    role = handbook.role_by_slug["risk-manager"]
    tab.goto(f"roles/{role.slug}/")
    assert tab.locator("[data-jd-panel]:visible").count() == len(role.career.levels)
    assert tab.locator("[data-jd-controls]").is_hidden()  # no button that would do nothing
    context.close()


SELECT_SECTION = """([from, to]) => {
  const range = document.createRange();
  range.setStartBefore(document.getElementById(from));
  range.setEndBefore(document.getElementById(to));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""


@pytest.mark.parametrize("section, next_section", [("overview", "responsibilities"), ("jd", "collaboration")])
def test_selecting_and_copying_a_section_gives_its_text_without_controls(hr, section, next_section):
    hr.goto("roles/project-manager/")
    if section == "jd":
        hr.locator("[data-jd-panel]:visible summary").click()  # the posting's full text, opened
    selected = hr.evaluate(SELECT_SECTION, [section, next_section])
    hr.keyboard.press("Control+C")
    copied = clipboard(hr)
    heading = hr.locator(f"#{section}").evaluate("node => node.firstChild.textContent.trim()")
    for text in (selected, copied):
        assert text.lstrip().startswith(heading), text[:80]
        assert not any(word in text for word in CONTROL_WORDS), text[:300]
    if section == "jd":
        assert "岗位职责" in copied  # the posting's text itself is copied
