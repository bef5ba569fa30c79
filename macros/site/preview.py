"""``mkdocs serve``: a mistake stops nothing. The terminal and the top of every page say what is wrong, and the
last good pages stay up until the next good save.

This file is a MkDocs hook (``hooks:`` in mkdocs.yml), loaded from its path: of the package it imports only the
data floor's ``Problem``, to print a problem as ``check`` does.

* The server answers from a copy of the last good site, also while a rebuild runs (MkDocs empties and rewrites
  the folder it would serve, and makes every request wait for the rebuild).
* A rebuild that fails keeps that copy, and writes the build's own problems (file, line, column, field,
  message: the ``Problem``s the build stopped on, never its printed text) into it as :data:`PROBLEMS_FILE`.
  The guarded builder returns as after a good rebuild, so MkDocs reloads the open pages; on each page
  ``assets/javascripts/preview.js`` (``overrides/partials/preview.html``) asks for that file and shows the
  problems at the top. The script, its stylesheet and the partial exist under serve only (``draft_docs`` in
  mkdocs.yml, and :func:`on_env`): a build has no trace of them.
* An unexpected error is one line: what was being done, on which file; never a traceback.
* A watched folder that disappears and comes back (a branch switch deletes and restores ``data/``) is watched
  again: watchdog stops watching a folder that is gone.
* The terminal says one line per rebuild, besides the problems.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort, BuildError
from mkdocs.plugins import event_priority

PROBLEMS_FILE = "preview-problems.json"  # in the served site's root; read by assets/javascripts/preview.js
PROBLEM_FIELDS = ("file", "line", "column", "field", "message")  # those of macros.data.problems.Problem
# Each problem in PROBLEMS_FILE: those fields, and "text", the line the terminal prints for it.

log = logging.getLogger("mkdocs.handbook.preview")


# --- The one place that uses mkdocs.livereload's private state --------------------------------------------
# MkDocs 1.6's server makes every request wait while a rebuild runs (until `_visible_epoch` reaches
# `_wanted_epoch`, under `_epoch_cond`), and no public setting changes that. Everything else here is public
# behaviour: a builder that returns makes the server reload the open pages. tests/test_serve_problems.py
# (test_livereload_still_has_what_the_preview_relies_on) fails when MkDocs' livereload changes these.
LIVERELOAD_PRIVATES = ("_epoch_cond", "_visible_epoch", "_wanted_epoch")


@contextlib.contextmanager
def answering_during_rebuild(server: Any) -> Iterator[None]:
    """While the rebuild inside runs, requests are answered at once (from the last good copy); afterwards the
    server takes this rebuild as shown and reloads the open pages, as it does after any rebuild."""
    if not all(hasattr(server, name) for name in LIVERELOAD_PRIVATES):
        _warn_once("MkDocs 的 livereload 已变，预览在重新生成期间会等生成结束再回答（macros/site/preview.py）。")
        yield
        return
    with server._epoch_cond:
        wanted = server._wanted_epoch
        server._wanted_epoch = server._visible_epoch
        server._epoch_cond.notify_all()
    try:
        yield
    finally:
        with server._epoch_cond:
            server._wanted_epoch = wanted


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        log.warning(message)


# --- What the build was doing, and what it failed on ---------------------------------------------------------

@dataclass
class _Build:
    """The current build: the step it is at (for a message about an unexpected error) and what it failed on."""

    serving: bool = False
    project: Path = Path()
    docs: str = ""  # docs_dir, relative to the project
    doing: str = "读取 mkdocs.yml 配置"
    file: str = "mkdocs.yml"
    page: Any = None  # the page being made, whose source lines a template error counts from
    error: BaseException | None = None  # what on_build_error saw (MkDocs then raises Abort in its place)
    config_file: str = "mkdocs.yml"
    logged: list[tuple[str, str]] = field(default_factory=list)  # (file, message): MkDocs' warnings, config errors
    said: set[str] = field(default_factory=set)  # what reached the terminal (MkDocs says a message only once)
    dirty: bool = False  # `mkdocs serve --dirty` (make serve): only the pages a save changed are made again

    def begin(self) -> None:
        self.error, self.logged, self.said = None, [], set()
        self.at("读取 mkdocs.yml 配置", self.config_file)

    def at(self, doing: str, file: str = "", page: Any = None) -> None:
        self.doing, self.file, self.page = doing, file, page


_build = _Build()


# --- Making again only what a save changed (`make serve` runs `mkdocs serve --dirty`) ---------------------------

@dataclass
class _Remade:
    """What the last good build was made from (macros.site.rebuild.Made; None: make every page), and what the
    running build is made from and which roles each page it writes links to."""

    made: Any = None
    now: Any = None
    links: dict[str, frozenset[str]] = field(default_factory=dict)
    every_page: bool = True
    # Each page's title and front matter as last made: MkDocs reads neither for a page it does not make again,
    # and the theme lists them (the navigation, the sitemap, which leaves drafts out by their front matter).
    heads: dict[str, tuple[Any, dict[str, Any]]] = field(default_factory=dict)

    def plan(self, files: Any, config: Any) -> None:
        from macros.site import later, rebuild

        from macros.site.engine import build_parts

        parts = build_parts(config)
        handbook = parts.handbook if parts is not None else None
        pages = {file.src_uri: file for file in files.documentation_pages()}
        made_from = (rebuild.signatures(_build.project), rebuild.roles_of(handbook)) if handbook else None
        again = rebuild.plan(self.made, *made_from, pages) if made_from else None
        self.now, self.links, self.every_page = made_from, {}, again is None
        rebuild.mark_stale(Path(config.site_dir), [pages[src].dest_uri for src in (pages if again is None else again)])
        # Made again in part: the files written whole (the search index, keeping the other pages' sections, and the
        # export) are written after the reload.
        later.set_partial(config.site_dir, again is not None)

    def noted(self, page: Any, html: str, config: Any) -> None:
        from macros.site import rebuild

        self.links[page.file.src_uri] = rebuild.linked_roles(html, page.file.src_uri, config.use_directory_urls)
        self.heads[page.file.src_uri] = (page.title, dict(page.meta))

    def restore_heads(self, files: Any) -> None:
        """The title and front matter of the pages this build does not make again, as they were last made."""
        for file in files.documentation_pages():
            page = file.page
            if page is not None and page.markdown is None and file.src_uri in self.heads:
                title, meta = self.heads[file.src_uri]
                page.markdown, page.meta = "", {**meta, **({"title": title} if title else {})}

    def good(self) -> None:
        """The build finished: the next one compares with it."""
        from macros.site import rebuild

        if self.now is None:
            self.made = None
            return
        links = self.links if self.every_page or self.made is None else {**self.made.links, **self.links}
        self.made, self.now = rebuild.Made(*self.now, links=links), None

    def failed(self) -> None:
        """A build that stopped half-way wrote some pages and not others: the next one makes every page."""
        self.made = self.now = None
        self.heads = {}


_remade = _Remade()


def _shown(path: str | os.PathLike, project: Path) -> str:
    """A path as a maintainer reads it: relative to the project where it is inside it."""
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(project).as_posix() if absolute.is_relative_to(project) else absolute.as_posix()


def _problem(file: str, line: int, column: int, message: str, field: str = "") -> dict[str, Any]:
    """A problem as the served pages read it: where, what, and the line the terminal prints for it. A problem of a
    whole file is at its line 1, column 1, as the data floor's are."""
    line, column = (line or 1, column or 1) if file else (0, 0)
    return {"file": file, "line": line, "column": column, "field": field, "message": message,
            "text": _text(file, line, column, field, message)}


def _text(file: str, line: int, column: int, field: str, message: str) -> str:
    """A problem as the project prints it: by the data floor's own ``Problem`` (mkdocs-macros has put the package
    on the path by the time a build has failed; this file is loaded from its path, not as part of it)."""
    if not file:
        return message  # what MkDocs warned of, as it said it
    try:
        from macros.data.problems import Problem
    except ImportError:
        return f"{file}:{line}:{column} {field} {message}".replace("  ", " ")
    return str(Problem(file, line, column, field, message))


def _template_place(error: BaseException, project: Path) -> tuple[str, int] | None:
    """Where in a template an error happened: in a page's text (mkdocs-macros renders it from a string, named
    "<template>") or in a template file of the project (overrides/, macros/site/templates/). Jinja puts the
    template's lines into the traceback; a syntax error carries its own."""
    from jinja2 import TemplateSyntaxError

    place = None
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        place = (error.filename or "<template>", error.lineno)
    for frame, line in traceback.walk_tb(error.__traceback__):
        name = frame.f_code.co_filename
        if name == "<template>" or (name.endswith((".html", ".j2")) and Path(name).is_relative_to(project)):
            place = (name, line)
    return place


def _front_matter_lines(page: Any) -> int:
    """How many lines of the page's file come before the text that mkdocs-macros renders."""
    try:
        source, text = page.file.content_string, page.markdown or ""
    except (AttributeError, OSError, UnicodeDecodeError):
        return 0
    return source[: len(source) - len(text)].count("\n") if text and source.endswith(text) else 0


def problems_of(failure: BaseException, build: _Build) -> tuple[list[dict[str, Any]], bool]:
    """The problems a rebuild failed on, and whether MkDocs has printed them (in this rebuild: it prints a
    message only once in a process)."""
    cause = build.error or failure
    if isinstance(failure, SystemExit) and build.error is None and failure.__context__ is not None:
        cause = failure.__context__  # mkdocs-macros exits on an error in a page; the error is its context
    found = getattr(cause, "problems", None)
    if found:  # the handbook's own checks (macros.site.engine.ProblemsError), which MkDocs prints
        problems = [{**{name: getattr(problem, name) for name in PROBLEM_FIELDS}, "text": str(problem)}
                    for problem in found]
        return problems, str(cause) in build.said
    if isinstance(cause, Abort) and build.logged:  # MkDocs stopped on what it logged (strict: true, mkdocs.yml)
        return [_problem(file, 0, 0, message) for file, message in build.logged], True
    if isinstance(cause, BuildError):  # another plugin's or hook's refusal, which MkDocs prints
        return [_problem(build.file, 0, 0, str(cause))], str(cause) in build.said
    # Anything else is one problem: where (the template line, else the file being worked on), what was being
    # done, and the error in its own words.
    place = _template_place(cause, build.project)
    file, line = build.file, 0
    if place and place[0] == "<template>" and build.page is not None:
        line = place[1] + _front_matter_lines(build.page)
    elif place and place[0] != "<template>":
        file, line = _shown(place[0], build.project), place[1]
    elif isinstance(getattr(cause, "filename", None), str) and cause.filename:
        file = _shown(cause.filename, build.project)
    doing = build.doing if file == build.file or not build.file else f"{build.doing}（{build.file}）"
    detail = " ".join(part.strip() for part in str(cause).splitlines())  # one line
    return [_problem(file, line, 1, f"{doing}时出错：{type(cause).__name__}: {detail}")], False


# --- The served copies of the last good site ----------------------------------------------------------------

class _LastGood:
    """Copies of the last good site in a private temporary folder: the server always answers from one, so
    the folder MkDocs empties and rewrites is never read. The copy before the current one is kept until the
    next good build, for requests that were already on their way to it."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="handbook-preview-"))  # mode 0700, a fresh random name
        self.copies: list[Path] = []  # the last two
        self.number = 0  # copies made
        self.written: dict[str, tuple[int, int]] = {}  # each file of the site at the last copy: size, time
        self.later: threading.Thread | None = None  # what a build left to write after the reload (write_later)
        self.requests = self.folder / "rebuild"  # a file written here makes MkDocs rebuild (see on_serve)
        self.requests.mkdir()

    @property
    def current(self) -> Path:
        return self.copies[-1]

    def keep(self, site: Path) -> Path:
        """A copy of the site just built. A file the build did not write again (same size and time) is linked to
        the previous copy's (copies are never written to): a save that changed one page copies that page."""
        self.number += 1
        copy = self.folder / str(self.number)  # a new name each time: an old copy may still be being removed
        previous, before = (self.copies[-1], self.written) if self.copies else (None, {})
        written: dict[str, tuple[int, int]] = {}
        for folder, _folders, files in os.walk(site):  # top-down: a folder's parent is made before it
            inside = os.path.relpath(folder, site)
            os.mkdir(copy / inside if inside != "." else copy)
            for name in files:
                rel = os.path.normpath(os.path.join(inside, name))
                stat = os.stat(os.path.join(folder, name))
                written[rel] = (stat.st_size, stat.st_mtime_ns)
                if previous is not None and before.get(rel) == written[rel]:
                    with contextlib.suppress(OSError):
                        os.link(previous / rel, copy / rel)
                        continue
                shutil.copy2(os.path.join(folder, name), copy / rel)
        self.written = written
        self.copies.append(copy)
        # Removed in the background: at 1,000 roles deleting a copy's 6,000 files takes a tenth of a second.
        old, self.copies = self.copies[:-2], self.copies[-2:]
        if old:
            threading.Thread(target=lambda: [shutil.rmtree(path, ignore_errors=True) for path in old],
                             name="handbook-old-copies", daemon=True).start()
        return copy

    def write_later(self, site: Path) -> None:
        """What a build that made only some pages again left to write (macros/site/later.py: the search index, the
        export), written after the reload into a fresh folder, then moved into the site and the served copy: each
        file, or folder of files, in one step."""
        from macros.site import later

        works = later.take(site)
        if not works:
            return
        served = self.current

        def run() -> None:
            fresh = Path(tempfile.mkdtemp(prefix="later-", dir=self.folder))
            try:
                for work in works:
                    work(fresh)
                for folder in sorted(fresh.iterdir()):  # search/, api/: their other files stay
                    for entry in sorted(folder.iterdir()):
                        for root in (site, served):
                            _move_in(entry, root / folder.name)
                        self._note(site, site / folder.name / entry.name)
            except Exception as error:  # noqa: BLE001 - the terminal says it in one line, the pages stay up
                log.error("%s 搜索索引或导出文件没有更新：%s", _clock(), error)
            finally:
                shutil.rmtree(fresh, ignore_errors=True)

        self.later = threading.Thread(target=run, name="handbook-after-reload", daemon=True)
        self.later.start()

    def _note(self, site: Path, path: Path) -> None:
        """``path`` of the site (a file or a folder) holds what the served copy holds: the next copy links it."""
        found = [path] if path.is_file() else [Path(folder, name) for folder, _, names in os.walk(path) for name in names]
        for file in found:
            info = file.stat()
            self.written[os.path.relpath(file, site)] = (info.st_size, info.st_mtime_ns)

    def wait_for_later(self) -> None:
        """The next build writes into the same folder: what the one before left goes in first."""
        if self.later is not None:
            self.later.join()
            self.later = None

    def show(self, problems: list[dict[str, Any]]) -> None:
        """The problems the open pages show (none: no banner), replaced in one step."""
        with contextlib.suppress(OSError):  # a full disk: the terminal still says it
            write_problems(self.current, problems)

    def request_rebuild(self) -> None:
        """Make the server rebuild, through its own watch of :attr:`requests`."""
        for old in self.requests.iterdir():
            old.unlink(missing_ok=True)
        (self.requests / str(time.monotonic_ns())).touch()


def _move_in(entry: Path, folder: Path) -> None:
    """A copy of ``entry`` (a file, or a folder of files) in ``folder`` under its name, replacing what was there in
    one step: a request never reads half of it. Copied, not moved: it goes into two folders."""
    target, staged = folder / entry.name, folder / f".{entry.name}.next"
    folder.mkdir(parents=True, exist_ok=True)
    if entry.is_dir():
        shutil.rmtree(staged, ignore_errors=True)
        shutil.copytree(entry, staged)
        with contextlib.suppress(FileNotFoundError):
            os.replace(target, folder / f".{entry.name}.old")
        os.replace(staged, target)
        shutil.rmtree(folder / f".{entry.name}.old", ignore_errors=True)
    else:
        shutil.copy2(entry, staged)
        os.replace(staged, target)


def write_problems(site: Path, problems: list[dict[str, Any]]) -> None:
    target = site / PROBLEMS_FILE
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps({"problems": problems}, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, target)


class _CollectLogged(logging.Handler):
    """What reaches the terminal from MkDocs: its warnings (strict: true stops the build on them with no more than
    a count) and its configuration errors are the problems of a rebuild that stops on them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(("mkdocs.livereload", log.name)):
            return  # requests the server answers; this file's own lines
        message = record.getMessage()
        _build.said.add(message)
        if record.name.startswith("mkdocs.config"):
            _build.logged.append((_build.config_file, message))
        elif record.levelno == logging.WARNING:
            _build.logged.append(("", message))


def _clock() -> str:
    return time.strftime("[%H:%M:%S]")


def _report(problems: list[dict[str, Any]], printed: bool, kept: _LastGood) -> None:
    """A failed rebuild: its problems in the terminal (unless MkDocs printed them) and on every page."""
    if not printed:
        for problem in problems:
            log.error("%s", problem["text"])
    kept.show(problems)
    log.error("%s 预览未更新：有 %d 处问题（见上）。浏览器里仍是上一次成功生成的页面，每页顶部列出这些问题；"
              "改好并保存后会自动更新。", _clock(), len(problems))


def guard(server: Any, builder: Callable[..., None], kept: _LastGood, site: Path,
          watched: list[str]) -> Callable[..., None]:
    """The server's builder (which builds into ``site``), made unable to stop the server or to take the last good
    pages down; ``watched``: what MkDocs watches (a folder of it gone is said as such, not as MkDocs' error)."""

    def guarded(*args: Any, **kwargs: Any) -> None:
        started = time.monotonic()
        _build.begin()
        with answering_during_rebuild(server):
            missing = [path for path in watched if not os.path.exists(path)]
            if missing:
                _report([_problem(_shown(path, _build.project), 0, 0, "找不到这个文件夹或文件（可能在切换分支时被删除或"
                                  "移走）：放回原处后预览会自动更新。") for path in missing], printed=False, kept=kept)
                return
            try:
                kept.wait_for_later()
                builder(*args, **kwargs)
                server.root = str(kept.keep(site))
                kept.write_later(site)
                _remade.good()
            except KeyboardInterrupt:
                raise
            except BaseException as error:  # noqa: BLE001 - SystemExit from mkdocs-macros included
                _remade.failed()
                try:
                    problems, printed = problems_of(error, _build)
                except Exception as unexpected:  # noqa: BLE001 - never a traceback from serve
                    problems, printed = [_problem(_build.file, 0, 0, f"{_build.doing}时出错：{unexpected!r}")], False
                _report(problems, printed, kept)
                return
        log.info("%s 预览已更新（用时 %.1f 秒）。", _clock(), time.monotonic() - started)

    return guarded


# --- Watching again what comes back ---------------------------------------------------------------------------

def _rewatch_handler(server: Any, watched: set[str], kept: _LastGood) -> Any:
    """A handler for the folders that hold what MkDocs watches: a watched folder or file that disappears makes
    the server rebuild (the pages then say what is missing); one that comes back is watched again (watchdog
    stops watching a path that is gone) and rebuilt from."""
    from watchdog.events import FileSystemEventHandler

    class Rewatch(FileSystemEventHandler):
        def on_any_event(self, event: Any) -> None:
            if event.event_type not in ("created", "deleted", "moved"):
                return
            touched = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")} & watched
            if not touched:
                return
            for path in touched:
                if os.path.exists(path):
                    with contextlib.suppress(KeyError, OSError):
                        server.unwatch(path)
                        server.watch(path)
            kept.request_rebuild()

    return Rewatch()


# --- The terminal: the problems and one line per rebuild ---------------------------------------------------

class _OnlyTheAddress(logging.Filter):
    """The live-reload server's own lines, but for the address it serves on (and its warnings): the guarded
    builder says one line per rebuild."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or "Serving on " in record.getMessage()


class _NotTheDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build that its navigation may be inaccurate: true of the pages it does not make
    again, which is why the preview decides which those are (macros.site.rebuild). Under ``strict: true`` the
    warning would also stop the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _quiet_terminal() -> None:
    build = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(existing, _NotTheDirtyWarning) for existing in build.filters):
        build.addFilter(_NotTheDirtyWarning())
    logging.getLogger("mkdocs.commands").setLevel(logging.WARNING)  # Building…, Cleaning…, built in …
    logging.getLogger("mkdocs.plugins").setLevel(logging.WARNING)  # mkdocs-macros' [macros] lines, review dates
    # mkdocs-macros' own report of an error in a page (with a traceback): the guarded builder says it in one line.
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.ERROR)
    livereload = logging.getLogger("mkdocs.livereload")
    if not any(isinstance(existing, _OnlyTheAddress) for existing in livereload.filters):
        livereload.addFilter(_OnlyTheAddress())


# --- MkDocs events ----------------------------------------------------------------------------------------------

def on_startup(command: str, dirty: bool) -> None:
    # "serve" exactly when MkDocs builds the preview with draft_docs (`mkdocs serve --clean` says "build").
    _build.serving = command == "serve"
    _build.dirty = _build.serving and dirty
    if _build.serving:
        _quiet_terminal()
        logging.getLogger("mkdocs").addHandler(_CollectLogged())


@event_priority(100)  # before mkdocs-macros reads the data (define_env)
def on_config(config: Any) -> None:
    _build.project = Path(os.path.abspath(config.config_file_path)).parent
    _build.config_file = _shown(config.config_file_path, _build.project)
    _build.docs = _shown(config.docs_dir, _build.project)
    _build.at("读取并检查数据和页面", "data/")


@event_priority(-100)  # after every other plugin has added or removed files
def on_files(files: Any, config: Any) -> Any:
    _build.at("找出这次保存影响的页面")
    if _build.dirty:
        _remade.plan(files, config)
    return files


def on_post_page(output: str, page: Any, config: Any) -> str:
    if _build.dirty:
        _remade.noted(page, output, config)
    return output


def on_env(env: Any, config: Any, files: Any) -> None:
    """The theme's templates compiled once (MkDocs makes a new theme environment for every build and rebuild);
    under serve, every page loads the banner's script (overrides/partials/preview.html)."""
    from macros.site.render import compiled_templates

    _build.at("复制脚本、样式和图片等文件")
    env.bytecode_cache = compiled_templates("theme")
    if _build.dirty:
        _remade.restore_heads(files)
    if _build.serving:
        env.globals["handbook_preview"] = PROBLEMS_FILE


def on_pre_page(page: Any, config: Any, files: Any) -> None:
    _build.at("生成页面", f"{_build.docs}/{page.file.src_uri}", page)


@event_priority(100)
def on_pre_template(template: Any, template_name: str, config: Any) -> None:
    _build.at("套用主题模板", template_name)  # the pages the theme makes itself: 404.html, sitemap.xml


@event_priority(100)
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> None:
    _build.at("套用主题模板", f"{_build.docs}/{page.file.src_uri}")


@event_priority(100)  # before the other steps after the pages
def on_post_build(config: Any) -> None:
    _build.at("写出导出文件、链接预览图和搜索索引")
    if _build.serving:
        write_problems(Path(config.site_dir), [])  # a good build: no banner


def on_build_error(error: Exception) -> None:
    _build.error = error


# MkDocs runs this after the plugins' own `on_serve`: the builder it wraps is the one the server calls.
_kept: list[_LastGood] = []


def on_serve(server: Any, config: Any, builder: Callable[..., None]) -> Any:
    site, kept = Path(config.site_dir), _LastGood()
    _kept.append(kept)
    _stop_on_terminate()
    server.root = str(kept.keep(site))
    _remade.good()  # the first build (MkDocs serves only after it succeeded)
    # What MkDocs watches: the configuration file first (its errors are said as its own), the pages, config.watch.
    watched = list(dict.fromkeys(os.path.abspath(path) for path in (config.config_file_path, config.docs_dir,
                                                                     *config.watch) if path))
    server.builder = guard(server, server.builder, kept, site, watched)
    # MkDocs' 404 page from the served copy (MkDocs reads it from the folder it is rewriting).
    server.error_handler = lambda code: _error_page(Path(server.root), code)
    server.watch(str(kept.requests))
    handler = _rewatch_handler(server, set(watched), kept)
    for parent in sorted({os.path.dirname(path) for path in watched}):
        server.observer.schedule(handler, parent, recursive=False)
    return server


def _stop_on_terminate() -> None:
    """`kill`, a closed terminal session or a process manager stop the preview as Ctrl+C does: MkDocs then shuts
    the server down and on_shutdown removes the copies in the temporary folder (by default SIGTERM ends Python
    at once, and they stayed there). Only where nobody else has chosen what SIGTERM does."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(number: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _error_page(site: Path, code: int) -> bytes | None:
    page = site / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def on_shutdown() -> None:
    # MkDocs calls this in a `finally`: a first build that failed (the server never started) is still on its way.
    failure = sys.exc_info()[1]
    if _build.serving and not _kept and failure is not None and not isinstance(failure, KeyboardInterrupt):
        _not_started(failure)
    while _kept:
        kept = _kept.pop()
        kept.wait_for_later()
        shutil.rmtree(kept.folder, ignore_errors=True)


def _not_started(failure: BaseException) -> None:
    """The first build failed: its problems in the terminal, one line each, and no traceback."""
    try:
        problems, printed = problems_of(failure, _build)
    except Exception:  # noqa: BLE001 - never a traceback from serve
        problems, printed = [_problem(_build.file, 0, 0, f"{_build.doing}时出错：{failure!r}")], False
    if not printed:
        for problem in problems:
            log.error("%s", problem["text"])
    log.error("预览没有启动：有 %d 处问题（见上）；改好后再运行 make serve。", len(problems))
    sys.excepthook = lambda *_exc: None  # Python would print the error again, with its traceback
