"""`mkdocs serve` shows a maintainer what is wrong where they look: while a save has a mistake in it, every page,
also one already open, says at its top what is wrong (file:line:column: field: message, as ``check`` prints it)
above the last good version of the page; the next good save removes it. A build has no trace of any of it.

The browser test is a maintainer's session: a page open in Chromium, a role file saved with a mistake, the
banner appearing in the open page without a manual reload, the fix saved, the banner gone and the fix shown.
The server runs on a free port of 127.0.0.1 in a copy of the small project (tests/fixtures/minimal).
"""

from __future__ import annotations

import inspect
import json
import re
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from conftest import build_site
from test_serve import NEW_SUMMARY, OLD_SUMMARY, SLUG, WAIT, _get, _serve, _tail, _wait_for

from macros.data.problems import Problem
from macros.site import preview
from macros.site.engine import ProblemsError

ROLE = f"data/roles/{SLUG}.yaml"
PHONE = {"width": 360, "height": 780}
STATUS = re.compile(r"\[\d\d:\d\d:\d\d\] 预览(已更新|未更新)")  # the one line each rebuild says
NOTE = "预览仍显示上一次成功生成的页面；改好并保存后此提示会消失。"


# --- What the preview relies on in MkDocs' live-reload server -------------------------------------------------

def test_livereload_still_has_what_the_preview_relies_on(tmp_path: Path) -> None:
    """Fails when MkDocs' livereload changes what macros/site/preview.py uses: its private epochs (one adapter,
    ``answering_during_rebuild``), and the public behaviour the rest relies on."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        missing = [name for name in preview.LIVERELOAD_PRIVATES if not hasattr(server, name)]
        assert not missing, (f"mkdocs.livereload.LiveReloadServer no longer has {missing}: "
                             "update answering_during_rebuild in macros/site/preview.py")
        for name in ("builder", "root", "error_handler", "watch", "unwatch"):
            assert hasattr(server, name), f"LiveReloadServer.{name} is gone (macros/site/preview.py on_serve)"
        assert callable(server.observer.schedule), "LiveReloadServer.observer is no watchdog observer any more"
        # A builder that returns is a rebuild shown: the loop makes the epoch it wanted visible, and the open
        # pages reload (the guarded builder always returns, so a failed save reloads them too).
        loop = inspect.getsource(LiveReloadServer._build_loop)
        assert "self.builder()" in loop and "self._visible_epoch = self._wanted_epoch" in loop
        # During a rebuild requests are answered at once; afterwards the rebuild's epoch is the one wanted.
        server._wanted_epoch = server._visible_epoch + 5  # as the loop does when a rebuild starts
        wanted = server._wanted_epoch
        with preview.answering_during_rebuild(server):
            assert server._visible_epoch == server._wanted_epoch, "requests would wait for the rebuild"
        assert server._wanted_epoch == wanted
    finally:
        server.server_close()


# --- The problems a failed rebuild shows: the build's own records, not its printed text ------------------------

def _page(markdown: str, front_matter: str = "---\nrole: x\n---\n\n") -> SimpleNamespace:
    return SimpleNamespace(markdown=markdown, file=SimpleNamespace(content_string=front_matter + markdown))


def _raised(action) -> BaseException:
    try:
        action()
    except BaseException as error:  # noqa: BLE001 - the error is what the test looks at
        return error
    raise AssertionError("nothing was raised")


def _macro_exit(markdown: str) -> BaseException:
    """What mkdocs-macros raises on an error in a page: SystemExit, the error as its context."""
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)

    def render() -> None:
        try:
            environment.from_string(markdown).render()
        except Exception:
            sys.exit(100)

    return _raised(render)


def _theme_error(project: Path, text: str) -> BaseException:
    (project / "overrides").mkdir(parents=True, exist_ok=True)
    (project / "overrides" / "main.html").write_text(text, encoding="utf-8")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(project / "overrides"))
    return _raised(lambda: environment.get_template("main.html").render())


def _cases(project: Path) -> dict[str, tuple]:
    """name -> (failure, what the build was doing, the problems expected (file, line, column, field, message),
    whether MkDocs printed them)."""
    from mkdocs.exceptions import Abort

    data = Problem("data/roles/risk-manager.yaml", 25, 39, "skills[0].levels.intermediate", "应为 1–4 的整数，实际是 7")
    page = ("生成页面", "handbook/glossary.md", _page("# 术语表\n\n正文。\n{{ no_such_macro() }}\n"))
    theme = ("套用主题模板", "handbook/index.md", None)
    faq = project / "handbook" / "faq.md"
    warning = "Doc file 'faq.md' contains a link 'x.md', but the target is not found among documentation files."
    return {
        "data problems": (ProblemsError("invalid handbook data", [data]), ("读取并检查数据和页面", "data/", None),
                          [(data.file, data.line, data.column, data.field, data.message)], True),
        "a macro call in a page": (_macro_exit(page[2].markdown), page, [
            ("handbook/glossary.md", 8, 1, "", "生成页面时出错：UndefinedError: 'no_such_macro' is undefined")], False),
        "a theme template that fails": (_theme_error(project, "<html>\n<head>\n{{ 1 // 0 }}\n</head>\n"), theme, [
            ("overrides/main.html", 3, 1, "", "套用主题模板（handbook/index.md）时出错：ZeroDivisionError: integer "
             "division or modulo by zero")], False),
        "a theme template that does not parse": (_theme_error(project, "<html>\n{% if %}\n</html>\n"), theme, [
            ("overrides/main.html", 2, 1, "", "套用主题模板（handbook/index.md）时出错：TemplateSyntaxError: Expected "
             "an expression, got 'end of statement block'")], False),
        "a file that cannot be read": (PermissionError(13, "Permission denied", str(faq)),
                                       ("生成页面", "handbook/faq.md", None), [
            ("handbook/faq.md", 1, 1, "", f"生成页面时出错：PermissionError: [Errno 13] Permission denied: '{faq}'")],
                                       False),
        "an error in code, on a page": (KeyError("risk-manager"), ("生成页面", "handbook/roles/x.md", None), [
            ("handbook/roles/x.md", 1, 1, "", "生成页面时出错：KeyError: 'risk-manager'")], False),
        "strict: true stopped on warnings": (Abort("Aborted with 1 warnings in strict mode!"),
                                             ("写出导出文件、链接预览图和搜索索引", "", None),
                                             [("", 0, 0, "", warning)], True),
    }


@pytest.mark.parametrize("case", ["data problems", "a macro call in a page", "a theme template that fails",
                                  "a theme template that does not parse", "a file that cannot be read",
                                  "an error in code, on a page", "strict: true stopped on warnings"])
def test_a_failed_rebuild_shows_each_problem_with_its_file_and_line(case: str, tmp_path: Path) -> None:
    failure, (doing, file, page), expected, printed = _cases(tmp_path)[case]
    build = preview._Build(project=tmp_path, docs="handbook")
    build.at(doing, file, page)
    if case == "strict: true stopped on warnings":
        build.logged = [("", expected[0][4])]
    if isinstance(failure, ProblemsError):
        build.error = failure  # MkDocs hands it to on_build_error, then raises Abort in its place
        build.said.add(str(failure))  # and prints it
    problems, was_printed = preview.problems_of(failure, build)
    assert [tuple(problem[name] for name in preview.PROBLEM_FIELDS) for problem in problems] == expected
    assert was_printed is printed
    # Each as the terminal prints it: the data floor's own format (a warning of MkDocs as MkDocs said it).
    assert [problem["text"] for problem in problems] == [str(Problem(*fields)) if fields[0] else fields[4]
                                                         for fields in expected]
    json.dumps(problems)  # what the served page reads


def test_a_problem_mkdocs_does_not_print_again_is_printed_by_the_preview(tmp_path: Path) -> None:
    """MkDocs prints a message once per process: the same mistake saved again after a fix is said by the preview."""
    data = Problem("data/roles/risk-manager.yaml", 25, 39, "skills[0].levels.intermediate", "应为 1–4 的整数，实际是 7")
    build = preview._Build(project=tmp_path, error=ProblemsError("invalid handbook data", [data]))
    problems, printed = preview.problems_of(build.error, build)
    assert [problem["text"] for problem in problems] == [str(data)] and printed is False


# --- A build: no trace of the preview ---------------------------------------------------------------------------

@pytest.mark.slow
def test_a_build_has_no_trace_of_the_preview(minimal_project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build_site(minimal_project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("assets/javascripts/preview.js", "assets/stylesheets/preview.css", preview.PROBLEMS_FILE):
        assert not (site / name).exists(), f"the build wrote {name}"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for trace in ('id="handbook-preview"', "preview.js", preview.PROBLEMS_FILE, 'role="alert"'):
            assert trace not in text, f"{page.relative_to(site)} has {trace!r}"
        # The maintainer guide pictures the banner (a figure, static HTML): no other page shows it.
        if page.relative_to(site).as_posix() != "maintainers/index.html":
            assert "预览未更新" not in text, f"{page.relative_to(site)} shows the banner"
    guide = (site / "maintainers/index.html").read_text(encoding="utf-8")
    assert re.search(r'<figure class="guide-banner">\s*<section class="handbook-preview">', guide)


# --- A maintainer's session in the browser --------------------------------------------------------------------

def _log(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")


def warm_up(role_file: Path, text: str, log: Path) -> None:
    """Save until the server rebuilds (a save before its watcher's first look at data/ goes unseen), then let the
    rebuilds asked for settle: a later save is then the only change the server sees."""
    saved = [0.0]

    def rebuilt() -> bool:
        if "预览已更新" in _log(log):
            return True
        if time.monotonic() - saved[0] > 3:  # a rebuild of the small project takes about a second
            role_file.write_text(text, encoding="utf-8")
            saved[0] = time.monotonic()
        return False

    _wait_for("a first rebuild", rebuilt, log)
    settle(log)


def settle(log: Path, quiet: float = 2.5) -> None:
    """Wait until no rebuild has ended for ``quiet`` seconds: the watcher looks every 0.5 s, and a rebuild of the
    small project takes about a second, so every rebuild asked for so far has ended."""
    last = {"count": -1, "since": 0.0}

    def quiet_now() -> bool:
        count = len(STATUS.findall(_log(log)))
        if count != last["count"]:
            last.update(count=count, since=time.monotonic())
        return time.monotonic() - last["since"] >= quiet

    _wait_for("the rebuilds to settle", quiet_now, log)


def bad_level(good: str) -> tuple[str, str]:
    """A role file with a skill level out of range, and where the problem is (file:line:column)."""
    bad = good.replace("intermediate: 3}\n", "intermediate: 7}\n", 1)
    line = bad[: bad.index("intermediate: 7}")].count("\n") + 1
    column = bad.splitlines()[line - 1].index("7") + 1
    return bad, f"{ROLE}:{line}:{column}"


@pytest.mark.slow
@pytest.mark.browser
def test_an_open_page_shows_the_problems_of_a_bad_save_until_the_fix(browser, minimal_project: Path,
                                                                     tmp_path: Path) -> None:
    from playwright.sync_api import expect

    role_file = minimal_project / ROLE
    good = role_file.read_text(encoding="utf-8")
    bad, where = bad_level(good)
    log = tmp_path / "serve.log"
    with _serve(minimal_project, log) as (server, root_url):
        warm_up(role_file, good, log)
        context = browser.new_context(viewport=PHONE, locale="zh-CN")
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page_url = f"{root_url}roles/{SLUG}/"
        with tab.expect_response(lambda response: response.url.endswith(preview.PROBLEMS_FILE)):
            tab.goto(page_url)
        banner = tab.locator(".handbook-preview")
        expect(banner).to_have_count(0)
        expect(tab.locator("article")).to_contain_text(OLD_SUMMARY)

        # The bad save: the open page reloads by itself and shows the banner.
        saved = time.monotonic()
        role_file.write_text(bad, encoding="utf-8")
        expect(banner).to_be_visible(timeout=WAIT * 1000)
        shown_after = time.monotonic() - saved
        print(f"\nfrom the save to the banner in the open page: {shown_after:.2f} s")
        expect(banner).to_have_attribute("role", "alert")
        expect(banner.get_by_role("heading", name="预览未更新：有 1 处问题")).to_be_visible()
        expect(banner).to_contain_text(NOTE)
        items = banner.locator("li")
        expect(items).to_have_count(1)
        item = items.first.text_content()
        assert item.startswith(where) and "skills[0].levels.intermediate" in item, f"the banner says {item!r}"
        expect(items.first.locator("code")).to_have_text(where)
        assert item in _log(log), f"the banner's {item!r} is not what the terminal printed:\n{_tail(log)}"
        # The page below is the last good version; the banner sits at its top, above the page's own title.
        expect(tab.locator("article")).to_contain_text(OLD_SUMMARY)
        assert banner.bounding_box()["y"] < tab.locator("h1").first.bounding_box()["y"]
        # Keyboard: the banner has the focus, and Tab goes on into the page (no trap).
        assert tab.evaluate("document.activeElement.classList.contains('handbook-preview')")
        tab.keyboard.press("Tab")
        assert tab.evaluate("!document.activeElement.closest('.handbook-preview')")
        # Readable on a 360 px phone: nothing wider than the screen.
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # A page opened now shows it too.
        other = context.new_page()
        other.goto(root_url)
        expect(other.locator(".handbook-preview li")).to_have_text(item)
        other.close()

        # The fix: the banner goes, the fix shows.
        role_file.write_text(good.replace(f"summary: {OLD_SUMMARY}\n", f"summary: {NEW_SUMMARY}\n", 1),
                             encoding="utf-8")
        expect(tab.locator("article")).to_contain_text(NEW_SUMMARY, timeout=WAIT * 1000)
        expect(banner).to_have_count(0)
        assert json.loads(_get(f"{root_url}{preview.PROBLEMS_FILE}")[1]) == {"problems": []}

        # The same mistake again is said again (MkDocs itself prints a message once per process).
        offset = len(_log(log))
        role_file.write_text(bad, encoding="utf-8")
        expect(banner.locator("li")).to_have_text(item, timeout=WAIT * 1000)
        assert item in _log(log)[offset:], f"the terminal did not say it again:\n{_tail(log)}"
        role_file.write_text(good, encoding="utf-8")
        expect(banner).to_have_count(0, timeout=WAIT * 1000)
        context.close()
        assert server.poll() is None
    assert not errors, f"errors on the page: {errors}"
    _assert_quiet(_log(log))


def _assert_quiet(text: str) -> None:
    """The terminal: the address, then per rebuild the problems and one line; no traceback."""
    assert "Traceback" not in text, text
    lines = text.splitlines()
    start = next(index for index, line in enumerate(lines) if "Serving on " in line)
    said = [line for line in lines[start + 1:] if line.startswith(("INFO", "WARNING"))]
    assert all(STATUS.search(line) for line in said), f"more than one line per rebuild:\n{text}"
    for noise in ("[macros]", "Building documentation", "Detected file changes", "Reloading browsers",
                  "Documentation built"):
        assert noise not in text, f"{noise!r} is still printed:\n{text}"


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_banner_is_accessible_light_and_dark(browser, minimal_project: Path, tmp_path: Path, scheme: str) -> None:
    """axe (WCAG 2.2 AA and best practices, contrast included) finds nothing in the banner, on a phone."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    role_file = minimal_project / ROLE
    good = role_file.read_text(encoding="utf-8")
    log = tmp_path / "serve.log"
    with _serve(minimal_project, log) as (_server, root_url):
        warm_up(role_file, good, log)
        role_file.write_text(bad_level(good)[0], encoding="utf-8")
        _wait_for("the rebuild to fail", lambda: "预览未更新" in _log(log), log)
        settle(log)  # no reload while axe looks
        context = browser.new_context(viewport=PHONE, locale="zh-CN", color_scheme=scheme)
        tab = context.new_page()
        tab.goto(f"{root_url}roles/{SLUG}/")
        expect(tab.locator(".handbook-preview li")).to_have_count(1)
        results = Axe().run(tab, context=".handbook-preview", options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}).response
        context.close()
    assert any(rule["id"] == "color-contrast" for rule in results["passes"]), "axe did not look at the banner"
    assert not results["violations"], [(v["id"], v["help"], [n["target"] for n in v["nodes"]])
                                       for v in results["violations"]]
