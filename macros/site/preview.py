"""``mkdocs serve``: a mistake stops nothing; the terminal shows it and the last good pages stay up.

MkDocs 1.6's server rebuilds into the folder it serves (emptied first), and a rebuild that raises — an
orphan role page, a template error in a page (mkdocs-macros then exits with 100, which ends the server),
data that ``check`` rejects — leaves that folder half written and every later request waiting for a build
that succeeds. This file is a MkDocs hook (``hooks:`` in mkdocs.yml); its ``on_serve`` wraps the server's
builder:

* the server answers from a copy of the last good site, also while a rebuild runs (no request waits);
* a rebuild that fails is reported in one line and the copy stays served; nothing propagates;
* a rebuild that succeeds is served and becomes the new last good copy.

The server's waiting is driven by two private counters of ``mkdocs.livereload`` (MkDocs is pinned); where
they are missing, requests simply wait for the rebuild as before.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable


class _LastGood:
    """Copies of the last good site in a private temporary folder: the server always answers from one, so
    the folder MkDocs empties and rewrites is never read. The copy before the current one is kept until the
    next good build, for requests that were already on their way to it."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="handbook-preview-"))  # mode 0700, a fresh random name
        self.copies: list[Path] = []

    @property
    def current(self) -> Path:
        return self.copies[-1]

    def keep(self, site: Path) -> Path:
        copy = self.folder / str(len(self.copies) + 1)
        shutil.copytree(site, copy)
        self.copies.append(copy)
        for old in self.copies[:-2]:
            shutil.rmtree(old, ignore_errors=True)
        return copy


def _settle(server: Any) -> None:
    """Let requests be answered now (the server would make them wait until the rebuild ends)."""
    condition = getattr(server, "_epoch_cond", None)
    if condition is None or not hasattr(server, "_visible_epoch"):
        return
    with condition:
        server._wanted_epoch = server._visible_epoch
        condition.notify_all()


def _announce(server: Any) -> None:
    """Make the server tell browsers to reload once this rebuild returns."""
    from mkdocs import livereload

    stamp = getattr(livereload, "_timestamp", None)
    condition = getattr(server, "_epoch_cond", None)
    if stamp is not None and condition is not None:
        with condition:
            server._wanted_epoch = stamp()


def _describe(error: BaseException, project: Path) -> str:
    """An error in a maintainer's words: where (file:line) for a template error, else its kind and text."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename and line:
        path = Path(filename)
        where = path.relative_to(project).as_posix() if path.is_relative_to(project) else path.as_posix()
        return f"{where}:{line}: {getattr(error, 'message', None) or error}"
    return f"{type(error).__name__}: {error}"


def guard(server: Any, builder: Callable[..., None], project: Path) -> tuple[Callable[..., None], _LastGood]:
    """The server's builder, made unable to stop the server or to take the last good pages down."""
    site = Path(server.root)
    kept = _LastGood()
    server.root = str(kept.keep(site))

    def guarded(*args: Any, **kwargs: Any) -> None:
        _settle(server)
        try:
            builder(*args, **kwargs)
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # noqa: BLE001 - SystemExit from mkdocs-macros included
            from mkdocs.exceptions import Abort

            # MkDocs and mkdocs-macros have printed what went wrong; anything else is named here.
            detail = "" if isinstance(error, (SystemExit, Abort)) else f" ({_describe(error, project)})"
            print(f"ERROR   -  the rebuild failed{detail}; the preview still shows the last good pages "
                  "until the problem above is fixed.", file=sys.stderr, flush=True)
            return
        server.root = str(kept.keep(site))
        _announce(server)

    return guarded, kept


# MkDocs runs this file as a hook (``hooks:`` in mkdocs.yml), after the plugins' own ``on_serve``: the
# builder it wraps is the one mkdocs-macros has registered for its watched folders.
_kept: list[_LastGood] = []


def on_serve(server: Any, config: Any, builder: Callable[..., None]) -> Any:
    project = Path(config.config_file_path).resolve().parent
    server.builder, kept = guard(server, server.builder, project)
    _kept.append(kept)
    return server


def on_shutdown() -> None:
    while _kept:
        shutil.rmtree(_kept.pop().folder, ignore_errors=True)
