"""What a new hire meets in the first months (data/topics.yaml: the compliance and security gates before launch,
project grading, estimation and capacity, AI in project work) and the certifications' facts from their owners.

Every rule has one bad input, reported with file:line, the field and a Chinese message; the built pages are read
as a reader reads them (sections at their anchors, links to the roles and activities they concern, the sources
listed with the date they were read); and every certification cites its owner's own site.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from data_support import ids_in, record, role_slugs
from test_validation import edit, problems_of

from macros.data.models import owner_site
from macros.data.read import load_handbook
from macros.site import topics as topic_pages
from macros.site import urls
from macros.site.urls import Linker

TOPICS_FILE = "data/topics.yaml"
CAREER = "data/career.yaml"

# A small valid data/topics.yaml over the minimal project's roles (project-manager, risk-manager) and activities
# (project-charter, risk-register).
SMALL_TOPICS = """\
compliance:
  note: 示例。
  regulations:
    - id: pipl
      name: 中华人民共和国个人信息保护法
      short: 个人信息保护法
      kind: 法律
      issuer: 全国人民代表大会常务委员会
      effective: 2021-11-01
      what: 处理个人信息要有明确合理的目的。
      source:
        url: https://flk.npc.gov.cn/
        title: 国家法律法规数据库
        checked: 2026-10-01
  gates:
    - id: privacy-review
      name: 个人信息保护评审
      when: 需求评审时
      applies: 处理个人信息的功能。
      checks:
        - 列出个人信息清单。
      regulations: [pipl]
      activity: project-charter
      responsible: [risk-manager]
      specialists: 法务团队审查。
grading:
  note: 示例。
  grades:
    - id: s
      name: S 级
      criteria: [公司级项目。]
      process: [公司级立项评审。]
    - id: a
      name: A 级
      criteria: [部门级项目。]
      process: [部门级立项评审。]
  initiation: [目标明确。]
  closure: [通过验收。]
  activities: [project-charter]
estimation:
  - id: person-days
    title: 人天
    summary: 一个人工作一天的量。
    points: [先拆任务再估算。]
    roles: [project-manager]
ai:
  - id: ai-data
    title: AI 项目的数据
    summary: 数据要先准备好。
    points: [来源合法。]
    gates: [privacy-review]
"""


@pytest.fixture(scope="module")
def topics(handbook):
    """The real handbook's data/topics.yaml."""
    return handbook.topics


@pytest.fixture
def project(minimal_project: Path) -> Path:
    """The minimal project with the small topics file."""
    (minimal_project / TOPICS_FILE).write_text(SMALL_TOPICS, encoding="utf-8")
    return minimal_project


def line_of(project: Path, file: str, text: str) -> int:
    """The line (from 1) where ``text`` starts in a file of the project."""
    content = (project / file).read_text(encoding="utf-8")
    return content[:content.index(text)].count("\n") + 1


# --- Validation: one bad input each --------------------------------------------------------------------------

# (case, file, old text, new text, the line to point at (its text after the edit), field, message)
BAD = [
    ("gate in an unknown activity", TOPICS_FILE, "activity: project-charter", "activity: launch", "activity: launch",
     "compliance.gates[0].activity",
     "没有叫「launch」的活动：应为 data/activities.yaml 的 activities 里已有的一个（project-charter、risk-register）。"
     "请改成其中之一，或先在那里添加它。"),
    ("R that is no role or party", TOPICS_FILE, "responsible: [risk-manager]", "responsible: [legal-team]",
     "responsible: [legal-team]", "compliance.gates[0].responsible[0]",
     "没有叫「legal-team」的岗位或 RACI 参与方：应为 data/roles/<slug>.yaml 或 data/activities.yaml 的 parties "
     "里已有的一个（project-manager、risk-manager）。请改成其中之一，或先在那里添加它。"),
    ("the A also an R", TOPICS_FILE, "responsible: [risk-manager]",
     "responsible: [risk-manager]\n      accountable: risk-manager", "responsible: [risk-manager]",
     "compliance.gates[0].responsible[0]",
     "「risk-manager」已经是这一关的 A（accountable），不能同时是 R 或 C：请从 responsible 或 consulted 里删掉它。"),
    ("an R also a C", TOPICS_FILE, "responsible: [risk-manager]",
     "responsible: [risk-manager]\n      consulted: [risk-manager]", "consulted: [risk-manager]",
     "compliance.gates[0].consulted[0]",
     "「risk-manager」在这一关里写了两次（responsible 和 consulted 各一次）：每个岗位或参与方只担一个字母，请删掉一处。"),
    ("gate citing an unknown law", TOPICS_FILE, "regulations: [pipl]", "regulations: [gdpr]",
     "regulations: [gdpr]", "compliance.gates[0].regulations[0]",
     "没有叫「gdpr」的法规：应为本文件 regulations 里已有的一个（pipl）。请改成其中之一，或先在 regulations 里添加它。"),
    ("section leading to an unknown gate", TOPICS_FILE, "gates: [privacy-review]", "gates: [genai-filing]",
     "gates: [genai-filing]", "ai[0].gates[0]",
     "没有叫「genai-filing」的上线关卡：应为 data/topics.yaml 的 compliance.gates 里已有的一个（privacy-review）。"
     "请改成其中之一，或先在那里添加它。"),
    ("grade id twice", TOPICS_FILE, "    - id: a\n", "    - id: s  # twice\n", "- id: s  # twice", "grading.grades[1].id",
     "「s」重复了（grading.grades[0] 已经写过）：每项只写一次，请删掉这一项。"),
    ("effective date not YYYY-MM-DD", TOPICS_FILE, "effective: 2021-11-01", "effective: 2021-11-1",
     "effective: 2021-11-1", "compliance.regulations[0].effective",
     "应为日期，格式是 YYYY-MM-DD（例如 2026-03-01），实际是「2021-11-1」：请按这个格式改写。"),
    ("effective date from no page read", TOPICS_FILE, "        checked: 2026-10-01\n", "", "effective: 2021-11-01",
     "compliance.regulations[0].effective",
     "「个人信息保护法」写了施行日期，但 source 和 confirmed_by 里没有一个读过的页面（带 checked）说明它："
     "请加上读过的页面和读的日期，或者删掉 effective。"),
    ("source without a web address", TOPICS_FILE, "url: https://flk.npc.gov.cn/", "url: flk.npc.gov.cn",
     "url: flk.npc.gov.cn", "compliance.regulations[0].source.url",
     "应为以 http:// 或 https:// 开头的网址，实际是「flk.npc.gov.cn」：请按这个格式改写。"),
    ("section naming an unknown role", TOPICS_FILE, "roles: [project-manager]", "roles: [pm]", "roles: [pm]",
     "estimation[0].roles[0]",
     "没有叫「pm」的岗位：应为 data/roles/<slug>.yaml 里已有的一个（project-manager、risk-manager）。"
     "请改成其中之一，或先在那里添加它。"),
    ("gate without who runs the check", TOPICS_FILE, "      specialists: 法务团队审查。\n", "", "- id: privacy-review",
     "compliance.gates[0]", "缺少必填字段 compliance.gates[0].specialists：请补上它。"),
    ("certification without a source on its owner's site", CAREER, "owner_domains: [example.org]",
     "owner_domains: [pmi.org]", "url: https://example.org/pmp", "certifications[0].sources",
     "「PMP」的资料来源里没有一个在发证机构自己的网站上（owner_domains：pmi.org）：认证的事实要以发证机构的页面为准。"
     "请加上发证机构官网上的页面，或改正 owner_domains。"),
    ("owner written as an address", CAREER, "owner_domains: [example.org]", "owner_domains: [https://example.org]",
     "owner_domains: [https://example.org]", "certifications[0].owner_domains[0]",
     "应为小写的网站域名，不带 https:// 和路径，例如 pmi.org，实际是「https://example.org」：请按这个格式改写。"),
    ("certification without its owner", CAREER, "    owner_domains: [example.org]\n", "", "- id: pmp",
     "certifications[0]", "缺少必填字段 certifications[0].owner_domains：请补上它。"),
    ("question linking an unknown certification", "data/faq.yaml", "roles: [project-manager]\n",
     "roles: [project-manager]\n    certifications: [pmpp]\n", "certifications: [pmpp]", "entries[0].certifications[0]",
     "没有叫「pmpp」的认证 id：应为 data/career.yaml 的 certifications 里已有的一个（pmp）。"
     "请改成其中之一，或先在那里添加它。"),
]


@pytest.mark.parametrize("case, file, old, new, at, field, message", BAD, ids=[case[0] for case in BAD])
def test_bad_input_is_reported_where_it_is_written(project, case, file, old, new, at, field, message):
    edit(project, file, old, new)
    line = line_of(project, file, at)
    found = problems_of(project)
    assert any(re.fullmatch(rf"{re.escape(file)}:{line}:\d+ {re.escape(field)}：{re.escape(message)}", problem)
               for problem in found), found


def test_the_small_topics_file_is_valid_and_its_references_resolve(project):
    topics = load_handbook(project).handbook.topics
    assert [gate.id for gate in topics.compliance.gates] == ["privacy-review"]
    assert [grade.id for grade in topics.grading.grades] == ["s", "a"]


def test_a_handbook_without_topics_builds_pages_that_say_so_and_links_nowhere(handbook):
    bare = dataclasses.replace(handbook, topics=None)
    page = topic_pages.compliance_page(bare, Linker(urls.COMPLIANCE))
    assert "data/topics.yaml" in page and "gate-" not in page
    assert topic_pages.role_topics(bare, handbook.roles[0]) == ()
    assert topic_pages.activity_topics(bare, "release-review") == ()


@pytest.mark.parametrize("url, domains, owned", [
    ("https://www.pmi.org/certifications/maintain", ("pmi.org",), True),
    ("https://pmi.org/", ("pmi.org",), True),
    ("https://support.scrumalliance.org/hc/articles/1", ("scrumalliance.org",), True),
    ("https://notpmi.org/pmp", ("pmi.org",), False),
    ("https://pmi.org.example.com/pmp", ("pmi.org",), False),
    ("https://www.pmtraining.com/pmi.org", ("pmi.org",), False),
])
def test_an_owner_site_is_the_domain_or_a_subdomain_of_it(url, domains, owned):
    assert owner_site(url, domains) is owned


# --- The facts ----------------------------------------------------------------------------------------------
# That every certification cites a page on its owner's site is the model's rule, shown refusing in BAD above.


@pytest.mark.parametrize("cert_id", ids_in(CAREER, "certifications"))
def test_no_certification_gives_a_past_year_as_its_exam_schedule(handbook, cert_id):
    cert = record(handbook.cert_by_id, cert_id)
    assert not re.search(r"20[0-2]\d 年", cert.exam or ""), cert.exam


def test_pmp_eligibility_has_the_eight_year_window_the_capm_route_and_the_accredited_degree_route(handbook):
    certs = handbook.cert_by_id
    text = " ".join(certs["pmp"].requirements)
    assert "近 8 年内至少 36 个月" in text and "近 8 年内至少 60 个月" in text
    assert "CAPM 证书可以代替这 35 学时" in text
    assert "GAC" in text and "24 个月" in text


def test_capm_and_pmi_rmp_renewal_say_how_many_pdus_in_how_many_years(handbook):
    certs = handbook.cert_by_id
    assert "每个周期积累 15 个 PDU" in certs["capm"].renewal and "3 年" in certs["capm"].renewal
    assert "每个周期积累 30 个 PDU" in certs["pmi-rmp"].renewal and "3 年" in certs["pmi-rmp"].renewal


def test_npdp_in_china_states_the_recency_rules_and_the_organiser(handbook):
    certs = handbook.cert_by_id
    npdp = certs["npdp"]
    text = " ".join(npdp.requirements)
    assert "最近 4 年内积累 2 年以上" in text and "最近 8 年内积累 5 年以上" in text
    assert "中国国际人才交流基金会" in npdp.exam


@pytest.mark.parametrize("cert_id", ["psm", "cspo", "safe", "prince2", "pfmp", "itil4", "ruankao-sipm"])
def test_the_missing_certifications_are_there(handbook, cert_id):
    assert cert_id in handbook.cert_by_id


@pytest.mark.parametrize("slug", ["finance-manager", "procurement-manager", "quality-manager", "release-manager"])
def test_the_finance_procurement_quality_and_release_roles_have_a_common_certification(handbook, slug):
    assert handbook.certifications_for(handbook.role_by_slug[slug])


def test_every_regulation_cites_its_official_or_owner_page(topics):
    official = ("npc.gov.cn", "cac.gov.cn", "gov.cn", "samr.gov.cn", "europa.eu", "apple.com", "google.com")
    for law in topics.compliance.regulations:
        assert owner_site(law.source.url, official), (law.id, law.source.url)


def test_every_gate_has_an_r_and_an_a_who_are_members_of_the_raci(handbook, topics):
    members = {role.slug for role in handbook.roles} | {party.id for party in handbook.activities.parties}
    for gate in topics.compliance.gates:
        accountable, _derived = topic_pages.accountable_of(handbook, gate)
        assert accountable in members and gate.responsible and set(gate.responsible) <= members, gate.id


def test_grading_is_presented_as_an_example(topics):
    assert "示例" in topics.grading.note and "以它为准" in topics.grading.note


# --- The built pages ----------------------------------------------------------------------------------------


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text().split())


def page_file(src: str) -> str:
    return urls.page_url(src) + "index.html"


def section_of(page: BeautifulSoup, anchor: str) -> list:
    """The elements from a heading to the next heading of the same or a higher level."""
    heading = page.find(id=anchor)
    assert heading is not None, anchor
    level, found = int(heading.name[1]), []
    for node in heading.find_all_next():
        if re.fullmatch(r"h[1-6]", node.name or "") and int(node.name[1]) <= level:
            break
        found.append(node)
    return found


def hrefs(nodes: list) -> set[str]:
    return {a["href"] for node in nodes for a in ([node] if node.name == "a" else node.find_all("a")) if a.get("href")}


@pytest.mark.parametrize("src", list(urls.TOPIC_SECTIONS), ids=list(urls.TOPIC_SECTIONS))
def test_every_topic_page_has_its_sections_at_their_anchors(built_site, topics, src):
    page = soup(built_site, page_file(src))
    records = {urls.COMPLIANCE: (*topics.compliance.gates, *topics.compliance.regulations),
               urls.GRADING: topics.grading.grades, urls.ESTIMATION: topics.estimation, urls.AI: topics.ai}[src]
    for anchor in (*urls.TOPIC_SECTIONS[src], *(urls.record_anchor(item) for item in records)):
        heading = page.find(id=anchor)
        assert heading is not None and heading.name in ("h2", "h3"), (src, anchor)


def test_each_gate_says_who_executes_it_and_who_answers_for_it_with_links_to_their_roles(built_site, handbook, topics):
    page = soup(built_site, page_file(urls.COMPLIANCE))
    for gate in topics.compliance.gates:
        nodes = section_of(page, urls.record_anchor(gate))
        text = " ".join(text_of(node) for node in nodes if node.name in ("p", "li"))
        accountable, derived = topic_pages.accountable_of(handbook, gate)
        holder = topic_pages.member(handbook, accountable)
        assert f"A（最终负责）：{holder.name}" in text, gate.id
        for member_id in gate.responsible:
            assert topic_pages.member(handbook, member_id).name in text.split("A（最终负责）")[0], (gate.id, member_id)
        links = hrefs(nodes)
        for member_id in (*gate.responsible, accountable, *gate.consulted):
            if member_id in handbook.role_by_slug:
                assert f"../../roles/{member_id}/#raci" in links, (gate.id, member_id)
        assert f"../../raci/#activity-{gate.activity}" in links, gate.id


def test_every_law_and_rule_lists_its_source_and_says_whether_it_was_read(built_site, topics):
    page = soup(built_site, page_file(urls.COMPLIANCE))
    for law in topics.compliance.regulations:
        block = next(node for node in section_of(page, urls.record_anchor(law))
                     if node.name == "p" and "topic-sources" in (node.get("class") or []))
        assert [a["href"] for a in block.find_all("a")] == [law.source.url]
        said = text_of(block)
        assert (f"核对于 {law.source.checked.isoformat()}" in said if law.source.checked else "未直接核对" in said), law.id
        if law.confirmed_by:
            confirmed = next(node for node in section_of(page, urls.record_anchor(law))
                             if node.name == "p" and "topic-confirmed" in (node.get("class") or []))
            assert [a["href"] for a in confirmed.find_all("a")] == [source.url for source in law.confirmed_by]
            assert all(f"核对于 {source.checked.isoformat()}" in text_of(confirmed) for source in law.confirmed_by)
        if law.effective:
            lead = text_of(next(node for node in section_of(page, urls.record_anchor(law)) if node.name == "p"))
            assert f"{law.effective.year} 年 {law.effective.month} 月 {law.effective.day} 日起施行" in lead, law.id


@pytest.mark.parametrize("src, sections", [(urls.ESTIMATION, "estimation"), (urls.AI, "ai")])
def test_each_section_links_the_roles_activities_and_gates_it_concerns(built_site, handbook, topics, src, sections):
    page = soup(built_site, page_file(src))
    for section in getattr(topics, sections):
        links = hrefs(section_of(page, section.id))
        assert {f"../../roles/{slug}/" for slug in section.roles if slug in handbook.role_by_slug} <= links, section.id
        assert {f"../../raci/#activity-{activity}" for activity in section.activities} <= links, section.id
        assert {f"../compliance/#gate-{gate}" for gate in section.gates} <= links, section.id
        if section.example:
            lead = next(node for node in section_of(page, section.id) if node.name == "p")
            assert "常见做法的示例" in text_of(lead), section.id


def test_the_grading_page_says_it_is_an_example_and_links_roles_and_activities(built_site, topics):
    page = soup(built_site, page_file(urls.GRADING))
    note = page.find("div", class_="admonition")
    assert "这是常见做法的示例" in text_of(note)
    links = hrefs(page.find("article").find_all("p"))
    assert {f"../../raci/#activity-{activity}" for activity in topics.grading.activities} <= links
    assert {f"../../roles/{slug}/" for slug in topics.grading.roles} <= links


@pytest.mark.parametrize("slug", role_slugs(published=True))
def test_a_role_page_links_the_gates_it_holds_a_letter_in_with_that_letter(built_site, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    fold = soup(built_site, f"roles/{role.slug}/index.html").find("details", class_="role-topics")
    expected = topic_pages.role_topics(handbook, role)
    if not expected:
        assert fold is None
        return
    said = text_of(fold)
    for group in expected:
        for item in group.links:
            link = fold.find("a", href=f"../../{urls.page_url(item.src)}#{item.anchor}")
            assert link is not None and text_of(link) == item.title, (role.slug, item.anchor)
            if item.letter:
                assert f"{item.title}（{item.letter}）" in said, (role.slug, item.anchor)


def test_the_release_review_links_the_gates_that_belong_to_it(built_site, handbook, topics):
    page = soup(built_site, "raci/index.html")
    item = next(li for li in page.find("article").find_all("li")
                if li.find("strong") and text_of(li.find("strong")) == handbook.activity_by_id["release-review"].name)
    gates = [gate for gate in topics.compliance.gates if gate.activity == "release-review"]
    assert gates
    assert {f"../work/compliance/#gate-{gate.id}" for gate in gates} <= hrefs([item])


def test_the_certifications_faq_links_to_the_certification_details(built_site, handbook):
    faq = soup(built_site, "faq/index.html")
    career = soup(built_site, "career/index.html")
    linked = [entry for entry in handbook.faq.entries if entry.certifications]
    assert "how-to-get-pmp" in {entry.id for entry in linked}
    for entry in linked:
        answer = faq.find(id=entry.id).find_next("details")
        for cert_id in entry.certifications:
            assert answer.find("a", href=f"../career/#cert-{cert_id}") is not None, (entry.id, cert_id)
            assert career.find(id=f"cert-{cert_id}") is not None


def test_an_unread_source_is_marked_as_the_official_page_not_checked(built_site, handbook):
    page = soup(built_site, "career/index.html")
    for item in handbook.career.certifications:
        block = page.find(id=f"cert-{item.id}").find_next("p", class_="cert-sources")
        said = text_of(block)
        for source in item.sources:
            marked = f"{source.title}（官方页面，未直接核对）" in said
            assert marked is (source.checked is None), (item.id, source.url)


def test_a_gate_whose_a_is_a_post_many_companies_lack_says_who_decides_without_it(built_site, handbook, topics):
    page = soup(built_site, page_file(urls.COMPLIANCE))
    derived = [gate for gate in topics.compliance.gates
               if topic_pages.accountable_of(handbook, gate)[1] and handbook.activity_by_id[gate.activity].fallback]
    assert derived, "no gate takes its A from an activity with a fallback: this test checks nothing"
    for gate in derived:
        line = next(text_of(node) for node in section_of(page, urls.record_anchor(gate))
                    if node.name == "li" and text_of(node).startswith("A（最终负责）"))
        assert handbook.activity_by_id[gate.activity].fallback.note in line, gate.id
