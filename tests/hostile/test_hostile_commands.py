"""No command destroys the project, writes through a link or outside it, or prints a traceback (issue #28).

* ``build`` never takes the project, a folder holding it, or one of its own folders for its output, and replaces
  or deletes only folders it built itself (they carry its mark, ``.handbook-build``).
* ``new-role`` refuses a reserved or taken name before writing anything; ``check`` refuses a reserved former slug.
* Every command that writes refuses a link in its way and keeps its writes inside the project (or the folder it
  was given); a full disk, a read-only or mounted ``site/`` end in one Chinese line, exit 1, the old site intact.
* Whatever else goes wrong in ``python -m macros`` is one line; a full card cache turns the cache off.

Most run the command as a maintainer does (a subprocess on a copy of the small project); the failures a test
cannot cause for real (a full disk, a mount point, a read-only folder for root) are simulated in-process.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from macros.data.lint import HAN
from hostile_support import apply, run_check_here, run_command, tree_digest, valid_project_copy

TRACEBACK = "Traceback (most recent call last)"
CHINESE = re.compile(f"[{HAN}]")
PARTY = ("parties:\n  - id: sponsor\n    name: 项目发起人\n    name_en: Sponsor\n"
         "    description: 提出项目并为其出资的业务负责人。\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = valid_project_copy(tmp_path / "project")
    (project / ".git").mkdir()  # as in a checkout: the build must never take it either
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return project


def refused(answer, where: str) -> None:
    """A refusal: exit 1, one Chinese ``错误：`` line naming ``where``, no traceback."""
    assert TRACEBACK not in answer.output and not answer.crashed, answer.output
    assert answer.status == 1, answer.output
    lines = [line for line in answer.output.splitlines() if line.startswith("错误：")]
    assert lines and where in lines[0] and CHINESE.search(lines[0]), answer.output


# --- build: where the site may go, and what it may replace ------------------------------------------------------

PROJECT_FOLDERS = ["data", "handbook", "macros", "overrides", "tests", ".git", "data/roles", "handbook/site", "."]


@pytest.mark.parametrize("site_dir", PROJECT_FOLDERS)
def test_the_build_never_writes_into_the_project_or_its_own_folders(project: Path, site_dir: str) -> None:
    before = tree_digest(project)
    answer = run_command(project, "build", "--site-dir", site_dir)
    refused(answer, str((project / site_dir).resolve()))
    assert tree_digest(project) == before
    assert not list(project.parent.glob("*.building-*"))


def test_the_build_never_takes_a_folder_holding_the_project(project: Path) -> None:
    before = tree_digest(project.parent)
    answer = run_command(project, "build", "--site-dir", str(project.parent))
    refused(answer, str(project.parent))
    assert tree_digest(project.parent) == before


@pytest.mark.parametrize("how", ["unmarked folder", "link to a folder", "file"])
def test_the_build_replaces_only_a_folder_it_built(project: Path, how: str) -> None:
    notes = project.parent / "notes"
    notes.mkdir()
    (notes / "plan.md").write_text("重要笔记\n", encoding="utf-8")
    target = project / "out"
    if how == "unmarked folder":
        target = notes
    elif how == "link to a folder":
        target.symlink_to(notes)
    else:
        target.write_text("a file\n", encoding="utf-8")
    before, kept = tree_digest(notes), target.read_bytes() if how == "file" else b""
    answer = run_command(project, "build", "--site-dir", str(target))
    refused(answer, str(target))
    assert tree_digest(notes) == before and (how != "file" or target.read_bytes() == kept)
    assert not list(target.parent.glob("*.building-*"))


@pytest.mark.parametrize("leftover", ["site.old", "site.old-link"])
def test_recovery_never_deletes_a_site_old_it_did_not_build(project: Path, leftover: str) -> None:
    notes = project.parent / "notes"
    notes.mkdir()
    (notes / "plan.md").write_text("重要笔记\n", encoding="utf-8")
    if leftover == "site.old":
        notes.rename(project / "site.old")
        notes = project / "site.old"
    else:
        (project / "site.old").symlink_to(notes)
    before = tree_digest(notes)
    answer = run_command(project, "build")
    refused(answer, "site.old")
    assert tree_digest(notes) == before and os.path.lexists(project / "site.old")
    assert not (project / "site").exists()


@pytest.mark.slow
def test_a_site_built_before_the_mark_is_replaced_and_a_foreign_staging_folder_is_kept(project: Path) -> None:
    old = project / "site"
    (old / "api").mkdir(parents=True)
    for name in ("index.html", "sitemap.xml", "api/roles.json"):
        (old / name).write_text("旧网站\n", encoding="utf-8")
    foreign = project / "site.building-7"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("不是构建建的\n", encoding="utf-8")
    answer = run_command(project, "build", timeout=300)
    assert answer.status == 0 and TRACEBACK not in answer.output, answer.output
    assert (old / ".handbook-build").is_file() and "旧网站" not in (old / "index.html").read_text(encoding="utf-8")
    assert (foreign / "keep.txt").is_file() and "site.building-7" in answer.output
    assert sorted(path.name for path in project.glob("site*")) == ["site", "site.building-7"]


# --- new-role and former_slugs: reserved names ------------------------------------------------------------------

def _outside_stub(project: Path) -> None:
    outside = project.parent / "outside.md"
    outside.write_text("outside the project\n", encoding="utf-8")
    (project / "handbook" / "roles" / "orphan.md").symlink_to(outside)


NEW_ROLE_REFUSALS = [
    # (slug, setup, exit status, text the message must contain)
    ("index", None, 1, "网址保留"),
    ("sponsor", lambda p: apply(p, [("append", "data/activities.yaml", PARTY)]), 1, "RACI 参与方"),
    ("orphan", _outside_stub, 1, "handbook/roles/orphan.md"),
    ("risk-manager", None, 1, "risk-manager"),
    ("a" * 256, None, 2, "a" * 40),
    ("release-manager\n", None, 2, "release-manager"),
    ("../outside", None, 2, "outside"),
]


@pytest.mark.parametrize("slug, setup, status, text", NEW_ROLE_REFUSALS,
                         ids=["index", "party", "stub-link", "taken", "256-chars", "line-break", "path"])
def test_new_role_refuses_a_reserved_or_malformed_name_before_writing_anything(project, slug, setup, status, text):
    if setup:
        setup(project)
    before, outside = tree_digest(project), tree_digest(project.parent)
    answer = run_command(project, "new-role", slug)
    assert TRACEBACK not in answer.output and not answer.crashed, answer.output
    assert answer.status == status and text in answer.output and "错误：" in answer.output, answer.output
    assert tree_digest(project) == before and tree_digest(project.parent) == outside


def test_a_party_in_the_data_is_valid_data(project: Path) -> None:
    """The party case above starts from valid data: its refusal is new-role's, not the loader's."""
    apply(project, [("append", "data/activities.yaml", PARTY)])
    assert run_check_here(project).status == 0


def test_new_role_refuses_a_data_file_that_is_a_link_before_writing_anything(project: Path) -> None:
    """(The loader reads a link inside data/; new-role must not write through it.)"""
    cadence = project / "data" / "cadence.yaml"
    cadence.rename(project / "data" / "cadence.txt")
    cadence.symlink_to("cadence.txt")
    assert run_check_here(project).status == 0
    before = tree_digest(project)
    answer = run_command(project, "new-role", "release-manager")
    refused(answer, "data/cadence.yaml")
    assert tree_digest(project) == before and cadence.is_symlink()


@pytest.mark.parametrize("field, edit", [
    ("former_slugs[0]", ("append", "data/roles/risk-manager.yaml", "former_slugs: [index]\n")),
    ("former_slugs[1]", ("append", "data/roles/risk-manager.yaml", "former_slugs: [old-risk, index]\n")),
])
def test_check_refuses_a_reserved_former_slug_where_it_is_written(project: Path, field: str, edit: tuple) -> None:
    apply(project, [edit])
    answer = run_check_here(project)
    assert answer.status == 1 and not answer.crashed, answer.output
    line = len((project / "data/roles/risk-manager.yaml").read_text(encoding="utf-8").splitlines())
    assert re.search(rf"^错误：data/roles/risk-manager.yaml:{line}:\d+ {re.escape(field)}：「index」是网址保留的名字",
                     answer.output, re.MULTILINE), answer.output


# --- no write through a link, none outside the project ----------------------------------------------------------

LINKED = [
    ("contract", "data/url-contract.txt", ("contract",)),
    ("schemas", "data/schema/role.schema.json", ("schemas",)),
    ("export", "exported/roles.json", ("export", "exported")),
]


@pytest.mark.parametrize("command, linked, arguments", LINKED, ids=[case[0] for case in LINKED])
def test_no_command_writes_through_a_link(project: Path, command: str, linked: str, arguments: tuple) -> None:
    if command == "schemas":  # the file differs from what the models give, so schemas writes it
        apply(project, [("write", linked, "{}\n")])
    if command == "export":
        (project / "exported").mkdir()
        apply(project, [("write", linked, "{}\n")])
    if command == "contract":
        apply(project, [("write", linked, "# promised\n")])
    apply(project, [("outside", linked)])
    outside = project.parent / f"outside-{Path(linked).name}"
    kept = outside.read_bytes()
    answer = run_command(project, *arguments)
    refused(answer, Path(linked).name)
    assert outside.read_bytes() == kept and (project / linked).is_symlink()


def test_no_command_writes_into_a_folder_that_leads_outside(project: Path) -> None:
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    schema = project / "data" / "schema"
    if schema.exists():
        for path in schema.iterdir():
            path.rename(elsewhere / path.name)
        schema.rmdir()
    schema.symlink_to(elsewhere)
    (elsewhere / "role.schema.json").write_text("{}\n", encoding="utf-8")
    answer = run_command(project, "schemas")
    refused(answer, "data/schema")
    assert (elsewhere / "role.schema.json").read_text(encoding="utf-8") == "{}\n"


def test_sync_stubs_never_writes_through_a_broken_link(project: Path) -> None:
    stub = project / "handbook" / "roles" / "risk-manager.md"
    stub.unlink()
    stub.symlink_to(project.parent / "planted.md")
    answer = run_command(project, "sync-stubs")
    assert answer.status == 0 and TRACEBACK not in answer.output, answer.output
    assert not (project.parent / "planted.md").exists()


@pytest.mark.parametrize("where", ["file", "data", "project"])
def test_export_refuses_a_file_or_the_projects_own_folders(project: Path, where: str) -> None:
    target = {"file": project / "mkdocs.yml", "data": project / "data", "project": project}[where]
    before = tree_digest(project)
    kept = (project / "mkdocs.yml").read_bytes()
    answer = run_command(project, "export", str(target))
    refused(answer, str(target))
    assert tree_digest(project) == before and (project / "mkdocs.yml").read_bytes() == kept


# --- a full disk, a read-only or mounted site: one line, exit 1, the old site kept, nothing left behind -----------

@pytest.fixture
def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a site a build made, and a build whose MkDocs step writes a small new site."""
    from macros.maintain import publish

    root = tmp_path / "project"
    site = root / "site"
    site.mkdir(parents=True)
    (site / publish.MARK).write_text(publish.MARK_TEXT, encoding="utf-8")
    (site / "index.html").write_text("<html>旧网站</html>\n", encoding="utf-8")

    def fake_mkdocs(command: list[str], _root: Path, _env: dict) -> int:
        staging = Path(command[command.index("--site-dir") + 1])
        (staging / "index.html").write_text("<html>新网站</html>\n", encoding="utf-8")
        return 0

    monkeypatch.setattr(publish, "_run_child", fake_mkdocs)
    return root


def _fail(code: int):
    def fail(*args, **_kwargs):
        raise OSError(code, os.strerror(code), str(args[0]) if args else None)
    return fail


FAILURES = [
    ("read-only project", "mkdir", errno.EROFS),
    ("no permission", "mkdir", errno.EACCES),
    ("full disk (mark)", "write", errno.ENOSPC),
    ("mounted site (exchange)", "exchange", errno.EBUSY),
    ("mounted site (rename)", "rename", errno.EBUSY),
    ("other file system", "rename", errno.EXDEV),
    ("full disk (swap)", "rename", errno.ENOSPC),
]


@pytest.mark.parametrize("name, step, code", FAILURES, ids=[case[0] for case in FAILURES])
def test_a_build_that_cannot_finish_keeps_the_old_site_and_says_why(published, monkeypatch, capsys, name, step, code):
    from macros.maintain import publish

    site = published / "site"
    before = tree_digest(site)
    if step == "mkdir":
        real_mkdir = os.mkdir
        monkeypatch.setattr(publish.os, "mkdir", lambda path, *a, **k: _fail(code)(path)
                            if ".building-" in str(path) else real_mkdir(path, *a, **k))
    elif step == "write":
        real_write = os.write  # fails for the files written into the staging folder only

        def write(fd: int, data) -> int:
            if ".building-" in os.readlink(f"/proc/self/fd/{fd}"):
                _fail(code)()
            return real_write(fd, data)
        monkeypatch.setattr(os, "write", write)
    elif step == "exchange":
        monkeypatch.setattr(publish, "_exchange", _fail(code))
    else:
        monkeypatch.setattr(publish, "_exchange", lambda _a, _b: False)  # the two-rename swap
        real_rename = Path.rename
        monkeypatch.setattr(Path, "rename", lambda self, to: _fail(code)(self)
                            if ".building-" in self.name else real_rename(self, to))
    status = publish.build(published, Path("site"))
    out = capsys.readouterr()
    assert status == 1, out
    assert TRACEBACK not in out.out + out.err
    assert re.search(f"^错误：.*[{HAN}]", out.err, re.MULTILINE), out.err
    assert tree_digest(site) == before
    assert sorted(path.name for path in published.iterdir() if path.name != ".cache") == ["site"]


def test_mkdocs_failing_unexpectedly_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import mkdocs.__main__

    from macros.maintain import publish

    def full_disk(**_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/site.building-1/index.html")

    monkeypatch.setattr(mkdocs.__main__.cli, "main", full_disk)
    with pytest.raises(SystemExit) as ended:
        publish._mkdocs(["mkdocs", "build"])
    err = capsys.readouterr().err
    assert ended.value.code == 1 and err.count("\n") == 1
    assert err.startswith("错误：/site.building-1/index.html：构建网站时出错，") and "磁盘空间已满" in err


def test_a_full_card_cache_turns_the_cache_off_with_one_warning(tmp_path, monkeypatch, capsys) -> None:
    from macros.site import cards

    try:
        cards.font_files()
    except cards.CardError as error:
        pytest.skip(str(error))
    attempts = []

    def full(self, data):
        if ".cache" in self.parts:
            attempts.append(self)
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_write(self, data)

    real_write = Path.write_bytes
    monkeypatch.setattr(Path, "write_bytes", full)
    (tmp_path / "project").mkdir()
    drawn = [cards.Card(f"assets/cards/{n}.png", f"岗位 {n}", "Role", "", "简介。", "example.com") for n in range(3)]
    assert cards.write_cards(drawn, tmp_path / "site", tmp_path / "project") == 3
    err = capsys.readouterr().err
    assert len(attempts) == 1 and err.count("警告：") == 1 and "磁盘空间已满" in err
    assert all((tmp_path / "site" / card.path).stat().st_size > 0 for card in drawn)
    assert not list((tmp_path / "project" / ".cache" / "cards").iterdir())


# --- anything else: one line, no traceback ------------------------------------------------------------------------

@pytest.mark.parametrize("raised, status, expected", [
    (RuntimeError("boom\nsecond line"), 1, "错误：build：构建网站时出现意外错误（RuntimeError: boom second line）"),
    (OSError(errno.EIO, "Input/output error", "data/roles/x.yaml"), 1, "错误：data/roles/x.yaml：构建网站时出错，"),
    (KeyboardInterrupt(), 130, ""),
])
def test_any_unexpected_error_is_one_line(tmp_path, monkeypatch, capsys, raised, status, expected) -> None:
    from macros import __main__ as cli
    from macros.maintain import publish

    def fail(*_args, **_kwargs):
        raise raised

    monkeypatch.setattr(publish, "build", fail)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--root", str(tmp_path), "build"]) == status
    out = capsys.readouterr()
    assert out.out == "" and out.err.startswith(expected) and out.err.count("\n") == (1 if expected else 0), out.err


@pytest.mark.slow
def test_a_build_says_one_line_when_it_succeeds_and_the_problems_as_check_does_when_it_fails(project: Path) -> None:
    built = run_command(project, "build", timeout=300)
    assert built.status == 0, built.output
    assert re.fullmatch(r"网站已写入 \S+（用时 [0-9.]+ 秒）。\n", built.output), built.output
    apply(project, (("replace", "data/roles/risk-manager.yaml", "intermediate: 3}", "intermediate: 7}"),))
    failed = run_command(project, "build", timeout=300)
    lines = failed.output.splitlines()
    assert failed.status == 1 and not failed.crashed
    assert lines[0] == "构建停止：手册的数据或页面有下面这些问题。", lines
    assert lines[1].startswith("错误：data/roles/risk-manager.yaml:25:") and "应为 1–4 的整数" in lines[1], lines
    assert lines[2:] == ["共 1 个问题，没有生成任何页面。", f"构建失败：原来的网站保持不变（{project / 'site'}）。"], lines
