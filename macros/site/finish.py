"""The build's last step, after every page is written, the same under both engines: the search index
(:mod:`.search_index`, from the sections the pages gave it), the machine-readable export and the redirects
(:func:`.export.write_site_extras`), the link-preview cards (:mod:`.cards`), and the check that every local
address a page references exists (:class:`.published.PublishedPages`).

* MkDocs runs it from ``on_post_build`` (``macros.on_post_build``), with the cards and addresses its page events
  collected;
* Zensical calls no MkDocs event: ``python -m macros zensical`` builds with Zensical (``zensical.yml``: the same
  mkdocs.yml, into ``site-zensical/``), then runs it with the cards the pages' Markdown noted
  (:mod:`.zensical_html`) and the addresses read from the written pages.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import asdict
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..data.messages import ERROR, say
from ..data.models import Handbook
from ..data.private import private_folder
from .cards import CARD_DIR, Card
from .export import write_site_extras
from .published import PublishedPages
from .search_index import PageSections, SearchIndexError

ZENSICAL_CONFIG = "zensical.yml"  # INHERIT: mkdocs.yml, plus site_dir and the Markdown extensions
ZENSICAL_SITE = "site-zensical"
CARD_NOTES = "zensical-cards"  # under the project's private .cache/: one card per page, noted while rendering
_OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]*)"')
_CARD = re.compile(re.escape(CARD_DIR) + r"/.+\.png$")


def finish(handbook: Handbook, conf: Any, published: PublishedPages, search: PageSections | None = None) -> None:
    """The search index (under MkDocs: Zensical's site keeps Zensical's own search), export and redirects, then
    cards, then the address check (which sees the export and redirects)."""
    if search is not None:
        from mkdocs.exceptions import PluginError

        try:
            search.write()
        except SearchIndexError as error:
            raise PluginError(str(error)) from None  # printed alone, without a traceback
    write_site_extras(handbook, Path(conf["site_dir"]), conf)
    published.on_post_build(conf)


def note_card(root: Path, card: Card) -> None:
    """Keep what a page's card shows, for :func:`finish_zensical` (a page's Markdown is rendered in Zensical's
    process; the last step runs in the project's)."""
    folder = private_folder(root, CARD_NOTES)
    if folder is not None:
        name = card.path.removeprefix(CARD_DIR + "/").replace("/", "__") + ".json"
        (folder / name).write_text(json.dumps(asdict(card), ensure_ascii=False), encoding="utf-8")


def written_pages(site: Path) -> dict[str, str]:
    """Every HTML file of a built site, by its path from the site's root (before redirects are written)."""
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(site.rglob("*.html"))}


def finish_zensical(root: Path, site: Path) -> None:
    """The last step for a site Zensical wrote: the same :func:`finish` MkDocs runs."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from ..data.read import load_handbook
    from .engine import make_config_inert, site_options

    if not (site / "index.html").is_file():
        raise MkDocsException(say("finish_no_site", path=site))
    conf = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    make_config_inert(conf)  # as define_env does, so that the export is the same file under both engines
    handbook = load_handbook(root).handbook
    root_path = "/" + urlsplit(conf.get("site_url") or "/").path.strip("/") + "/"
    published = PublishedPages(card_cache=site_options(conf).card_cache, root_path=root_path.replace("//", "/"))
    notes = private_folder(root, CARD_NOTES)
    shown: set[str] = set()
    for dest, html in written_pages(site).items():
        if dest != "404.html":  # checked by PublishedPages itself, as a theme template
            published.on_post_page(html, _Written(dest))
        # Zensical's templates write "/" in an attribute as "&#x2f;"
        shown.update(card.group() for value in _OG_IMAGE.findall(html) if (card := _CARD.search(unescape(value))))
    for path in sorted(shown):
        note = notes / (path.removeprefix(CARD_DIR + "/").replace("/", "__") + ".json") if notes else None
        if note is None or not note.is_file():
            raise MkDocsException(say("finish_card_missing", path=path, notes=CARD_NOTES))
        published.cards.append(Card(**json.loads(note.read_text(encoding="utf-8"))))
    finish(handbook, conf, published)


class _Written:
    """A written page as :meth:`PublishedPages.on_post_page` reads it."""

    def __init__(self, dest_uri: str) -> None:
        self.file = self
        self.dest_uri = dest_uri


def build_zensical(root: Path, zensical: str = "zensical") -> int:
    """``zensical build`` of zensical.yml (the project importable for its macros and extensions), then
    :func:`finish_zensical`. Zensical's own traceback is replaced by the error it reports."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(root), os.environ.get("PYTHONPATH")))))
    run = subprocess.run([zensical, "build", "--clean", "-f", ZENSICAL_CONFIG], cwd=root, env=env,
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(ERROR + say("zensical_failed", reason=_zensical_error(run.stderr + run.stdout)), file=sys.stderr)
        return 1
    status = run_finish(root, root / ZENSICAL_SITE)
    if status == 0:
        print(say("zensical_built", path=ZENSICAL_SITE))
    return status


def run_finish(root: Path, site: Path) -> int:
    """:func:`finish_zensical` for the command line: what stops it (a data problem, a file a page references
    that was not written, the fonts of the cards) is printed as MkDocs would print it, without a traceback."""
    from mkdocs.exceptions import MkDocsException

    from ..data.read import HandbookError

    try:
        finish_zensical(root, site)
    except HandbookError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except MkDocsException as error:
        print(ERROR + str(error), file=sys.stderr)
        return 1
    return 0


def _zensical_error(output: str) -> str:
    """The message of Zensical's failure without its traceback: the lines after the last ``…Error: ``."""
    lines = output.strip().splitlines()
    for index in range(len(lines) - 1, -1, -1):
        if re.match(r"^(RuntimeError|[A-Za-z]+Error): ", lines[index]):
            kept = [re.sub(r"^(?:Python error: )?(?:[A-Za-z]+Error: )?", "", lines[index].split(": ", 1)[1])]
            kept += [line for line in lines[index + 1:] if not line.startswith((" ", "Traceback"))]
            return "\n".join(kept)
    return "\n".join(lines[-5:])
