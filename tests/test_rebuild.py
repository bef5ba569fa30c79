"""`make serve` makes again only the pages a save changed (macros/site/rebuild.py), and never leaves a page stale:

* the plan, case by case: which saves make which pages again;
* each field the plan says only its role's page shows is shown nowhere else (whole builds before and after
  a change to it differ in that page only, besides what is written whole on every build);
* under the real `mkdocs serve --dirty`, after a change to a role's own page and a rename, every page served
  is the page a server starting afresh serves.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import build_site, copy_minimal_project
from test_serve import _get, _serve, _tail, _wait_for

from macros.site.rebuild import OWN_PAGE_FIELDS, Made, linked_roles, plan

PAGES = ("index.md", "roles/index.md", "roles/pm.md", "roles/qa.md", "roles/risk.md", "raci/index.md", "faq.md")
FILES = {"data/roles/pm.yaml": (10, 1), "data/roles/qa.yaml": (10, 1), "data/roles/risk.yaml": (10, 1),
         "data/faq.yaml": (10, 1), "overrides/main.html": (10, 1), "handbook/faq.md": (10, 1)}
ROLES = {slug: {"name": slug, "owner": "PMO", "last_reviewed": dt.date(2026, 1, 1), "status": "published"}
         for slug in ("pm", "qa", "risk")}
LINKS = {"roles/qa.md": frozenset({"pm"}), "roles/pm.md": frozenset({"qa"}), "raci/index.md": frozenset({"pm", "qa"})}
OVERVIEWS = {"index.md", "roles/index.md", "raci/index.md", "faq.md"}


def _after(files: dict | None = None, **roles: dict) -> tuple[dict, dict]:
    return {**FILES, **(files or {})}, {slug: {**ROLES[slug], **roles.get(slug, {})} for slug in ROLES}


@pytest.mark.parametrize(("save", "expected"), [
    pytest.param(_after(), set(), id="nothing-changed"),
    pytest.param(_after({"data/roles/pm.yaml": (11, 2)}), set(), id="a-comment-in-a-role-file"),
    pytest.param(_after({"data/roles/pm.yaml": (11, 2)}, pm={"last_reviewed": dt.date(2026, 2, 1)}),
                 {"roles/pm.md"}, id="own-page-field"),
    pytest.param(_after({"data/roles/pm.yaml": (11, 2)}, pm={"owner": "HR"}), {"roles/pm.md"}, id="owner"),
    pytest.param(_after({"data/roles/pm.yaml": (11, 2)}, pm={"name": "项目经理"}),
                 {"roles/pm.md", "roles/qa.md"} | OVERVIEWS, id="rename-reaches-the-pages-linking-it"),
    pytest.param(_after({"data/roles/risk.yaml": (11, 2)}, risk={"name": "风险经理"}),
                 {"roles/risk.md"} | OVERVIEWS, id="rename-of-a-role-nobody-links"),
    pytest.param(_after({"data/roles/pm.yaml": (11, 2), "data/roles/qa.yaml": (11, 2)},
                        pm={"owner": "HR"}, qa={"owner": "HR"}), {"roles/pm.md", "roles/qa.md"}, id="two-roles"),
    pytest.param(_after({"data/roles/pm.yaml": (11, 2)}, pm={"status": "retired"}), None, id="status"),
    pytest.param(_after({"data/faq.yaml": (11, 2)}), None, id="a-catalogue"),
    pytest.param(_after({"overrides/main.html": (11, 2)}), None, id="a-template"),
    pytest.param(_after({"handbook/faq.md": (11, 2)}), None, id="a-page"),
    pytest.param(({**FILES, "data/roles/new.yaml": (1, 1)}, {**ROLES, "new": ROLES["pm"]}), None, id="a-new-role"),
    pytest.param(({k: v for k, v in FILES.items() if k != "data/roles/qa.yaml"},
                  {k: v for k, v in ROLES.items() if k != "qa"}), None, id="a-role-removed"),
])
def test_a_save_makes_again_what_it_changed(save: tuple[dict, dict], expected: set[str] | None) -> None:
    files, roles = save
    assert plan(Made(FILES, ROLES, LINKS), files, roles, PAGES) == (None if expected is None else frozenset(expected))


def test_the_first_build_and_one_after_a_failed_build_make_every_page() -> None:
    assert plan(None, FILES, ROLES, PAGES) is None


@pytest.mark.parametrize(("html", "page", "expected"), [
    ('<a href="../pm/">PM</a><a href="../qa/#raci">QA</a>', "roles/risk.md", {"pm", "qa"}),
    ('<a href="roles/pm/">PM</a><a href="roles/">all</a>', "index.md", {"pm"}),
    ('<a href="../roles/pm/#skills">PM</a>', "faq.md", {"pm"}),
    ('<a href="https://example.com/roles/pm/">far</a><a href="#roles/pm/">here</a>', "index.md", set()),
    ('<a href="../../roles/%E6%B5%8B/">encoded</a>', "raci/phases.md", {"测"}),
])
def test_the_roles_a_page_links_to(html: str, page: str, expected: set[str]) -> None:
    assert linked_roles(html, page) == expected


# --- Each field the plan keeps to its role's page is shown nowhere else ------------------------------------------

ROLE = "risk-manager"
# Written whole on every build, whatever a save changed: the export, the search index, the sitemap.
WRITTEN_WHOLE = re.compile(r"^(api/|search/|sitemap\.xml)")


def _changed(value: object, field: str) -> object:
    """The field's value changed in a way a maintainer would change it."""
    if field == "last_reviewed":
        return (dt.date.fromisoformat(str(value)) - dt.timedelta(days=3)).isoformat()
    if field == "responsibilities":
        areas = [dict(area) for area in value]
        duty = areas[0]["duties"][0]
        areas[0]["duties"] = [{**duty, "text": duty["text"] + "（改）"} if isinstance(duty, dict) else duty + "（改）",
                              *areas[0]["duties"][1:]]
        return areas
    return f"{value}（改）"


def _pages(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("field", sorted(OWN_PAGE_FIELDS))
def test_a_field_kept_to_its_role_page_is_shown_nowhere_else(field: str, tmp_path: Path) -> None:
    project = copy_minimal_project(tmp_path / "project")
    role_file = project / "data" / "roles" / f"{ROLE}.yaml"
    data = yaml.safe_load(role_file.read_text(encoding="utf-8"))
    role_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = tmp_path / "before"
    assert build_site(project, before).returncode == 0
    data[field] = _changed(data[field], field)
    role_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    after = tmp_path / "after"
    result = build_site(project, after)
    assert result.returncode == 0, result.stderr
    old, new = _pages(before), _pages(after)
    assert old.keys() == new.keys()
    differ = {name for name in old if not WRITTEN_WHOLE.match(name) and not filecmp.cmp(old[name], new[name], False)}
    assert differ == {f"roles/{ROLE}/index.html"}, (
        f"a change of {field} changed {sorted(differ)}: remove it from OWN_PAGE_FIELDS (macros/site/rebuild.py)")


# --- The real preview: after each save the served site is the site a fresh server serves -------------------------

# Files written from every page or record, after the reload when a save made only some pages again.
WHOLE_FILES = ["search/index.json", "search/search_index.json", "sitemap.xml", "api/roles.json", "api/raci.json",
               "api/career.json", "api/raci.csv"]


def _served_files(root_url: str, names: list[str]) -> dict[str, str]:
    return {name: _get(root_url + name)[1] for name in names}


def _save_and_wait(path: Path, text: str, log: Path) -> None:
    count = _tail(log, 10_000).count("预览已更新")
    path.write_text(text, encoding="utf-8")
    _wait_for(f"the rebuild after saving {path.name}", lambda: _tail(log, 10_000).count("预览已更新") > count, log)
    time.sleep(0.3)  # the served copy is switched right after the line


@pytest.mark.slow
def test_after_each_save_the_preview_serves_what_a_fresh_preview_serves(tmp_path: Path) -> None:
    project = copy_minimal_project(tmp_path / "project")
    # A draft too: built for the preview, and left out of the sitemap and search whether or not a save remakes it.
    added = subprocess.run([sys.executable, "-m", "macros", "new-role", "release-train-engineer"], cwd=project,
                           capture_output=True, text=True)
    assert added.returncode == 0, added.stdout + added.stderr
    reference = tmp_path / "site"
    assert build_site(project, reference).returncode == 0
    names = sorted(name for name in _pages(reference) if name.endswith(".html") and name != "404.html")
    role_file = project / "data" / "roles" / f"{ROLE}.yaml"
    old_name = yaml.safe_load(role_file.read_text(encoding="utf-8"))["name"]
    showing = []  # the pages that show the role's name
    log = tmp_path / "serve.log"
    with _serve(project, log) as (_server, root_url):
        first = _served_files(root_url, names)
        showing = [name for name, html in first.items() if old_name in html]
        assert len(showing) >= 3, "the role's name should be on its page, the lists and the matrices"
        _save_and_wait(role_file, role_file.read_text(encoding="utf-8").replace(
            f"name: {old_name}\n", "name: 项目风险经理\n", 1), log)
        renamed = _served_files(root_url, names)
        for name in showing:
            assert "项目风险经理" in renamed[name] and old_name not in renamed[name], f"{name} still shows the old name"
        # Last, a save that makes one page again: the site is then that page and the pages of the builds before.
        text = role_file.read_text(encoding="utf-8")
        _save_and_wait(role_file, re.sub(r"^last_reviewed: .*$", "last_reviewed: 2026-11-30", text, flags=re.M), log)
        # The search index and the export follow a moment after the pages (written after the reload).
        _wait_for("the search index to hold the new name", lambda: "项目风险经理" in _get(root_url + "search/index.json")[1],
                  log)
        _wait_for("the export to hold the new date", lambda: "2026-11-30" in _get(root_url + "api/roles.json")[1], log)
        dirty = _served_files(root_url, names + WHOLE_FILES)
    with _serve(project, tmp_path / "fresh.log") as (_server, fresh_url):
        fresh = _served_files(fresh_url, names + WHOLE_FILES)
    # The server's address and the live-reload script's counters are the server's, not the pages'.
    server = re.compile(r"127\.0\.0\.1:\d+|livereload\(\d+, \d+\)")
    stale = [name for name in fresh if server.sub("", fresh[name]) != server.sub("", dirty[name])]
    assert not stale, f"pages the preview left stale after the saves: {stale}"
