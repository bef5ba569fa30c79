"""Each role's 变更记录: the dated changes to its YAML file, from the repository's history, on the role page
(#changes), in api/changes.json and in Atom feeds; a clone without history (no .git, no git, a shallow clone)
builds as usual, says so in one line and shows no empty section.

A throwaway repository is made from the minimal project with four commits: the roles (one of them with a field
today's models refuse, as an old file would have), a duty added and a skill's level raised, a rename of the
role (with its former slug), and a commit that changes only a comment; then the mission is edited without
committing (not history). The built site is read as a reader and a feed reader would read it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_minimal_project

from macros.data.history import _Event, _follow, read_history
from macros.site.changes import ADDED, CHANGED, REMOVED, Names, compare

ATOM = "{http://www.w3.org/2005/Atom}"
ROLE = "data/roles/risk-manager.yaml"
RENAMED = "data/roles/risk-lead.yaml"
DATES = ("2026-10-01T09:00:00+08:00", "2026-10-15T10:30:00+08:00", "2026-11-02T16:00:00+08:00",
         "2026-11-20T11:00:00+08:00")
NEW_DUTY = "每月评审风险登记册。"
NO_HISTORY = "没有版本历史"


def git(project: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "维护者", "GIT_AUTHOR_EMAIL": "pmo@example.org",
           "GIT_COMMITTER_NAME": "维护者", "GIT_COMMITTER_EMAIL": "pmo@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    result = subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(project: Path, message: str, date: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message, date=date)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rename_role(project: Path) -> None:
    """risk-manager becomes risk-lead everywhere it is named (its questions keep their ids), with its former slug."""
    for path in (project / "data").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"risk-manager(?![-\w])", "risk-lead", text), encoding="utf-8")
    git(project, "mv", ROLE, RENAMED)
    edit(project / RENAMED, "owner:", "former_slugs: [risk-manager]\nowner:")
    edit(project / RENAMED, "name: 角色 risk-lead", "name: 角色 risk-manager")  # only the address changes
    edit(project / RENAMED, "name_en: Role risk-lead", "name_en: Role risk-manager")
    from macros.maintain.stubs import stub_text

    (project / "handbook/roles/risk-manager.md").unlink()
    (project / "handbook/roles/risk-lead.md").write_text(stub_text("risk-lead"), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not on PATH")
    project = copy_minimal_project(tmp_path_factory.mktemp("history") / "project")
    role = project / ROLE
    # An older file: a field today's models refuse (it is read as plain YAML, never stopping the build).
    edit(role, "owner:", "stages: [junior, intermediate]\nowner:")
    git(project, "init", "-q", "-b", "main")
    commit(project, "Two roles", DATES[0])
    edit(role, "stages: [junior, intermediate]\n", "")
    edit(role, "      - 跟踪进度。\n", f"      - 跟踪进度。\n      - {NEW_DUTY}\n")
    edit(role, "levels: {junior: 2, intermediate: 3}", "levels: {junior: 2, intermediate: 4}")
    commit(project, "A duty and a level", DATES[1])
    rename_role(project)
    commit(project, "Rename", DATES[2])
    (project / RENAMED).write_text("# 风险岗位\n" + (project / RENAMED).read_text(encoding="utf-8"), encoding="utf-8")
    commit(project, "A comment", DATES[3])
    edit(project / RENAMED, "mission: 使命说明。", "mission: 还没有提交的使命。")  # a dirty tree: not history
    return project


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    site = tmp_path_factory.mktemp("history-site") / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stdout + result.stderr


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.slow
def test_the_role_page_lists_its_changes_in_chinese_with_their_dates(site):
    built, output = site
    section = page(built, "roles/risk-lead").find(id="changes")
    assert section is not None and section.name == "h2" and section.get_text(strip=True).startswith("变更记录")
    log = section.find_next("ol", class_="changes-log")
    entries = [(li.find("time")["datetime"][:10], [item.get_text() for item in li.find_all("li")])
               for li in log.find_all("li", recursive=False)]
    assert entries == [
        ("2026-11-02", ["网址：roles/risk-manager/ → roles/risk-lead/"]),
        ("2026-10-15", [f"职责“{NEW_DUTY}”新增", "技能「风险管理」在中级项目经理的期望 3 → 4", "字段 stages 删除"]),
        ("2026-10-01", ["首次发布"]),
    ], "newest first; the comment-only commit and the uncommitted mission are not changes"
    sections = [entry for text in (built / "search/texts").glob("*.json")
                for entry in json.loads(text.read_text(encoding="utf-8"))]
    assert sections and not [entry for entry in sections if entry[1] == "变更记录"], \
        "a duty removed long ago is no answer to a search"
    summary = section.find_next("summary").get_text(" ", strip=True)
    assert summary.startswith("3 次变更，最近一次在 2026-11-02")
    assert NO_HISTORY not in output


@pytest.mark.slow
def test_the_role_page_announces_and_links_its_feed(site):
    built, _output = site
    soup = page(built, "roles/risk-lead")
    alternate = soup.find("link", type="application/atom+xml")
    assert alternate["rel"] == ["alternate", "feed"], "a feed (alternate + Atom), not another language for Material"
    assert alternate["href"] == "../../api/changes/risk-lead.atom" and "变更记录" in alternate["title"]
    links = {a["href"] for a in soup.find(id="changes").find_all_next("a", type="application/atom+xml")}
    assert links == {"../../api/changes/risk-lead.atom", "../../api/changes.atom"}


@pytest.mark.slow
def test_changes_json_lists_every_role_newest_first(site):
    built, _output = site
    document = json.loads((built / "api/changes.json").read_text(encoding="utf-8"))
    assert document["$schema"] == "./changes.schema.json"
    changes = document["changes"]
    assert [(c["role"], c["date"]) for c in changes] == [
        ("risk-lead", "2026-11-02"), ("risk-lead", "2026-10-15"),
        ("project-manager", "2026-10-01"), ("risk-lead", "2026-10-01")], \
        "project-manager's collaborator renamed is no change of project-manager's"
    assert changes[0]["url"].endswith("/roles/risk-lead/#changes") and changes[0]["file"] == RENAMED
    assert changes[3]["file"] == ROLE, "the role's history before the rename is its former file's"
    level = next(item for item in changes[1]["items"] if item["field"].startswith("skills."))
    assert level == {"kind": CHANGED, "field": "skills.risk-management.levels.intermediate",
                     "text": "技能「风险管理」在中级项目经理的期望 3 → 4", "before": 3, "after": 4}
    schema = json.loads((built / "api/changes.schema.json").read_text(encoding="utf-8"))
    import jsonschema

    jsonschema.validate(document, schema)


@pytest.mark.slow
@pytest.mark.parametrize("feed, roles", [("api/changes.atom", ["risk-lead", "risk-lead", "project-manager",
                                                               "risk-lead"]),
                                         ("api/changes/risk-lead.atom", ["risk-lead"] * 3),
                                         ("api/changes/risk-manager.atom", ["risk-lead"] * 3)])
def test_the_atom_feeds_parse_and_hold_the_entries(site, feed, roles):
    built, _output = site
    root = ET.parse(built / feed).getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}").text.strip()
    assert root.find(f"{ATOM}updated").text == "2026-11-02T16:00:00+08:00"
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href").endswith("/" + feed) and root.find(f"{ATOM}author/{ATOM}name").text
    entries = root.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}category").get("term") for entry in entries] == roles
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids) and all(entry_id.startswith("urn:uuid:") for entry_id in ids)
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href").endswith("/roles/risk-lead/#changes")
    assert first.find(f"{ATOM}title").text == "角色 risk-manager：网址：roles/risk-manager/ → roles/risk-lead/"
    content = first.find(f"{ATOM}content")
    assert content.get("type") == "xhtml"
    assert "roles/risk-manager/ → roles/risk-lead/" in "".join(content.itertext())


@pytest.mark.slow
def test_the_feed_of_a_role_s_former_slug_is_the_same_feed(site):
    built, _output = site
    old = ET.parse(built / "api/changes/risk-manager.atom").getroot().findall(f"{ATOM}entry")
    new = ET.parse(built / "api/changes/risk-lead.atom").getroot().findall(f"{ATOM}entry")
    assert [ET.tostring(entry) for entry in old] == [ET.tostring(entry) for entry in new]


def without_history(project: Path, target: Path) -> Path:
    shutil.copytree(project, target, ignore=shutil.ignore_patterns(".git"))
    return target


def assert_built_without_history(result: subprocess.CompletedProcess, site: Path, reason: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    lines = [line for line in output.splitlines() if NO_HISTORY in line]
    assert len(lines) == 1 and reason in lines[0], output
    assert "WARNING" not in lines[0]
    soup = page(site, "roles/risk-lead")
    assert soup.find(id="changes") is None and "变更记录" not in soup.get_text()
    assert soup.find("link", type="application/atom+xml") is None
    assert not (site / "api/changes.json").exists() and not (site / "api/changes").exists()
    assert (site / "api/roles.json").is_file()


@pytest.mark.slow
def test_a_copy_without_git_history_builds_without_the_section(project, tmp_path):
    copy = without_history(project, tmp_path / "project")
    result = build_site(copy, tmp_path / "site")
    assert_built_without_history(result, tmp_path / "site", "不在 git 版本库里")


@pytest.mark.slow
def test_a_build_where_git_is_not_installed_builds_without_the_section(project, tmp_path):
    no_git = tmp_path / "bin"
    no_git.mkdir()
    env = {**os.environ, "PATH": str(no_git), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert_built_without_history(result, tmp_path / "site", "找不到 git 命令")


# --- The history reader alone (no build) ------------------------------------------------------------------------


def test_a_shallow_clone_has_no_history(project, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project}", str(clone))
    history = read_history(clone, {"risk-lead": RENAMED}, {"risk-lead": ["risk-manager"]})
    assert history.missing == "history_shallow" and not history.versions


def test_a_repository_without_commits_has_no_history(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not on PATH")
    git(tmp_path, "init", "-q")
    assert read_history(tmp_path, {"x": "data/roles/x.yaml"}, {}).missing == "history_uncommitted"


def test_versions_are_read_with_the_models_where_they_validate(project):
    versions = read_history(project, {"risk-lead": RENAMED}, {"risk-lead": ["risk-manager"]}).versions["risk-lead"]
    assert [(v.path, v.valid) for v in versions] == [(ROLE, False), (ROLE, True), (RENAMED, True), (RENAMED, True)]
    assert versions[0].values["stages"] == ["junior", "intermediate"] and versions[0].values["status"] == "published"


def _event(commit: str, status: str, path: str, old_path: str | None = None) -> _Event:
    import datetime as dt

    return _Event(commit, dt.datetime(2026, 1, 1), status, path, old_path or path, commit * 4)


def test_a_rename_git_did_not_see_is_followed_through_the_former_slug():
    """Renamed and rewritten in one commit: git sees a file deleted and another added."""
    events = [_event("c", "M", RENAMED), _event("b", "A", RENAMED), _event("b", "D", ROLE), _event("a", "A", ROLE)]
    assert [e.commit for e in _follow(events, RENAMED, ["risk-manager"])] == ["c", "b", "a"]
    assert [e.commit for e in _follow(events, RENAMED, [])] == ["c", "b"]
    renamed = [_event("b", "R090", RENAMED, ROLE), _event("a", "A", ROLE)]
    assert [e.commit for e in _follow(renamed, RENAMED, [])] == ["b", "a"]


# --- Comparing two versions: the words --------------------------------------------------------------------------

ROLE_VALUES = {
    "slug": "risk-manager", "name": "风险经理", "aliases": ["风控"], "summary": "一句话。", "mission": "使命。",
    "responsibilities": [{"id": "planning", "title": "计划", "description": "制定计划。",
                          "duties": ["编写风险计划。", "分配资源。", {"text": "批准预算。", "activity": "budget"}]}],
    "skills": [{"skill": "risk-management", "levels": {"junior": 2, "intermediate": 3}, "note": "能主持评审。"}],
    "career": {"track": "project-management", "levels": ["junior", "intermediate"]},
    "collaborates_with": [{"role": "project-manager", "how": "共同推进。"}],
    "faq": [{"id": "q1", "question": "第一周做什么？", "answer": "认识团队。"}],
    "owner": "PMO", "last_reviewed": "2026-10-01",
}


def _changed(**fields) -> dict:
    return {**ROLE_VALUES, **fields}


NAMES = Names(skills={"risk-management": "风险管理"}, families={}, roles={"project-manager": "项目经理"},
              tracks={"project-management": "项目管理序列"},
              levels={("project-management", "junior"): "初级项目经理",
                      ("project-management", "intermediate"): "中级项目经理",
                      ("project-management", "senior"): "高级项目经理"},
              renamed={"project-lead": "project-manager"})


@pytest.mark.parametrize("after, expected", [
    (_changed(mission="新的使命。"), [(CHANGED, "使命修改")]),
    (_changed(aliases=["风控", "风险官"]), [(ADDED, "别名“风险官”新增")]),
    (_changed(responsibilities=[{**ROLE_VALUES["responsibilities"][0],
                                 "duties": ["编写风险管理计划。", "分配资源。", "批准预算。"]}]),
     [(CHANGED, "职责“编写风险计划。”改为“编写风险管理计划。”")]),
    (_changed(responsibilities=[{**ROLE_VALUES["responsibilities"][0],
                                 "duties": ["分配资源。", "编写风险计划。", "批准预算。", "召开例会。"]}]),
     [(ADDED, "职责“召开例会。”新增")]),
    (_changed(responsibilities=[{**ROLE_VALUES["responsibilities"][0], "title": "规划"}]),
     [(CHANGED, "职责领域“计划”改名为“规划”")]),
    (_changed(skills=[{"skill": "risk-management", "levels": {"junior": 2, "intermediate": 3}}]),
     [(REMOVED, "技能「风险管理」的说明删除")]),
    (_changed(skills=[]), [(REMOVED, "技能「风险管理」删除")]),
    (_changed(career={"track": "project-management", "levels": ["junior", "intermediate", "senior"]},
              skills=[{"skill": "risk-management", "levels": {"junior": 2, "intermediate": 3, "senior": 4},
                       "note": "能主持评审。"}]),
     [(CHANGED, "覆盖的级别：初级项目经理、中级项目经理 → 初级项目经理、中级项目经理、高级项目经理")]),
    (_changed(collaborates_with=[]), [(REMOVED, "协作岗位「项目经理」删除")]),
    (_changed(collaborates_with=[{"role": "project-lead", "how": "共同推进。"}]), []),  # renamed since: the same role
    (_changed(collaborates_with=[{"role": "project-manager", "how": "一起推进。"}]),
     [(CHANGED, "与「项目经理」的协作方式修改")]),
    (_changed(faq=[{"id": "q1", "question": "入职第一周做什么？", "answer": "认识团队。"}]),
     [(CHANGED, "常见问题“第一周做什么？”改为“入职第一周做什么？”")]),
    (_changed(skills=[*ROLE_VALUES["skills"], {"skill": "sql", "levels": {"junior": 1, "intermediate": 2}}]),
     [(ADDED, "技能「sql」新增（期望：初级项目经理 1、中级项目经理 2）")]),
    (_changed(career={"track": "delivery", "levels": ["junior", "intermediate"]}),
     [(CHANGED, "职业序列：项目管理序列 → delivery"), (CHANGED, "覆盖的级别：初级项目经理、中级项目经理 → junior、intermediate")]),
    (_changed(faq=[{"id": "q1", "question": "第一周做什么？", "answer": "先认识团队。"}]),
     [(CHANGED, "常见问题“第一周做什么？”的回答修改")]),
    (_changed(owner="HR", last_reviewed="2026-11-01"),
     [(CHANGED, "内容负责人：PMO → HR"), (CHANGED, "最近审阅：2026-10-01 → 2026-11-01")]),
    (_changed(status="retired", successor="project-manager"),
     [(ADDED, "状态「已停用」新增"), (ADDED, "接替岗位「项目经理」新增")]),
    # Older files, as plain YAML: a level before levels per career level, a field today's models do not know.
    (_changed(skills=[{"skill": "risk-management", "level": 3, "note": "能主持评审。"}]),
     [(CHANGED, "技能「风险管理」的期望：初级项目经理 2、中级项目经理 3 → 3")]),
    (_changed(stages=["junior"]), [(ADDED, "字段 stages 新增")]),
    # A shape no version of the models ever had: said as a change of the field, never an error.
    (_changed(responsibilities="一段文字"), [(REMOVED, "职责领域“计划”删除")]),
    (_changed(skills=[["risk-management"]]), [(REMOVED, "技能「风险管理」删除")]),
    (_changed(career=7), [(REMOVED, "职业序列「项目管理序列」（初级项目经理、中级项目经理）删除")]),
])
def test_each_kind_of_change_is_said_in_chinese(after, expected):
    assert [(item.kind, item.text) for item in compare(ROLE_VALUES, after, NAMES)] == expected


def test_nothing_changed_is_no_change():
    assert compare(ROLE_VALUES, dict(ROLE_VALUES), NAMES) == []


def test_a_text_only_spaced_differently_is_no_change():
    """The typography lint adds a space between Chinese and Latin (提交PMO审批 -> 提交 PMO 审批): no reader news."""
    area = ROLE_VALUES["responsibilities"][0]
    spaced = _changed(mission="使 命。", responsibilities=[{**area, "duties": ["编写 风险计划。", *area["duties"][1:]]}])
    assert compare(ROLE_VALUES, spaced, NAMES) == []


def test_a_text_only_bracketed_full_width_is_no_change():
    """The typography lint makes brackets beside Chinese full-width (委员会(CCB)评审 -> 委员会（CCB）评审)."""
    area = ROLE_VALUES["responsibilities"][0]
    before = _changed(responsibilities=[{**area, "duties": ["编写风险计划(RMP)。", *area["duties"][1:]]}])
    after = _changed(responsibilities=[{**area, "duties": ["编写风险计划（RMP）。", *area["duties"][1:]]}])
    assert compare(before, after, NAMES) == []


@pytest.mark.parametrize("old, new, said", [
    ("会后24小时内发出纪要。", "会后一个工作日内发出纪要。", "职责“会后 24 小时内发出纪要。”改为“会后一个工作日内发出纪要。”"),
    ("编写风险计划(RMP)。", "编写并评审风险计划(RMP)。", "职责“编写风险计划（RMP）。”改为“编写并评审风险计划（RMP）。”"),
    ("用 alert(1) 试探。", "用 alert(2) 试探。", "职责“用 alert(1) 试探。”改为“用 alert(2) 试探。”"),
])
def test_an_old_text_is_quoted_as_written_in_todays_typography(old, new, said):
    area = ROLE_VALUES["responsibilities"][0]
    before = _changed(responsibilities=[{**area, "duties": [old, *area["duties"][1:]]}])
    after = _changed(responsibilities=[{**area, "duties": [new, *area["duties"][1:]]}])
    assert [(item.kind, item.text) for item in compare(before, after, NAMES)] == [(CHANGED, said)]


@pytest.mark.parametrize("texts, headline", [
    (["首次发布"], "首次发布"),
    (["职责“编写计划。”新增", "使命修改"], "职责“编写计划。”新增等 2 项"),
    (["技能「风险管理」在中级项目经理的期望 3 → 4", "使命修改", "简介修改"], "技能「风险管理」在中级项目经理的期望 3 → 4 等 3 项"),
])
def test_a_change_is_summed_up_by_its_first_item(texts, headline):
    import datetime as dt

    from macros.site.changes import Entry, Item

    entry = Entry(None, "0" * 40, dt.datetime(2026, 12, 1), ROLE, tuple(Item(CHANGED, "", text) for text in texts))
    assert entry.headline == headline


@pytest.mark.parametrize("script, reason", [
    (f"{shutil.which('sleep')} 5", "history_git_failed"),  # a git that hangs (a network file system, a lock)
    ("exit 128", "history_not_repository"),  # not a repository, or one git refuses to read
    ("echo false", "history_not_repository"),  # inside the .git folder
    ("echo true; echo true", "history_shallow"),
], ids=["hangs", "refuses", "not-a-work-tree", "shallow"])
def test_git_that_hangs_refuses_or_answers_no_is_no_history(tmp_path, monkeypatch, script, reason):
    from macros.data import history

    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    monkeypatch.setattr(history, "GIT_TIMEOUT", 0.5)
    assert read_history(tmp_path, {"x": "data/roles/x.yaml"}, {}).missing == reason


def test_no_git_on_the_path_is_no_history(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert read_history(tmp_path, {"x": "data/roles/x.yaml"}, {}).missing == "history_no_git"


# --- In the browser: what a reader does ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 800}],
                         ids=["phone", "desktop"])
def test_a_reader_opens_the_change_log_and_sees_the_change(browser, site, viewport):
    """A link to #changes, a tap on the fold's line: the duty added and the level raised, dated."""
    from browser_support import serve
    from playwright.sync_api import expect

    built, _output = site
    with serve(built) as root:
        context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=root)
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("console", lambda message: message.type == "error" and errors.append(message.text))  # a 404
        tab.goto("roles/risk-lead/#changes")
        fold = tab.locator("details.changes-fold")
        expect(fold.locator("summary")).to_contain_text("3 次变更，最近一次在 2026-11-02")
        summary_lines = fold.locator("summary").evaluate("s => Math.round(s.getBoundingClientRect().height / "
                                                         "parseFloat(getComputedStyle(s).lineHeight))")
        assert summary_lines == 1, "one line in view, also on a phone"
        raised = tab.get_by_text("技能「风险管理」在中级项目经理的期望 3 → 4")
        if not fold.evaluate("fold => fold.open"):  # a link to the section does not open the fold below it
            expect(raised).to_be_hidden()
            fold.locator("summary").click()
        expect(raised).to_be_visible()
        expect(tab.get_by_text(f"职责“{NEW_DUTY}”新增")).to_be_visible()
        entry = tab.locator("ol.changes-log > li").filter(has=raised)
        expect(entry.locator("time")).to_have_text("2026-10-15")
        assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "no sideways scrolling"
        assert not errors
        context.close()


@pytest.mark.parametrize("data", [b"\xff\xfe not utf-8", b"slug: [unclosed", b"- a list, not a role\n", b"",
                                  b"&anchor slug: x\n", b"x" * 9_000_000], ids=["bytes", "yaml", "list", "empty",
                                                                                "anchor", "huge"])
def test_a_committed_version_that_is_not_a_role_file_is_left_out(data):
    from macros.data.history import read_version

    assert read_version(ROLE, data) is None


def test_a_committed_version_today_s_models_refuse_is_read_as_plain_yaml():
    from macros.data.history import read_version

    values, valid = read_version(ROLE, "slug: x\nname: 风险经理\nstages: [junior]\nlast_reviewed: 2026-10-01\n".encode())
    assert not valid and values["stages"] == ["junior"] and values["last_reviewed"] == "2026-10-01"
    assert values["status"] == "published" and values["former_slugs"] == [], "the model's defaults fill what is left out"
