"""Career tracks on the built site, checked against the raw YAML (read here with PyYAML, not the handbook's
loader): each role shows its own track only, every track page has every level and comparison anchor, and a
comparison lists exactly the skills whose expected level rises."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from data_support import ids_in, read_yaml, record, role_slugs, unreadable

ROOT = Path(__file__).resolve().parent.parent
PM = "project-management"
PM_STAGES = ["junior", "intermediate", "senior", "department-manager", "director"]


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def career() -> dict:
    return read(ROOT / "data/career.yaml")


@pytest.fixture(scope="module")
def tracks(career) -> dict[str, dict]:
    return {track["id"]: track for track in career["tracks"]}


@pytest.fixture(scope="module")
def roles() -> dict[str, dict]:
    """Every role file by its name (the slug), drafts too."""
    return {path.stem: read(path) for path in sorted((ROOT / "data/roles").glob("*.yaml"))}


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:
    """Visible text with whitespace folded (a glossary <abbr> inside a name adds no spaces)."""
    return " ".join(node.get_text().split())


def section(heading) -> list:
    """The elements after a heading, up to the next heading of the same or a higher rank."""
    rank = int(heading.name[1])
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {f"h{n}" for n in range(1, rank + 1)}:
            break
        found.append(sibling)
    return found


def adjacent(track: dict) -> list[tuple[str, str]]:
    ids = [level["id"] for level in track["levels"]]
    return list(zip(ids, ids[1:]))


def test_the_seed_stages_are_the_project_management_track(tracks):
    assert [level["id"] for level in tracks[PM]["levels"]] == PM_STAGES


@pytest.mark.parametrize("slug", role_slugs())
def test_a_role_page_shows_its_own_track_only(built_site, tracks, roles, slug):
    role = roles[slug]
    page = soup(built_site, f"roles/{role['slug']}/index.html")
    own = page.find(id="career")
    levels = [element for element in section(own) if element.name == "div" and "role-levels" in element["class"]]
    assert len(levels) == 1, "the role's own levels are one list in #career"
    links = [a["href"] for a in levels[0].find_all("a")]
    track = role["career"]["track"]
    expected = [f"../../career/{track}/#{level}" for level in role["career"]["levels"]]
    assert links == expected
    if track != PM:
        names = {level["name"] for level in tracks[PM]["levels"]}
        assert not any(f"/career/{PM}/" in link for link in links)
        assert not names & {text(a) for a in levels[0].find_all("a")}


@pytest.mark.parametrize("slug", role_slugs())
def test_a_role_page_gives_each_skill_at_each_of_its_levels(built_site, tracks, roles, slug):
    role = roles[slug]
    page = soup(built_site, f"roles/{role['slug']}/index.html")
    table = next(element.find("table") for element in section(page.find(id="career"))
                 if element.name == "div" and "role-skill-levels" in element["class"])
    rows = table.find_all("tr")
    header = [text(cell) for cell in rows[0].find_all(["th", "td"])][1:]
    track = tracks[role["career"]["track"]]
    names = {level["id"]: level["name"] for level in track["levels"]}
    assert header == [names[level] for level in role["career"]["levels"]]
    shown = [[cell.get_text(strip=True) for cell in row.find_all("td")][1:] for row in rows[1:]]
    assert shown == [[str(skill["levels"][level]) for level in role["career"]["levels"]] for skill in role["skills"]]


@pytest.mark.parametrize("track_id", ids_in("data/career.yaml", "tracks"))
def test_a_track_page_has_every_level_and_comparison_anchor(built_site, tracks, track_id):
    track = record(tracks, track_id)
    page = soup(built_site, f"career/{track['id']}/index.html")
    assert page.h1.get_text(strip=True).startswith(track["name"])
    for level in track["levels"]:
        heading = page.find(id=level["id"])
        assert heading is not None and heading.name == "h2", level["id"]
        assert level["name"] in text(heading)
    for lower, upper in adjacent(track):
        heading = page.find(id=f"{lower}-to-{upper}")
        assert heading is not None and heading.name == "h3", f"{lower}-to-{upper}"


def raised(roles: dict[str, dict], track: dict, lower: str, upper: str) -> set[tuple[str, str]]:
    """(role, skill) whose expected level rises from ``lower`` to ``upper``, straight from the YAML."""
    return {
        (role["slug"], skill["skill"])
        for role in roles.values()
        if role["career"]["track"] == track["id"] and {lower, upper} <= set(role["career"]["levels"])
        for skill in role["skills"]
        if skill["levels"][upper] > skill["levels"][lower]
    }


def comparisons() -> list[tuple[str, str, str]]:
    """(track, lower, upper) for each pair of adjacent levels of each track, to collect a test for each."""
    try:
        return [(track["id"], lower, upper) for track in read_yaml("data/career.yaml")["tracks"]
                for lower, upper in adjacent(track)]
    except (KeyError, TypeError):
        return [(*unreadable("data/career.yaml"), "", "")]


COMPARISONS = comparisons()


@pytest.mark.parametrize(("track_id", "lower", "upper"), COMPARISONS,
                         ids=[f"{track}:{lower}-to-{upper}" for track, lower, upper in COMPARISONS])
def test_a_comparison_lists_exactly_the_skills_whose_level_rises(built_site, tracks, roles, track_id, lower, upper):
    track = record(tracks, track_id)
    page = soup(built_site, f"career/{track['id']}/index.html")
    parts = section(page.find(id=f"{lower}-to-{upper}"))
    listed = {(row["data-role"], row["data-skill"]) for part in parts for row in part.select("tr[data-role]")}
    assert listed == raised(roles, track, lower, upper)
    # Each row names both levels' values.
    for part in parts:
        for row in part.select("tr[data-role]"):
            role = next(r for r in roles.values() if r["slug"] == row["data-role"])
            skill = next(s for s in role["skills"] if s["skill"] == row["data-skill"])
            cell = row.find_all("td")[-1].get_text(" ", strip=True)
            assert cell.startswith(f"{skill['levels'][lower]} → {skill['levels'][upper]}")


def test_the_overview_draws_every_track_and_keeps_the_old_anchors(built_site, career):
    page = soup(built_site, "career/index.html")
    ladders = page.select("ol.career-ladder")
    assert len(ladders) == len(career["tracks"])
    for ladder, track in zip(ladders, career["tracks"]):
        names = [text(item.select_one(".career-step-name")) for item in ladder.find_all("li")]
        assert names == [level["name"] for level in track["levels"]]
    # Published when there was one ladder: HR links to them.
    for stage in PM_STAGES:
        item = page.find(id=f"stage-{stage}")
        assert item is not None and item.name == "li"
        assert item.select_one("a")["href"] == f"{PM}/#{stage}"
    for cert in career["certifications"]:
        assert page.find("h3", id=f"cert-{cert['id']}")
    for join in career["joins"]:
        source, target = join["from_level"].split("/"), join["to_level"].split("/")
        step = page.find("a", href=f"{source[0]}/#{source[1]}", class_="career-step-name").parent
        assert step.find("a", class_="career-join", href=f"{target[0]}/#{target[1]}")


def test_the_overview_needs_no_diagram_script(built_site):
    page = soup(built_site, "career/index.html")
    assert not page.select(".mermaid")
    scripts = [script.get("src", "") for script in page.find_all("script")]
    assert not any("mermaid" in src for src in scripts)
    assert not (built_site / "assets/vendor").exists()
