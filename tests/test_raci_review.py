"""The RACI tells the truth: accountability spread where work is decided, a reason for every A, the parties that
are not roles as columns, the activities the role files claim, one story across the files, and facts with sources.

Data tests read the real handbook; rule tests break a copy of the small fixture; page tests read the built site.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from data_support import problems_of
from macros.data.read import load_handbook

ROOT = Path(__file__).resolve().parent.parent
MAX_SHARE_OF_A = 0.40


@pytest.fixture(scope="module")
def accountable(handbook, raci_matrix):
    """The id of an activity's A: ``accountable("release-review")``."""
    return lambda activity_id: raci_matrix.accountable(handbook.activity_by_id[activity_id]).id


# --- Accountability -----------------------------------------------------------------------------------------


def test_no_member_is_accountable_for_more_than_40_percent_of_activities(handbook, raci_matrix):
    activities = handbook.activities.activities
    counts = Counter(raci_matrix.accountable(activity).id for activity in activities)
    member, most = counts.most_common(1)[0]
    assert most / len(activities) <= MAX_SHARE_OF_A, f"{member} is A in {most} of {len(activities)} activities"


def test_specialist_roles_and_parties_own_the_outcomes_of_their_field(handbook, accountable):
    """The accountabilities the review corrected, each as the role files describe the work."""
    by_id = handbook.activity_by_id
    assert accountable("technical-design") == "tech-lead"  # the architect decides, the TPM makes it land
    assert by_id["technical-design"].letter_of("technical-project-manager") == "R"
    assert accountable("sprint-planning") == "product-manager"  # the product owner sets the sprint goal
    assert by_id["sprint-planning"].letter_of("dev-team") == "R"
    assert accountable("agile-training") == "agile-coach"
    assert accountable("retrospective") == "agile-coach"
    assert accountable("vendor-selection") == "procurement-manager"
    assert by_id["vendor-selection"].letter_of("project-manager") != "A"  # the requester does not choose
    assert accountable("business-case") != "pmo-manager"  # PMO does not approve what it reviews
    assert by_id["business-case"].letter_of("pmo-manager") in ("C", "I")
    assert accountable("acceptance-testing") == "customer"  # the user signs acceptance, not the supplier


def test_every_activity_gives_a_one_sentence_reason_for_its_a(handbook):
    for activity in handbook.activities.activities:
        reason = activity.reason
        assert reason.endswith("。") and reason.count("。") == 1, (activity.id, reason)


@pytest.mark.parametrize("activity_id", ["release-review", "incident-review", "backlog-refinement",
                                         "post-launch-review", "system-testing", "project-kickoff"])
def test_the_activities_the_role_files_claim_are_in_the_matrix(handbook, activity_id):
    assert activity_id in handbook.activity_by_id


def test_the_go_no_go_decision_matches_the_quality_managers_faq(handbook, accountable):
    """'质量经理可以正式给出“不建议发布”的结论，最终由发布经理拍板是否放行；没有专职发布经理的团队里，由技术负责人
    拍板' (quality-manager.yaml): the release manager decides; where there is none, the fallback names the tech
    lead, who is consulted; the project manager is consulted and decides nothing here (issue 26)."""
    review = handbook.activity_by_id["release-review"]
    assert accountable("release-review") == "release-manager"
    assert "发布负责人" in handbook.role_by_slug["release-manager"].aliases
    assert review.fallback.holder == "tech-lead" and review.letter_of("tech-lead") == "C"
    assert "技术负责人拍板" in review.fallback.note
    assert review.letter_of("project-manager") == "C" and not re.search("(?<!技术)项目经理", review.reason)
    assert review.letter_of("quality-manager") == "R"
    answer = next(entry.answer for entry in handbook.role_by_slug["quality-manager"].faq
                  if entry.activity == "release-review")
    assert "最终由发布经理拍板是否放行" in answer and "由技术负责人拍板" in answer


# --- Parties and columns ----------------------------------------------------------------------------------


def test_the_parties_are_members_not_roles(handbook):
    # A party named like a role is refused at load (test_a_party_named_like_a_role_is_reported).
    party_ids = [party.id for party in handbook.activities.parties]
    assert {"sponsor", "customer", "dev-team", "qa-team"} <= set(party_ids)
    for party_id in party_ids:
        assert not (ROOT / "handbook" / "roles" / f"{party_id}.md").exists(), "a party has no page"
        assert any(activity.letter_of(party_id) for activity in handbook.activities.activities), \
            f"{party_id} takes part in nothing"


def test_columns_go_by_family_with_the_project_manager_first_then_the_parties(handbook, raci_matrix):
    members = raci_matrix.members
    roles = [member.role for member in members if member.is_role]
    assert roles[0].slug == "project-manager"
    family_order = [family.id for family in handbook.families]
    assert [family_order.index(role.family) for role in roles] == sorted(family_order.index(r.family) for r in roles)
    kinds = [member.is_role for member in members]
    assert kinds == sorted(kinds, reverse=True), "every party comes after every role"
    assert len(members) == len(handbook.roles) + len(handbook.activities.parties)


PARTIES = """parties:
  - id: sponsor
    name: 项目发起人
    name_en: Sponsor
    description: 为项目出资的业务负责人。
"""


def with_parties(project: Path, columns: str = "") -> Path:
    path = project / "data" / "activities.yaml"
    path.write_text(path.read_text(encoding="utf-8") + PARTIES + columns, encoding="utf-8")
    return path


def test_a_party_counts_as_the_one_accountable_member(minimal_project):
    path = with_parties(minimal_project)
    text = path.read_text(encoding="utf-8").replace("      project-manager: A\n      risk-manager: R\n",
                                                    "      sponsor: A\n      risk-manager: R\n      project-manager: C\n")
    path.write_text(text, encoding="utf-8")
    load_handbook(minimal_project)  # valid: the sponsor is the one A
    path.write_text(text.replace("      project-manager: C\n", "      project-manager: A\n"), encoding="utf-8")
    assert ("data/activities.yaml:12:7 activities[0].raci：应恰好有一个 A（最终负责的岗位或参与方），实际有 2 个"
            "（sponsor、project-manager）：请只保留一个 A，其余改为 R、C 或 I。") in problems_of(minimal_project)


def test_a_party_named_like_a_role_is_reported(minimal_project):
    path = with_parties(minimal_project)
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: sponsor", "  - id: risk-manager"),
                    encoding="utf-8")
    assert ("data/activities.yaml:24:9 parties[0].id：参与方 id「risk-manager」和一个岗位的 slug 相同："
            "请换一个 id。") in problems_of(minimal_project)


def test_columns_must_place_every_role_and_party_once(minimal_project):
    with_parties(minimal_project, "columns: [project-manager, project-manager, sponsor]\n")
    found = problems_of(minimal_project)
    assert "data/activities.yaml:28:10 columns：「project-manager」列了 2 次：每个岗位和参与方只列一次。" in found
    assert ("data/activities.yaml:28:10 columns：缺少 risk-manager：每个岗位和参与方都要在列顺序里有一个位置，"
            "请把它们加进 columns。") in found


# --- One story across the files ---------------------------------------------------------------------------


def role_texts(handbook) -> dict[str, str]:
    return {role.slug: (ROOT / handbook.role_sources[role.slug]).read_text(encoding="utf-8")
            for role in handbook.roles}


def short_names(role) -> tuple[str, ...]:
    """How the files name a role in passing: 项目沟通经理 is also 沟通经理."""
    short = role.name.removeprefix("项目")
    return (role.name, short) if len(short) >= 3 else (role.name,)


def test_whoever_the_role_files_say_drafts_the_weekly_report_is_r_for_it(handbook, accountable):
    drafters = set()
    for slug, text in role_texts(handbook).items():
        for sentence in re.split(r"[。；\n]", text):
            if "起草" not in sentence or "周报" not in sentence:
                continue
            before = re.split("[，、]", sentence.split("起草", 1)[0])[-1]  # the clause of the verb
            named = {role.slug for role in handbook.roles if any(name in before for name in short_names(role))}
            drafters |= named or {slug}  # no role named: the file's own role drafts it
    assert drafters, "the role files say who drafts the weekly report"
    weekly = handbook.activity_by_id["status-reporting"]
    for slug in drafters:
        assert weekly.letter_of(slug) == "R", f"{slug} drafts the weekly report in a role file but is not R for it"
    publishing = {slug for slug, text in role_texts(handbook).items() if "审核并发布项目周报" in text}
    assert publishing == {accountable("status-reporting")}


def all_texts() -> str:
    # data/vocabulary.yaml names the variants on purpose: it is not prose.
    files = [*sorted(path for path in (ROOT / "data").glob("*.yaml") if path.name != "vocabulary.yaml"),
             *sorted((ROOT / "data" / "roles").glob("*.yaml"))]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def test_the_faq_on_approving_changes_allows_the_small_changes_the_change_manager_exempts(handbook):
    exempt = next(e for e in handbook.role_by_slug["change-manager"].faq if e.id == "change-manager-small-changes")
    shared = next(entry for entry in handbook.faq.entries if entry.id == "who-approves-changes")
    assert "不影响" in exempt.answer and "小调整" in exempt.answer
    assert "小调整" in shared.answer, "the shared FAQ must not say every change needs a request"
    assert "必须先提交变更申请" not in shared.answer


def test_every_meeting_minutes_deadline_is_the_same():
    deadlines = set(re.findall(r"会后([^，。；、\n]{1,12}?)(?:内)?发出[^。；\n]*纪要", all_texts()))
    deadlines |= set(re.findall(r"纪要要在会后([^，。；、\n]{1,12}?)(?:内)?发出", all_texts()))
    assert len(deadlines) == 1, deadlines


def test_every_list_of_threat_responses_names_them_as_the_vocabulary_does():
    for sentence in re.split(r"[。\n]", all_texts()):
        if "减轻" in sentence and "转移" in sentence:
            assert "规避" in sentence, sentence


def test_no_page_or_readme_types_a_count_the_data_already_knows():
    """Counts of roles, activities, stages ... come from the data (handbook_stats), never typed by hand. The
    benchmark report is exempt: it records the sizes it measured."""
    pattern = re.compile(r"(\d+|[三四五六七八九十]+) ?(个岗位|项活动|个阶段|个职业阶段|项技能|个认证|个问题)"
                         r"|\bthe \d+ (roles|activities|skills|career stages)\b"
                         r"|(?<![\d:])\d+ (life-cycle |RACI )?activities\b")  # not file:line:column field
    pages = [path for path in (ROOT / "handbook").rglob("*.md") if path.name != "benchmarks.md"]
    for path in [ROOT / "README.md", *pages]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not pattern.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


# --- Facts with sources ----------------------------------------------------------------------------------


def test_pgmp_requires_48_and_48_months_with_a_degree_and_no_multi_rater_assessment(handbook):
    pgmp = next(cert for cert in handbook.career.certifications if cert.id == "pgmp")
    degree = next(line for line in pgmp.requirements if line.startswith("四年制本科"))
    assert "48 个月项目管理经验" in degree and "48 个月项目集管理经验" in degree
    assert "多评估者评审" not in " ".join((pgmp.description, *pgmp.requirements))


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def text_of(node) -> str:
    """The text a reader sees (tooltips of abbreviations are markup, not text)."""
    return " ".join(node.get_text().split())


def test_the_career_page_shows_when_each_certification_was_checked_and_links_its_sources(built_site, handbook):
    page = soup(built_site, "career/index.html")
    for cert in handbook.career.certifications:
        heading = page.find(id=f"cert-{cert.id}")
        block = heading.find_next("p", class_="cert-sources")
        checked = min(source.checked for source in cert.sources if source.checked).isoformat()
        assert text_of(block).startswith(f"核对于 {checked}"), cert.id
        assert [a["href"] for a in block.find_all("a")] == [source.url for source in cert.sources]


def test_a_role_page_says_who_is_accountable_wherever_the_role_is_r_c_or_i(built_site, handbook, raci_matrix):
    for role in handbook.roles:
        section = []
        for node in soup(built_site, f"roles/{role.slug}/index.html").find(id="raci").find_all_next():
            if node.name == "h2":
                break
            if node.name == "li":
                section.append(node)
        for activity in handbook.activities.activities:
            letter = activity.letter_of(role.slug)
            if letter is None:
                continue
            item = next(li for li in section if li.find("a") and text_of(li.find("a")) == activity.name)
            if letter == "A":
                assert f"为什么由本岗位最终负责：{activity.reason}" in text_of(item), (role.slug, activity.id)
            else:
                owner = raci_matrix.accountable(activity)
                assert f"最终负责：{owner.name}。{activity.reason}" in text_of(item), (role.slug, activity.id)


def test_the_phases_page_gives_the_reason_for_every_a(built_site, handbook, raci_matrix):
    page = text_of(soup(built_site, "raci/phases/index.html").find("article"))
    for activity in handbook.activities.activities:
        assert f"最终负责：{raci_matrix.accountable(activity).name}。{activity.reason}" in page, activity.id
