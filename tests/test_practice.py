"""How the work runs: cadence, release and incident practice, tools, company size. Bad inputs are reported
precisely; every role page shows what the data says about the role; the practice pages and the export carry it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from data_support import record, role_slugs
from test_validation import edit, problems_of

from macros.site import practice_views as views

ROOT = Path(__file__).resolve().parent.parent
CADENCE, OPERATIONS, SETTINGS = "data/cadence.yaml", "data/operations.yaml", "data/settings.yaml"
RM = "data/roles/risk-manager.yaml"

# (case, file, old text, new text, expected line of output) on the minimal fixture
CASES = [
    ("unknown event", CADENCE, "      - event: weekly-meeting\n        frequency: 每周\n        part: 组织周会。",
     "      - event: weekly-sync\n        frequency: 每周\n        part: 组织周会。",
     f"{CADENCE}:25:16 roles.project-manager.rhythm[0].event：没有叫「weekly-sync」的会议或报告："
     "应为 data/cadence.yaml 的 events 里已有的一个（weekly-meeting）。请改成其中之一，或先在那里添加它。"),
    ("unknown activity", CADENCE, "        activity: project-charter", "        activity: project-kickoff",
     f"{CADENCE}:28:19 roles.project-manager.rhythm[0].activity：没有叫「project-kickoff」的活动："
     "应为 data/activities.yaml 的 activities 里已有的一个（project-charter、"
     "risk-register）。请改成其中之一，或先在那里添加它。"),
    ("usual iteration repeated among variants", CADENCE, "      usual: biweekly",
     "      usual: biweekly\n      variants: [biweekly]",
     f"{CADENCE}:22:17 roles.project-manager.iteration.variants：「biweekly」已经是常用的迭代方式（usual）"
     "：这里只列其他方式，请删掉它。"),
    ("typical week too short", CADENCE, "      - {when: 周五, what: 写入周报。}\n", "",
     f"{CADENCE}:42:7 roles.risk-manager.typical_week：应至少有 5 项，实际有 4 项：请补足。"),
    ("unknown role in cadence", CADENCE, "  risk-manager:\n    rhythm:", "  risk-managr:\n    rhythm:",
     f"{CADENCE}:35:3 roles：没有叫「risk-managr」的岗位：应为 data/roles/<slug>.yaml 里已有的一个（project-manager、"
     "risk-manager）。请改成其中之一，或先在那里添加它。"),
    ("role without cadence", CADENCE, "  risk-manager:\n    rhythm:", "  project-manager-2:\n    rhythm:",
     f"{RM}:1:7 slug：这个岗位没有工作节奏：请在 data/cadence.yaml 里添加 roles.risk-manager（写 "
     "rhythm 和 typical_week；有迭代和发布的岗位再写 iteration 和 release）。"),
    ("incident scale with two levels", OPERATIONS, "    - {id: p2, name: P2, definition: 影响有限。, typical_response: 排期修复。}\n",
     "", f"{OPERATIONS}:4:5 incident_levels.levels：应至少有 3 项，实际有 2 项：请补足。"),
    ("source that is not a web address", OPERATIONS, "    varies: 批次因业务而异。",
     "    varies: 批次因业务而异。\n    source: Scrum 指南",
     f"{OPERATIONS}:14:13 practices[0].source：应为以 https:// 开头的网址，实际是「Scrum 指南」：请按这个格式改写。"),
    ("staffing other than dedicated or shared", SETTINGS, "large: {staffing: dedicated, note: 专职。}",
     "large: {staffing: full-time, note: 专职。}",
     f"{SETTINGS}:7:23 roles_by_size.project-manager.large.staffing：应为 dedicated、shared "
     "之一，实际是「full-time」：请改成其中一个。"),
    ("a company size left out for a role", SETTINGS, "    large: {staffing: shared, note: 由 PMO 把关。}\n", "",
     f"{SETTINGS}:5:3 roles_by_size：岗位 risk-manager 应写出每种公司规模（startup、large），缺少 large：请补上。"),
    ("unknown company size", SETTINGS, "large: {staffing: dedicated, note: 专职。}",
     "huge: {staffing: dedicated, note: 专职。}",
     f"{SETTINGS}:7:5 roles_by_size.project-manager：没有叫「huge」的公司规模：应为 data/settings.yaml "
     "的 company_sizes 里已有的一个（large、startup）。请改成其中之一，或先在那里添加它。"),
    ("unknown tool category", "data/tools.yaml", "    - {category: issue-tracking, how: 建立项目空间。}",
     "    - {category: wiki, how: 建立项目空间。}",
     "data/tools.yaml:12:18 by_activity.project-charter[0].category：没有叫「wiki」的工具类别："
     "应为 data/tools.yaml 的 categories 里已有的一个（issue-tracking）。请改成其中之一，或先在那里添加它。"),
    ("duplicate glossary id", "data/glossary.yaml", "  - id: canary-release", "  - id: pmp",
     "data/glossary.yaml:6:9 terms[1].id：「pmp」重复了（第 2 行已经用过）：每一项的 "
     "id 都要不同，请换一个或删掉这一项。"),
    ("glossary term with markup", "data/glossary.yaml", "    term: 灰度发布", "    term: 灰度<发布>",
     "data/glossary.yaml:7:11 terms[1].term：应为不含标记符号（< > & 引号 * _ "
     "` [ ] | \\ { } #）的术语，例如 灰度发布 或 PMP，实际是「灰度<发布>」：请按这个格式改写。"),
    ("unknown see_also", "data/glossary.yaml", "    en: Canary release", "    en: Canary release\n    see_also: [rollback]",
     "data/glossary.yaml:9:16 terms[1].see_also[0]：没有叫「rollback」的术语 "
     "id：应为 data/glossary.yaml 的 terms 里已有的一个（canary-release、pmp）"
     "。请改成其中之一，或先在那里添加它。"),
]


@pytest.mark.parametrize("case, file, old, new, expected", CASES, ids=[case[0] for case in CASES])
def test_bad_practice_input_is_reported_precisely(minimal_project, case, file, old, new, expected):
    edit(minimal_project, file, old, new)
    found = problems_of(minimal_project)
    assert expected in found, found


# An activity in which only the project manager takes part, for the two RACI consistency rules.
KICKOFF = ("  - id: risk-register", "  - id: kickoff\n    name: 启动会\n    phase: initiation\n    description: 开启动会。\n"
           "    raci:\n      project-manager: A\n    reason: 启动会由项目经理主持。\n  - id: risk-register")


def test_a_meeting_tied_to_an_activity_without_the_roles_letter_is_reported(minimal_project):
    edit(minimal_project, "data/activities.yaml", *KICKOFF)
    edit(minimal_project, CADENCE, "        activity: risk-register", "        activity: kickoff")
    assert ("data/cadence.yaml:40:19 roles.risk-manager.rhythm[0].activity：应为岗位「risk-manager」有 RACI 字母的"
            "活动，实际是「kickoff」：请在 data/activities.yaml 里给这个岗位一个字母，或换一个活动。"
            ) in problems_of(minimal_project)


def test_a_duty_without_a_letter_in_the_practices_activities_is_reported(minimal_project):
    edit(minimal_project, "data/activities.yaml", *KICKOFF)
    edit(minimal_project, OPERATIONS, "    activities: [risk-register]", "    activities: [kickoff]")
    assert ("data/operations.yaml:16:7 practices[0].duties：岗位 risk-manager 在这里有职责，就要在这个做法的某个活动"
            "（kickoff）里有 RACI 字母：请在 data/activities.yaml 里加上，或列一个它有字母的活动。"
            ) in problems_of(minimal_project)


# --- The built site --------------------------------------------------------------------------------------------


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text().split())


def section(page: BeautifulSoup, anchor: str) -> list:
    """The nodes of a section: from its heading to the next heading of the same or a higher level."""
    heading = page.find(id=anchor)
    level = int(heading.name[1])
    nodes = []
    for node in heading.find_next_siblings():
        if node.name in {f"h{n}" for n in range(1, level + 1)}:
            break
        nodes.append(node)
    return nodes


def rows_of(nodes: list) -> list[list[str]]:
    table = next(node for node in nodes if node.name == "table" or node.find("table"))
    table = table if table.name == "table" else table.find("table")
    return [[text_of(cell) for cell in row.find_all("td")] for row in table.select("tbody tr")]


@pytest.mark.parametrize("slug", role_slugs(published=True))
def test_role_page_shows_its_cadence_and_typical_week(built_site, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    page = soup(built_site, f"roles/{role.slug}/index.html")
    own = handbook.cadence.roles[role.slug]
    events = {event.id: event for event in handbook.cadence.events}
    rows = rows_of(section(page, "cadence"))
    assert len(rows) == len(own.rhythm)
    for row, item in zip(rows, own.rhythm):
        assert row[0] == events[item.event].name and row[1] == item.frequency and row[2] == item.part
        if item.activity:
            activity = handbook.activity_by_id[item.activity]
            assert row[3] == f"{activity.name}（{activity.letter_of(role.slug)}）"
    intro = " ".join(text_of(node) for node in section(page, "cadence") if node.name == "p")
    if own.iteration:
        assert {event.id: event for event in handbook.cadence.iterations}[own.iteration.usual].name in intro
    week = rows_of(section(page, "typical-week"))
    assert week == [[item.when, item.what] for item in own.typical_week]


@pytest.mark.parametrize("slug", role_slugs(published=True))
def test_role_page_shows_release_and_incident_duties_where_it_has_them(built_site, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    page = soup(built_site, f"roles/{role.slug}/index.html")
    duties = [practice for practice in handbook.operations.practices if role.slug in practice.duties]
    if not duties:
        assert page.find(id="operations") is None
        return
    rows = rows_of(section(page, "operations"))
    assert [row[0] for row in rows] == [practice.name for practice in duties]
    for row, practice in zip(rows, duties):
        assert row[1] == practice.duties[role.slug]
        for activity_id in practice.activities:
            letter = handbook.activity_by_id[activity_id].letter_of(role.slug)
            name = handbook.activity_by_id[activity_id].name
            assert (f"{name}（{letter}）" in row[2]) == bool(letter)
        link = page.find("a", string=practice.name, href=True)
        assert link["href"].endswith(f"work/release-incident/#practice-{practice.id}")


@pytest.mark.parametrize("slug", role_slugs(published=True))
def test_role_page_shows_staffing_by_company_size(built_site, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    page = soup(built_site, f"roles/{role.slug}/index.html")
    rows = rows_of(section(page, "company-size"))
    expected = handbook.settings.roles_by_size[role.slug]
    assert [row[0] for row in rows] == [size.name for size in handbook.settings.company_sizes]
    for row, size in zip(rows, handbook.settings.company_sizes):
        assert row[1] == views.STAFFING_NAMES[expected[size.id].staffing] and row[2] == expected[size.id].note


def test_release_and_incident_page_has_every_practice_and_says_levels_vary(built_site, handbook):
    page = soup(built_site, "work/release-incident/index.html")
    note = text_of(page.select_one("#incident-levels ~ .admonition"))
    assert "各公司" in note and " ".join(handbook.operations.incident_levels.note.split()) in note
    assert [row[0] for row in rows_of(section(page, "incident-levels"))] == \
        [level.name for level in handbook.operations.incident_levels.levels]
    for practice in handbook.operations.practices:
        rows = rows_of(section(page, f"practice-{practice.id}"))
        assert {row[0]: row[1] for row in rows} == {handbook.role_by_slug[slug].name: duty
                                                   for slug, duty in practice.duties.items()}
        links = [a["href"] for node in section(page, f"practice-{practice.id}") for a in node.find_all("a", href=True)]
        for activity in practice.activities:
            assert any(href.endswith(f"raci/#activity-{activity}") for href in links)


def test_cadence_page_lists_each_event_with_the_roles_that_take_part(built_site, handbook):
    page = soup(built_site, "work/cadence/index.html")
    for event in handbook.cadence.events:
        parts = [(role, item) for role in handbook.roles for item in handbook.cadence.roles[role.slug].rhythm
                 if item.event == event.id]
        nodes = section(page, f"event-{event.id}")
        if parts:
            assert [row[0] for row in rows_of(nodes)] == [role.name for role, _item in parts]
    for iteration in handbook.cadence.iterations:
        assert page.find("h3", id=f"iteration-{iteration.id}")


def test_tools_page_names_every_example_and_the_review_date(built_site, handbook):
    page = soup(built_site, "work/tools/index.html")
    for category in handbook.tools.categories:
        text = " ".join(text_of(node) for node in section(page, f"tools-{category.id}"))
        for example in category.examples:
            assert example.name in text
    assert handbook.tools.last_reviewed.isoformat() in text_of(page.select_one("article"))
    assert len(rows_of(section(page, "by-activity"))) == len(handbook.tools.by_activity)


def test_company_size_page_has_every_role_and_setting(built_site, handbook):
    page = soup(built_site, "work/company-size/index.html")
    assert [row[0] for row in rows_of(section(page, "roles-by-size"))] == [role.name for role in handbook.roles]
    for item in handbook.settings.delivery_settings:
        assert page.find("h3", id=f"delivery-{item.id}")
    for topic in handbook.settings.goals:
        assert page.find("h3", id=f"goal-{topic.id}")
    assert page.find("h3", id="goal-promotion-review") and "晋升答辩" in text_of(page.find(id="goal-promotion-review"))


def test_export_carries_cadence_and_operations_per_role(built_site, handbook):
    roles = json.loads((built_site / "api/roles.json").read_text(encoding="utf-8"))["roles"]
    for exported, role in zip(roles, handbook.roles):
        own = handbook.cadence.roles[role.slug]
        assert [item["part"] for item in exported["cadence"]["rhythm"]] == [item.part for item in own.rhythm]
        assert [item["what"] for item in exported["cadence"]["typical_week"]] == [i.what for i in own.typical_week]
        duties = [p.id for p in handbook.operations.practices if role.slug in p.duties]
        assert [item["practice"] for item in exported["operations"]] == duties
        assert ("operations" in exported["anchors"]) == bool(duties)
        assert exported["anchors"]["cadence"] == exported["url"] + "#cadence"
        assert [item["staffing"] for item in exported["company_size"]] == \
            [handbook.settings.roles_by_size[role.slug][size.id].staffing for size in handbook.settings.company_sizes]


def test_family_descriptions_do_not_list_roles_by_hand(handbook):
    for family in handbook.families:
        for role in handbook.roles:
            assert role.name not in family.description, (family.id, role.name)


def test_week_one_questions_come_first_with_stable_ids(handbook):
    assert handbook.faq.groups[0].id == "onboarding"
    onboarding = [entry for entry in handbook.faq.entries if entry.group == "onboarding"]
    assert len(onboarding) >= 5
    ids = [entry.id for entry in handbook.faq.entries]
    contract = (ROOT / "data/url-contract.txt").read_text(encoding="utf-8").split()
    for entry_id in ids:
        assert f"faq/#{entry_id}" in contract


# --- The two roles the seed leaves out ---------------------------------------------------------------------------

ADDED = ("program-manager", "release-manager")


@pytest.mark.parametrize("slug", ADDED)
def test_an_added_role_appears_everywhere_roles_appear(built_site, handbook, slug):
    role = handbook.role_by_slug[slug]
    link = f"roles/{slug}/"
    for path in ("index.html", "roles/index.html"):
        assert any(a["href"].rstrip("/").endswith(slug) for a in soup(built_site, path).select("article a[href]")), path
    raci = soup(built_site, "raci/index.html").select_one("table.raci-matrix")
    assert role.name in [text_of(th) for th in raci.select("thead th.matrix-role")]
    skills = soup(built_site, "skills/index.html").select_one("table.skills-matrix")
    assert role.name in text_of(skills.select_one("thead"))
    track = soup(built_site, f"career/{role.career.track}/index.html")
    assert any(f"roles/{slug}/" in a["href"] for a in track.select("article a[href]")), role.career.track
    faq = soup(built_site, "faq/index.html")
    for entry in role.faq:
        assert faq.find("h3", id=entry.id)
    for page in ("work/cadence/index.html", "work/company-size/index.html"):
        assert any(a["href"].endswith(f"roles/{slug}/#{anchor}") for anchor in ("cadence", "typical-week", "company-size")
                   for a in soup(built_site, page).find_all("a", href=True)), page
    roles = json.loads((built_site / "api/roles.json").read_text(encoding="utf-8"))["roles"]
    assert slug in [item["slug"] for item in roles]
    pages = json.loads((built_site / "search/index.json").read_text(encoding="utf-8"))["pages"]
    assert link in [page[0] for page in pages]
    assert f"/{link}" in (built_site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", ADDED)
def test_an_added_role_collaborates_both_ways(handbook, slug):
    role = handbook.role_by_slug[slug]
    for link in role.collaborates_with:
        other = handbook.role_by_slug[link.role]
        assert slug in [item.role for item in other.collaborates_with], (slug, other.slug)
