"""Job-posting text (#25): every published role page has a #jd section with a posting for each level of its
track, made from the data (duties; each skill with the level expected there, named and numbered; the level's
experience and scope; certifications preferred or a plus, never required), ending with the canonical link of
the section; api/jd/<slug>.txt and .md hold every level (drafts get none: tests/test_drafts.py).

Built HTML and files of the real handbook (the `built_site` fixture); what HR does in a browser is in
tests/test_jd_browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from data_support import read_yaml, record, role_slugs, unreadable

from macros.site.career import level_key
from macros.site.typography import join_cjk

CAREER = "data/career.yaml"
REQUIRED_WORDS = ("必须", "必需", "硬性要求")  # a certification is welcome, never required


def page(site: Path, role) -> BeautifulSoup:
    return BeautifulSoup((site / f"roles/{role.slug}/index.html").read_text(encoding="utf-8"), "html.parser")


def canonical(site: Path, role) -> str:
    """The role page's canonical address (site_url) with the section's anchor."""
    return page(site, role).find("link", rel="canonical")["href"] + "#jd"


def postings(site: Path, role) -> dict[str, str]:
    """Level id -> the posting's text as the page holds it (what "复制 JD" copies)."""
    section = page(site, role).select_one("[data-jd]")
    return {panel["data-jd-panel"]: panel.select_one("pre.jd-text").get_text() for panel in
            section.select("[data-jd-panel]")}


def expected_lines(handbook, role, level_id: str) -> list[str]:
    """What the posting of a level must say, worked out from the data here (not by the code under test)."""
    track = handbook.track_by_id[role.career.track]
    level = next(item for item in track.levels if item.id == level_id)
    lines = [f"{role.name} · {level.name}", "岗位职责：", "任职要求：", f"1. {level.experience}相关工作经验。",
             join_cjk(level.scope)]
    lines += [join_cjk(item) for item in level.expectations]
    lines += [join_cjk(duty) for area in role.responsibilities for duty in area.duties]
    for item in role.skills:
        skill, number = handbook.skill_by_id[item.skill], item.at(level_id)
        lines.append(f"{skill.name}（{number} 级 · {handbook.level_by_number[number].name}）："
                     f"{join_cjk(skill.levels[number - 1])}")
    return lines


@pytest.mark.parametrize("slug", role_slugs(published=True))
def test_every_role_page_has_a_posting_for_each_level_of_its_track(built_site, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    soup = page(built_site, role)
    heading = soup.find(id="jd")
    assert heading is not None and heading.name == "h2" and "招聘文案" in heading.get_text()
    texts = postings(built_site, role)
    assert list(texts) == list(role.career.levels)
    options = [option["value"] for option in soup.select("select[data-jd-level] option")]
    assert options == list(role.career.levels)
    for level_id, text in texts.items():
        for line in expected_lines(handbook, role, level_id):
            assert line in text, (role.slug, level_id, line)
        assert text.endswith(f"岗位详情：{canonical(built_site, role)}"), text[-120:]
        assert text.index("岗位职责：") < text.index("任职要求：")


def certified_slugs() -> list[str]:
    """The published roles that data/career.yaml names under a certification, read from the plain YAML to
    collect a test for each."""
    try:
        named = {slug for cert in read_yaml(CAREER)["certifications"] for slug in cert.get("roles") or ()}
    except (KeyError, TypeError, AttributeError):
        return unreadable(CAREER)
    return [slug for slug in role_slugs(published=True) if slug in named]


@pytest.mark.parametrize("slug", certified_slugs())
def test_certifications_are_preferred_where_the_data_says_so_and_never_required(built_site, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    assert handbook.certifications_for(role), f"{slug} has no certification: this test checks nothing"
    for level_id, text in postings(built_site, role).items():
        key = level_key(role.career.track, level_id)
        requirements = text.split("任职要求：")[1]
        preferred = next((line for line in requirements.splitlines() if line.endswith("认证者优先。")), "")
        plus = next((line for line in requirements.splitlines() if line.endswith("认证者加分。")), "")
        for cert in handbook.certifications_for(role):
            assert cert.name in (preferred if key in cert.levels else plus), (role.slug, level_id, cert.id)
        assert not any(word in requirements for word in REQUIRED_WORDS)


def test_a_skill_names_its_level_as_well_as_numbering_it(built_site, handbook):
    role = handbook.role_by_slug["project-manager"]
    text = postings(built_site, role)["senior"]
    assert "计划与进度管理（4 级 · 精通）：" in text
    assert "财务与预算管理（2 级 · 应用）：" in text


@pytest.mark.parametrize("slug", role_slugs(published=True))
def test_the_export_holds_every_level_as_text_and_markdown(built_site, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    on_page = postings(built_site, role)
    text = (built_site / f"api/jd/{role.slug}.txt").read_text(encoding="utf-8")
    markdown = (built_site / f"api/jd/{role.slug}.md").read_text(encoding="utf-8")
    assert text == "\n\n\n".join(on_page.values()) + "\n"  # the page's text, written once
    assert text.count(f"岗位详情：{canonical(built_site, role)}") == len(role.career.levels)
    assert markdown.rstrip().endswith(canonical(built_site, role))
    for level in handbook.levels_of(role):
        assert f"## {role.name} · {level.name}\n" in markdown
    assert markdown.count("### 岗位职责\n") == markdown.count("### 任职要求\n") == len(role.career.levels)


def test_only_published_roles_have_job_posting_files(built_site, handbook):
    files = sorted(path.name for path in (built_site / "api/jd").iterdir())
    assert files == sorted(f"{role.slug}.{extension}" for role in handbook.roles for extension in ("md", "txt"))


def test_the_export_links_each_role_to_its_postings(built_site, handbook):
    import json

    roles = json.loads((built_site / "api/roles.json").read_text(encoding="utf-8"))["roles"]
    for exported in roles:
        site_url = exported["url"].removesuffix(f"roles/{exported['slug']}/")
        assert exported["jd"] == {"txt": f"{site_url}api/jd/{exported['slug']}.txt",
                                  "md": f"{site_url}api/jd/{exported['slug']}.md"}
        assert exported["anchors"]["jd"] == canonical(built_site, handbook.role_by_slug[exported["slug"]])


def test_the_postings_stay_out_of_search(built_site, handbook):
    """They repeat the page's duties and skills once per level: search finds the section, not each copy."""
    soup = page(built_site, handbook.role_by_slug["project-manager"])
    for panel in soup.select("[data-jd-panel]"):
        assert panel.has_attr("data-search-exclude")


def test_each_expected_skill_level_is_tied_to_its_career_level(built_site, handbook):
    """Not "2 → 3 → 4 · 精通": each number with the level it belongs to and its name."""
    role = handbook.role_by_slug["project-manager"]
    soup = page(built_site, role)
    row = next(row for row in soup.select("#skills ~ table tr, #skills ~ div table tr")
               if row.find("a") and "计划与进度管理" in row.find("a").get_text())
    steps = [" ".join(step.get_text().split()) for step in row.select(".skill-step")]
    assert steps == ["初级项目经理 2 · 应用", "中级项目经理 3 · 熟练", "高级项目经理 4 · 精通"]
