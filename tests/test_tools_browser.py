"""The reader's tools in Chromium, used as a reader uses them: "谁来拍板？" on the RACI page (type a word, see
who decides and why; pick a role, see its column; on a phone, its letters as a list) and the self-assessment
(/assess/: pick a role and a level, rate skills, see the gaps, open the address elsewhere and see the same).
Nothing is asked of any host but the local server; axe finds nothing; without JavaScript both pages say what
they are and the matrix stays as it is."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import DESKTOP

expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (`make setup`)").expect

pytestmark = pytest.mark.browser

PHONE_360 = {"width": 360, "height": 800}
LETTERS = ("A", "R", "C", "I")


@pytest.fixture
def open_tab(browser, site_server):
    """New tabs in contexts of their own (a link opened on another machine), each watched: no JavaScript error,
    no console error, no request to any host but the local server."""
    contexts, errors, strays = [], [], []

    def open_(path: str, viewport=DESKTOP, scheme: str = "light", javascript: bool = True, **options):
        context = browser.new_context(viewport=viewport, color_scheme=scheme, locale="zh-CN", base_url=site_server,
                                      java_script_enabled=javascript, **options)
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        tab.on("request", lambda request: None if request.url.startswith((site_server, "blob:", "data:"))
               else strays.append(request.url))
        tab.goto(path)
        return tab

    yield open_
    for context in contexts:
        context.close()
    assert not errors, f"errors on the page: {errors}"
    assert not strays, f"requests that left 127.0.0.1: {strays}"


def state(tab) -> dict[str, list[str]]:
    """The address's query, decoded."""
    return parse_qs(urlsplit(tab.url).query)


def hash_state(tab) -> dict[str, list[str]]:
    return parse_qs(unquote(urlsplit(tab.url).fragment))


# ---- 谁来拍板？ -------------------------------------------------------------------------------------------------


def activity_named(handbook, words: str):
    return next(activity for activity in handbook.activities.activities if words in activity.name)


def member_name(handbook, member_id: str) -> str:
    role = handbook.role_by_slug.get(member_id)
    if role is not None:
        return role.name
    return next(party.name for party in handbook.activities.parties if party.id == member_id)


def test_typing_a_word_shows_who_decides_and_why(open_tab, handbook):
    change = activity_named(handbook, "变更评估")
    accountable = next(member for member, letter in change.raci.items() if letter == "A")
    tab = open_tab("raci/")
    box = tab.locator("#raci-finder").get_by_label("活动", exact=True)
    box.click()
    tab.keyboard.insert_text("变更")
    first = tab.locator(".raci-card").first
    expect(first.locator(".raci-card__name")).to_contain_text(change.name)
    decides = first.locator(".raci-card__row", has=tab.locator("dt", has_text="最终负责"))
    expect(decides.locator("dd")).to_contain_text(member_name(handbook, accountable))
    expect(decides.locator("dd")).to_contain_text(" ".join(change.reason.split())[:20])
    for letter in ("R", "C", "I"):
        holders = [member for member, held in change.raci.items() if held == letter]
        row = first.locator(".raci-card__row", has=tab.locator(f"dt .raci-{letter}"))
        for member in holders:
            expect(row.locator("dd")).to_contain_text(member_name(handbook, member))
    assert state(tab)["find"] == ["变更"]
    expect(tab.locator("#raci-finder-count")).to_contain_text("找到")
    # The same address in another browser: the same answer.
    again = open_tab(tab.url)
    expect(again.locator("#raci-finder").get_by_label("活动", exact=True)).to_have_value("变更")
    expect(again.locator(".raci-card").first.locator(".raci-card__name")).to_contain_text(change.name)


@pytest.mark.parametrize("query, expected", [
    ("验收测试", "用户验收测试"),   # a word inside a longer name
    ("谁审批变更", "变更评估"),     # a question: its asking words weigh nothing
    ("预算", "编制项目预算"),
])
def test_the_finder_matches_chinese_by_words_and_characters(open_tab, query, expected):
    tab = open_tab("raci/?find=" + query)
    expect(tab.locator(".raci-card").first.locator(".raci-card__name")).to_contain_text(expected)


def test_a_word_that_matches_nothing_says_so(open_tab):
    tab = open_tab("raci/?find=火星殖民")
    expect(tab.locator("#raci-finder-count")).to_contain_text("没有找到")
    expect(tab.locator(".raci-card")).to_have_count(0)


def test_picking_an_activity_from_the_list(open_tab, handbook):
    uat = activity_named(handbook, "用户验收")
    tab = open_tab("raci/")
    tab.locator("#raci-finder").get_by_label("或选择").select_option(uat.id)
    expect(tab.locator(".raci-card")).to_have_count(1)
    expect(tab.locator(".raci-card__name")).to_contain_text(uat.name)
    assert state(tab)["a"] == [uat.id]


def test_picking_a_role_highlights_its_column_and_the_address_keeps_it(open_tab, handbook):
    slug = "project-manager"
    lettered = {activity.id for activity in handbook.activities.activities if slug in activity.raci}
    tab = open_tab("raci/")
    tab.locator("#raci-finder").get_by_label("我的岗位").select_option(slug)
    column = tab.locator(f"table.raci-matrix [data-member='{slug}'], table.raci-matrix [data-role='{slug}']")
    expect(tab.locator(f"table.raci-matrix thead th[data-member='{slug}']")).to_have_class(re.compile("raci-finder-column"))
    assert tab.locator("table.raci-matrix .raci-finder-column").count() == column.count()
    assert column.count() == len(handbook.activities.activities) + 1
    other = tab.locator("table.raci-matrix td[data-role='change-manager']").first
    assert "raci-finder-column" not in (other.get_attribute("class") or "")
    tinted = tab.locator(f"table.raci-matrix td[data-role='{slug}']").first.evaluate(
        "cell => getComputedStyle(cell).backgroundColor")
    plain = other.evaluate("cell => getComputedStyle(cell).backgroundColor")
    assert tinted != plain
    assert state(tab)["role"] == [slug]

    tab.locator("#raci-finder").get_by_label("只看这个岗位有字母的活动").check()
    rows = tab.locator("table.raci-matrix tbody tr[id^='activity-']")
    shown = {row.get_attribute("id").removeprefix("activity-") for row in rows.all() if row.is_visible()}
    assert shown == lettered
    assert state(tab)["only"] == ["1"]

    again = open_tab(tab.url)
    expect(again.locator("#raci-finder").get_by_label("我的岗位")).to_have_value(slug)
    expect(again.locator("#raci-finder").get_by_label("只看这个岗位有字母的活动")).to_be_checked()
    expect(again.locator(f"table.raci-matrix thead th[data-member='{slug}']")).to_have_class(re.compile("raci-finder-column"))
    visible = again.locator("table.raci-matrix tbody tr[id^='activity-']:visible")
    assert visible.count() == len(lettered)


def test_on_a_phone_my_role_lists_its_letters_instead_of_the_matrix(open_tab, handbook):
    slug = "project-manager"
    tab = open_tab("raci/", viewport=PHONE_360, is_mobile=True, has_touch=True)
    tab.locator("#raci-finder").get_by_label("我的岗位").select_option(slug)
    mine = tab.locator(".raci-mine")
    expect(mine).to_be_visible()
    expect(tab.locator(".matrix-block").first).to_be_hidden()
    expect(mine).to_contain_text("我的岗位：" + handbook.role_by_slug[slug].name)
    for letter in LETTERS:
        names = [activity.name for activity in handbook.activities.activities if activity.raci.get(slug) == letter]
        if not names:
            continue
        group = mine.locator("ul").nth([held for held in LETTERS if any(
            activity.raci.get(slug) == held for activity in handbook.activities.activities)].index(letter))
        assert [link.inner_text() for link in group.locator("a").all()] == names
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE_360["width"]
    # A tap on an activity: who decides it and why.
    first_a = next(activity for activity in handbook.activities.activities if activity.raci.get(slug) == "A")
    mine.get_by_role("link", name=first_a.name, exact=True).tap()
    expect(tab.locator(".raci-card__name")).to_contain_text(first_a.name)
    expect(tab.locator(".raci-card").first).to_contain_text(" ".join(first_a.reason.split())[:15])
    assert state(tab)["a"] == [first_a.id]
    # The whole matrix, when asked for, with the role's column marked.
    tab.get_by_role("button", name="显示完整矩阵").tap()
    expect(tab.locator(".matrix-block").first).to_be_visible()
    expect(tab.locator(".raci-mine")).to_have_count(0)
    assert state(tab)["view"] == ["matrix"]


def test_on_a_wide_screen_the_highlighted_column_is_the_view(open_tab):
    tab = open_tab("raci/?role=project-manager")
    expect(tab.locator(".matrix-block").first).to_be_visible()
    expect(tab.locator(".raci-mine")).to_be_hidden()


def test_without_javascript_the_matrix_stays_as_it_is(open_tab):
    tab = open_tab("raci/?find=变更&role=project-manager", javascript=False)
    expect(tab.locator("#raci-finder")).to_be_hidden()
    expect(tab.locator("table.raci-matrix")).to_be_visible()
    assert tab.locator("table.raci-matrix tbody tr[id^='activity-']:visible").count() > 0


def test_the_finder_reads_the_export_of_the_same_build(built_site):
    html = (built_site / "raci" / "index.html").read_text(encoding="utf-8")
    form = re.search(r'<form class="raci-finder"[^>]*>', html).group(0)
    assert " hidden" in form
    source = re.search(r'data-raci="([^"]+)"', form).group(1)
    assert (built_site / "raci" / source).resolve() == (built_site / "api" / "raci.json").resolve()
    script = re.search(r'<script src="([^"]*raci-finder\.js)"', html).group(1)
    assert (built_site / "raci" / script).resolve().is_file()
    # Loaded by the RACI page only.
    assert "raci-finder.js" not in (built_site / "index.html").read_text(encoding="utf-8")
    exported = json.loads((built_site / "api" / "raci.json").read_text(encoding="utf-8"))
    options = re.findall(r'<option value="([a-z0-9-]+)">', html.split('id="raci-finder-activity"')[1].split("</select>")[0])
    assert options == [activity["id"] for phase in exported["phases"]
                       for activity in exported["activities"] if activity["phase"] == phase["id"]]


# ---- 自我评估 ----------------------------------------------------------------------------------------------


def pick(tab, role, level):
    tab.locator("#assess").get_by_label("岗位", exact=True).select_option(role)
    tab.get_by_label("目前的职级").select_option(level)


def gap(rating: int, expected: int) -> str:
    if rating < expected:
        return f"差 {expected - rating} 级"
    return "已达到" if rating == expected else f"高出 {rating - expected} 级"


def test_rate_two_skills_and_the_same_link_shows_the_same_ratings_and_gaps(open_tab, handbook):
    role = handbook.role_by_slug["project-manager"]
    levels = list(role.career.levels)
    level, upper = levels[0], levels[1]
    first, second = role.skills[0], role.skills[1]
    names = {skill.id: skill.name for skill in handbook.skills.skills}
    tab = open_tab("assess/")
    pick(tab, role.slug, level)
    # One skill with the mouse, the other with the keyboard: Tab into its group, arrows to a level.
    one = tab.locator("fieldset.assess-skill").nth(0)
    one.get_by_label(re.compile(r"^2 · ")).check()
    two = tab.locator("fieldset.assess-skill").nth(1)
    two.get_by_label(re.compile(r"^1 · ")).focus()
    tab.keyboard.press("Space")
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    expect(two.get_by_label(re.compile(r"^3 · "))).to_be_checked()
    expect(one.locator("legend")).to_have_text(names[first.skill])
    expect(one.locator(".assess-gap")).to_contain_text(gap(2, first.at(level)))
    expect(one.locator(".assess-gap")).to_contain_text("下一级期望")
    expect(one.locator(".assess-gap")).to_contain_text(gap(2, first.at(upper)))
    expect(two.locator(".assess-gap")).to_contain_text(gap(3, second.at(level)))
    fragment = hash_state(tab)
    assert fragment["role"] == [role.slug] and fragment["level"] == [level]
    assert fragment["r"][0].split(",")[:2] == ["2", "3"]
    rows = tab.locator(".assess-table tbody tr")
    expect(rows).to_have_count(len(role.skills))
    summary = [rows.nth(index).inner_text() for index in range(2)]

    # The copied address, opened on another machine (a new context: nothing shared but the link).
    again = open_tab(tab.url)
    expect(again.locator("#assess").get_by_label("岗位", exact=True)).to_have_value(role.slug)
    expect(again.get_by_label("目前的职级")).to_have_value(level)
    expect(again.locator("fieldset.assess-skill").nth(0).get_by_label(re.compile(r"^2 · "))).to_be_checked()
    expect(again.locator("fieldset.assess-skill").nth(1).get_by_label(re.compile(r"^3 · "))).to_be_checked()
    expect(again.locator("fieldset.assess-skill").nth(2).locator("input:checked")).to_have_count(0)
    assert [again.locator(".assess-table tbody tr").nth(index).inner_text() for index in range(2)] == summary
    expect(again.locator(".assess-overview")).to_contain_text("已自评 2 / " + str(len(role.skills)) + " 项")


def test_the_assessment_fits_a_phone(open_tab, handbook):
    role = handbook.role_by_slug["technical-project-manager"]
    tab = open_tab(f"assess/#role={role.slug}&level={role.career.levels[0]}&r=1,2,3,4",
                   viewport=PHONE_360, is_mobile=True, has_touch=True)
    expect(tab.locator("fieldset.assess-skill")).to_have_count(len(role.skills))
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE_360["width"]
    for index in range(4):
        box = tab.locator("fieldset.assess-skill").nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_360["width"]


def test_the_choices_are_the_skills_matrix_descriptors(open_tab, handbook):
    role = handbook.role_by_slug["risk-manager"]
    tab = open_tab(f"assess/#role={role.slug}&level={role.career.levels[-1]}")
    fieldsets = tab.locator("fieldset.assess-skill")
    expect(fieldsets).to_have_count(len(role.skills))
    skill = handbook.skill_by_id[role.skills[0].skill]
    labels = fieldsets.nth(0).locator("label")
    for number, descriptor in enumerate(skill.levels, start=1):
        text = labels.nth(number - 1).inner_text()
        assert text.startswith(f"{number} · {handbook.level_by_number[number].name}")
        assert " ".join(descriptor.split())[:20] in text
    # The top level of the role: no next level, and the page says where the track goes on.
    expect(tab.locator(".assess-target")).to_contain_text("最高一级")
    expect(tab.locator(".assess-table thead th")).to_have_count(4)


def test_the_assessment_prints_its_role_level_and_gaps(open_tab):
    tab = open_tab("assess/#role=project-manager&level=junior&r=2,3")
    tab.emulate_media(media="print")
    expect(tab.locator(".assess-print-head")).to_be_visible()
    expect(tab.locator(".assess-print-head")).to_contain_text("项目经理")
    expect(tab.locator(".assess-table")).to_be_visible()
    expect(tab.locator(".assess-skills")).to_be_hidden()
    expect(tab.locator(".assess-controls")).to_be_hidden()


def test_without_javascript_the_assessment_points_to_the_skills_matrix(open_tab):
    tab = open_tab("assess/", javascript=False)
    expect(tab.locator("#assess")).to_be_hidden()
    note = tab.locator(".assess-nojs")
    expect(note).to_be_visible()
    expect(note.get_by_role("link", name="技能矩阵")).to_have_attribute("href", "../skills/")


def test_the_assessment_data_is_the_handbook_s(built_site, handbook):
    html = (built_site / "assess" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="assess-data">(.*?)</script>', html, re.S).group(1))
    assert [role["slug"] for role in data["roles"]] == [role.slug for role in handbook.roles]
    for record in data["roles"]:
        role = handbook.role_by_slug[record["slug"]]
        assert [level["id"] for level in record["levels"]] == list(role.career.levels)
        assert record["skills"] == [{"id": item.skill, "expected": [item.at(level) for level in role.career.levels]}
                                    for item in role.skills]
    for skill_id, skill in data["skills"].items():
        assert skill["descriptors"] == list(handbook.skill_by_id[skill_id].levels)
    assert [item["name"] for item in data["scale"]] == [level.name for level in handbook.skills.levels]


# ---- both: axe, light and dark, desktop and phone, with the tools in use -----------------------------------

TOOL_VIEWS = {
    "finder": "raci/?find=变更&role=project-manager",
    "finder-only": "raci/?role=project-manager&only=1",
    "assess": "assess/#role=project-manager&level=intermediate&r=2,3,1",
    "assess-empty": "assess/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("view", list(TOOL_VIEWS))
def test_no_accessibility_violations_with_the_tools_in_use(open_tab, view, phone, scheme):
    from test_accessibility import audit, report

    options = {"viewport": PHONE_360, "is_mobile": True, "has_touch": True} if phone else {}
    tab = open_tab(TOOL_VIEWS[view], scheme=scheme, **options)
    expect(tab.locator("#raci-finder, #assess").first).to_be_visible()
    if view.startswith("finder"):
        expect(tab.locator(".raci-finder-column").first).to_be_attached()
    results = audit(tab)
    assert not results["violations"], f"{view} ({scheme}, {'phone' if phone else 'desktop'}):\n{report(results)}"
