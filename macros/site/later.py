"""Files a preview rebuild writes after the browser has reloaded.

A save under ``make serve`` that makes only some pages again (macros/site/rebuild.py) still changes files that are
written whole from every page or record: the search index, the export's JSON and CSV. At 1,000 roles they take
longer than the page that changed, so such a build is *partial*: the steps that write them leave a function of the
folder to write into instead of writing, and the preview (macros/site/preview.py) runs them in the background after
the reload, into a fresh folder laid out like the site, and moves what they wrote into place. A reader who opens
the search or the comparison page in the first second after a save still sees the files before it.

Outside ``serve`` no build is partial: every step writes at once.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

Work = Callable[[Path], object]  # writes its files into the given folder, laid out as the site

_PARTIAL: set[str] = set()
_WORK: dict[str, list[Work]] = {}


def _key(site_dir: Any) -> str:
    return os.path.abspath(site_dir)


def set_partial(site_dir: Any, partial: bool) -> None:
    """Whether the build now running into ``site_dir`` makes only some pages again (set by the preview's plan, as
    the build starts: what an earlier build that then failed left is dropped, this one writes it again)."""
    (_PARTIAL.add if partial else _PARTIAL.discard)(_key(site_dir))
    _WORK.pop(_key(site_dir), None)


def is_partial(site_dir: Any) -> bool:
    return _key(site_dir) in _PARTIAL


def write_or_defer(site_dir: Any, work: Work) -> None:
    """Run ``work`` into the site now, or, in a partial build, leave it for the preview to run after the reload
    (a later call for the same site replaces nothing: each work runs, in order)."""
    if is_partial(site_dir):
        _WORK.setdefault(_key(site_dir), []).append(work)
    else:
        work(Path(site_dir))


def take(site_dir: Any) -> list[Work]:
    """The work the last build of ``site_dir`` left, handed over once."""
    return _WORK.pop(_key(site_dir), [])
