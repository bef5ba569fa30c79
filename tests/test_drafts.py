"""A role's life for maintainers who do not read code (#23 item 3): new-role writes a draft that builds and
previews at once, marked 草稿 and kept out of everything public; check lists what it still needs (warnings,
file:line); publishing is changing its status, when its URLs are promised; retiring redirects its URLs to a
successor, and check refuses what would leave a retired role named anywhere.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "hostile"))

from hostile_support import Answer, run_command, valid_project_copy  # noqa: E402

from macros.data.messages import ERROR, WARNING  # noqa: E402

SLUG = "release-train-engineer"
TRACEBACK = "Traceback (most recent call last)"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small valid project, its URLs promised (as a real handbook's are)."""
    project = valid_project_copy(tmp_path / "project")
    assert ok(run_command(project, "contract"))
    return project


def ok(answer: Answer) -> bool:
    assert TRACEBACK not in answer.output, answer.output
    return answer.status == 0


def line_of(path: Path, text: str) -> int:
    """The line of the first occurrence of ``text`` in a file."""
    content = path.read_text(encoding="utf-8")
    assert text in content, f"{text!r} not in {path}"
    return content[:content.index(text)].count("\n") + 1


def placeholder_line(path: Path) -> int:
    """The first line of a file that still holds 请填写 (comments aside)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if "请填写" in line and not line.lstrip().startswith("#"))


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def set_status(project: Path, slug: str, status: str) -> None:
    replace(project / f"data/roles/{slug}.yaml", "status: draft", f"status: {status}")


def fill_in(project: Path) -> None:
    """What a maintainer writes into the draft: every placeholder text, and real ids."""
    for rel in (f"data/roles/{SLUG}.yaml", "data/cadence.yaml", "data/settings.yaml"):
        path = project / rel
        text = path.read_text(encoding="utf-8").replace("Please fill in the English title", "Release Train Engineer")
        text = re.sub(r"(?m)^([^#\n]*?)请填写", r"\1已写好", text)
        path.write_text(text, encoding="utf-8")
    role = project / f"data/roles/{SLUG}.yaml"
    for old, new in (("area-one", "train-planning"), ("area-two", "train-delivery"),
                     (f"{SLUG}-first-question", "rte-first-steps"), (f"{SLUG}-second-question", "rte-daily-work")):
        replace(role, f"id: {old}", f"id: {new}")


def site_texts(site: Path) -> dict[str, str]:
    """The public, machine-read files of a built site."""
    return {
        "sitemap.xml": (site / "sitemap.xml").read_text(encoding="utf-8"),
        "sitemap.xml.gz": gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8"),
        "api/roles.json": (site / "api/roles.json").read_text(encoding="utf-8"),
        "api/raci.json": (site / "api/raci.json").read_text(encoding="utf-8"),
        "api/raci.csv": (site / "api/raci.csv").read_text(encoding="utf-8-sig"),
        "api/career.json": (site / "api/career.json").read_text(encoding="utf-8"),
        "search": (site / "search/index.json").read_text(encoding="utf-8"),  # its pages
        "roles index": (site / "roles/index.html").read_text(encoding="utf-8"),
        "RACI page": (site / "raci/index.html").read_text(encoding="utf-8"),
    }


# --- A new role is a draft that builds at once ------------------------------------------------------------


def test_new_role_is_a_draft_that_previews_and_stays_out_of_everything_public(project: Path) -> None:
    contract_before = (project / "data/url-contract.txt").read_text(encoding="utf-8")
    made = run_command(project, "new-role", SLUG)
    assert ok(made), made.output
    # The next steps say all of it: preview, fill in, RACI, check, and how to publish.
    for step in ("make serve", f"/roles/{SLUG}/", "请填写", "area-one", "data/cadence.yaml:", "R 或 A",
                 "make check", "status: draft 改成 status: published", "make contract"):
        assert step in made.output, (step, made.output)

    check = run_command(project, "check")
    assert ok(check), check.output  # to-dos are warnings, not errors
    assert ERROR not in check.output, check.output
    role = project / f"data/roles/{SLUG}.yaml"
    todo = f"草稿「{SLUG}」发布前要处理："
    expected = [
        (f"data/roles/{SLUG}.yaml", line_of(role, "name: 请填写"), "占位文字「请填写」"),
        (f"data/roles/{SLUG}.yaml", line_of(role, "name_en: Please fill in"), "占位文字「Please fill in」"),
        (f"data/roles/{SLUG}.yaml", line_of(role, "id: area-one"), "id「area-one」还是新建岗位时的示例"),
        (f"data/roles/{SLUG}.yaml", line_of(role, f"id: {SLUG}-first-question"), "还是新建岗位时的示例"),
        ("data/cadence.yaml", placeholder_line(project / "data/cadence.yaml"), "占位文字「请填写」"),
        ("data/settings.yaml", placeholder_line(project / "data/settings.yaml"), "占位文字「请填写」"),
        ("data/activities.yaml", line_of(project / "data/activities.yaml", "  - id: project-charter"),
         "在任何活动里都不是 R 或 A"),
    ]
    for file, line, what in expected:
        assert re.search(rf"^{WARNING}{re.escape(file)}:{line}:\d+ [^\n]*{re.escape(todo)}[^\n]*{re.escape(what)}",
                         check.output, re.MULTILINE), (file, line, what, check.output)
    assert f"{WARNING}草稿「{SLUG}」还有" in check.output and "status 改成 published" in check.output

    # Not promised: contract skips drafts.
    contract = run_command(project, "contract")
    assert ok(contract), contract.output
    assert (project / "data/url-contract.txt").read_text(encoding="utf-8") == contract_before

    built = run_command(project, "build", timeout=300)
    assert ok(built), built.output
    site = project / "site"
    page = (site / f"roles/{SLUG}/index.html").read_text(encoding="utf-8")
    assert 'class="role-draft__badge">草稿</strong>' in page
    assert '<meta name="robots" content="noindex">' in page
    assert "og:image" not in page
    assert not (site / f"assets/cards/roles/{SLUG}.png").exists()
    assert (site / "assets/cards/roles/risk-manager.png").exists()  # the published ones keep theirs
    assert not list((site / "api/jd").glob(f"{SLUG}.*"))  # no job postings for a draft (macros/site/jd.py)
    assert (site / "api/jd/risk-manager.txt").is_file() and (site / "api/jd/risk-manager.md").is_file()
    searched = "\n".join(path.read_text(encoding="utf-8") for path in (site / "search").rglob("*.json"))
    assert SLUG not in searched and "请填写一句话简介" not in searched  # nor its text searched
    for name, text in site_texts(site).items():
        assert SLUG not in text, f"the draft is listed in {name}"
        assert "risk-manager" in text or name in ("api/career.json", "search"), name


def test_a_draft_is_free_to_change_its_ids_until_it_is_published(project: Path) -> None:
    assert ok(run_command(project, "new-role", SLUG, "--activity", "project-charter"))
    assert ok(run_command(project, "contract"))
    replace(project / f"data/roles/{SLUG}.yaml", "id: area-one", "id: train-planning")  # not promised yet
    check = run_command(project, "check")
    assert ok(check), check.output


# --- Publishing: the to-dos become errors; when fixed, its URLs are promised -----------------------------


def test_publishing_with_to_dos_left_is_refused(project: Path) -> None:
    assert ok(run_command(project, "new-role", SLUG))
    set_status(project, SLUG, "published")
    check = run_command(project, "check")
    assert check.status == 1 and TRACEBACK not in check.output, check.output
    role = project / f"data/roles/{SLUG}.yaml"
    for file, line, what in (
        (f"data/roles/{SLUG}.yaml", line_of(role, "name: 请填写"), "岗位已经发布（status: published），这一行还是"),
        ("data/cadence.yaml", placeholder_line(project / "data/cadence.yaml"), "岗位已经发布"),
        ("data/activities.yaml", line_of(project / "data/activities.yaml", "  - id: project-charter"),
         f"岗位「{SLUG}」在任何活动里都不是 R 或 A"),
    ):
        assert re.search(rf"^{ERROR}{re.escape(file)}:{line}:\d+ [^\n]*{re.escape(what)}", check.output,
                         re.MULTILINE), (file, line, what, check.output)


def test_publishing_a_finished_draft_promises_its_urls(project: Path) -> None:
    assert ok(run_command(project, "new-role", SLUG, "--activity", "project-charter"))
    fill_in(project)
    check = run_command(project, "check")
    assert ok(check), check.output
    assert f"草稿「{SLUG}」已经没有待办" in check.output, check.output

    set_status(project, SLUG, "published")
    check = run_command(project, "check")
    assert check.status == 1, check.output  # published, not yet promised
    assert f"{ERROR}data/url-contract.txt:1:1 有 " in check.output and f"roles/{SLUG}/" in check.output

    contract = run_command(project, "contract")
    assert ok(contract), contract.output
    promised = (project / "data/url-contract.txt").read_text(encoding="utf-8").splitlines()
    for url in (f"roles/{SLUG}/", f"roles/{SLUG}/#train-planning", f"roles/{SLUG}/#raci", "faq/#rte-first-steps"):
        assert url in promised, url
    assert not any("area-one" in url or "first-question" in url for url in promised)
    check = run_command(project, "check")
    assert ok(check), check.output
    assert WARNING not in check.output, check.output


# --- Retiring: redirects to the successor, refused while anything still names it -------------------------


def retire_risk_manager(project: Path, successor: str | None = "project-manager", unlink: bool = True,
                        status: str = "retired") -> None:
    """Retire risk-manager, and (``unlink``) take it out of everything that named it."""
    role = project / "data/roles/risk-manager.yaml"
    role.write_text(role.read_text(encoding="utf-8") + f"status: {status}\n"
                    + (f"successor: {successor}\n" if successor else ""), encoding="utf-8")
    if not unlink:
        return
    activities = project / "data/activities.yaml"
    for letters in ("      project-manager: A\n      risk-manager: R\n", "      risk-manager: A\n      project-manager: R\n"):
        replace(activities, letters, "      project-manager: A\n      dev-team: R\n")
    activities.write_text(activities.read_text(encoding="utf-8") + "parties:\n  - id: dev-team\n    name: 研发团队\n"
                          "    name_en: Development team\n    description: 负责开发的工程师。\n", encoding="utf-8")
    replace(project / "data/operations.yaml", "      risk-manager: 把灰度写进应对措施。\n", "")
    replace(project / "data/operations.yaml", "    duties:\n", "    duties: {}\n")
    cadence = project / "data/cadence.yaml"
    text = cadence.read_text(encoding="utf-8")
    cadence.write_text(text[:text.index("  risk-manager:\n")], encoding="utf-8")
    replace(project / "data/settings.yaml", "  risk-manager:\n    startup: {staffing: shared, note: 由负责人兼顾。}\n"
                                            "    large: {staffing: shared, note: 由 PMO 把关。}\n", "")
    replace(project / "data/roles/project-manager.yaml", "collaborates_with:\n  - role: risk-manager\n"
                                                         "    how: 共同推进项目。\n", "collaborates_with: []\n")


def test_a_retired_role_redirects_to_its_successor_and_keeps_its_promises(project: Path) -> None:
    contract = (project / "data/url-contract.txt").read_text(encoding="utf-8")
    retire_risk_manager(project)
    check = run_command(project, "check")
    assert check.status == 1, check.output  # its page is still there: say so, and how to remove it
    assert re.search(rf"^{ERROR}handbook/roles/risk-manager.md:2:1 role：岗位「risk-manager」已经停用.*make sync-stubs",
                     check.output, re.MULTILINE), check.output
    stubs = run_command(project, "sync-stubs")
    assert ok(stubs) and "已删除 handbook/roles/risk-manager.md（岗位已停用" in stubs.output, stubs.output
    check = run_command(project, "check")
    assert ok(check), check.output  # every promised URL of the retired role still leads somewhere
    assert (project / "data/url-contract.txt").read_text(encoding="utf-8") == contract
    assert ok(run_command(project, "contract"))
    assert (project / "data/url-contract.txt").read_text(encoding="utf-8") == contract

    built = run_command(project, "build", timeout=300)
    assert ok(built), built.output
    site = project / "site"
    redirect = (site / "roles/risk-manager/index.html").read_text(encoding="utf-8")
    # The old URL and its #anchors: the script keeps the anchor, the refresh works without scripts.
    assert 'location.replace("../project-manager/" + location.hash)' in redirect
    assert '<meta http-equiv="refresh" content="0; url=../project-manager/">' in redirect
    assert '<meta name="robots" content="noindex">' in redirect
    for name, text in site_texts(site).items():
        assert "risk-manager" not in text, f"the retired role is still in {name}"
    assert not (site / "assets/cards/roles/risk-manager.png").exists()


def test_retiring_is_refused_without_a_successor(project: Path) -> None:
    retire_risk_manager(project, successor=None)
    check = run_command(project, "check")
    line = line_of(project / "data/roles/risk-manager.yaml", "status: retired")
    assert check.status == 1 and TRACEBACK not in check.output, check.output
    assert re.search(rf"^{ERROR}data/roles/risk-manager.yaml:{line}:\d+ status：停用的岗位（status: retired）要写明由哪个岗位接替",
                     check.output, re.MULTILINE), check.output


def test_retiring_is_refused_when_the_successor_is_a_draft(project: Path) -> None:
    assert ok(run_command(project, "new-role", SLUG))
    retire_risk_manager(project, successor=SLUG)
    check = run_command(project, "check")
    line = line_of(project / "data/roles/risk-manager.yaml", f"successor: {SLUG}")
    assert check.status == 1 and TRACEBACK not in check.output, check.output
    assert re.search(rf"^{ERROR}data/roles/risk-manager.yaml:{line}:\d+ successor：接替的岗位「{SLUG}」是草稿",
                     check.output, re.MULTILINE), check.output


@pytest.mark.parametrize(("file", "text", "field"), [
    ("data/activities.yaml", "      risk-manager: R", r"activities\[0\]\.raci"),
    ("data/activities.yaml", "      risk-manager: A", r"activities\[1\]\.raci"),
    ("data/roles/project-manager.yaml", "  - role: risk-manager", r"collaborates_with\[0\]\.role"),
    ("data/cadence.yaml", "  risk-manager:", "roles"),
    ("data/settings.yaml", "  risk-manager:", "roles_by_size"),
])
def test_retiring_is_refused_while_anything_still_names_the_role(project: Path, file: str, text: str,
                                                                 field: str) -> None:
    retire_risk_manager(project, unlink=False)
    line = line_of(project / file, text)
    check = run_command(project, "check")
    assert check.status == 1 and TRACEBACK not in check.output, check.output
    assert re.search(rf"^{ERROR}{re.escape(file)}:{line}:\d+ {field}：岗位「risk-manager」已经停用（status: retired，"
                     rf"见 data/roles/risk-manager.yaml），由「project-manager」接替：这里不能再写它。", check.output,
                     re.MULTILINE), check.output


def test_a_published_role_set_back_to_draft_breaks_its_promise(project: Path) -> None:
    retire_risk_manager(project, successor=None, status="draft")
    check = run_command(project, "check")
    assert check.status == 1 and TRACEBACK not in check.output, check.output
    assert re.search(rf"^{ERROR}data/url-contract.txt:\d+:1 承诺过的网址 roles/risk-manager/ 已经失效：岗位「risk-manager」"
                     "又成了草稿（status: draft）", check.output, re.MULTILINE), check.output


def test_a_letter_only_a_draft_holds_is_missing_from_the_published_matrix(project: Path) -> None:
    role = project / "data/roles/risk-manager.yaml"
    role.write_text(role.read_text(encoding="utf-8") + "status: draft\n", encoding="utf-8")
    check = run_command(project, "check")
    assert check.status == 1 and TRACEBACK not in check.output, check.output
    line = line_of(project / "data/activities.yaml", "      risk-manager: A")
    assert re.search(rf"^{ERROR}data/activities.yaml:{line}:\d+ activities\[1\]\.raci：只有草稿岗位「risk-manager」是 A",
                     check.output, re.MULTILINE), check.output


def test_the_raci_export_names_no_draft(project: Path, tmp_path: Path) -> None:
    assert ok(run_command(project, "new-role", SLUG, "--activity", "project-charter"))
    exported = run_command(project, "export", str(tmp_path / "api"))
    assert ok(exported), exported.output
    raci = json.loads((tmp_path / "api/raci.json").read_text(encoding="utf-8"))
    assert all(SLUG not in activity["raci"] for activity in raci["activities"])
