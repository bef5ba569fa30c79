"""MkDocs event hooks (``hooks:`` in mkdocs.yml): the steps that need a page's HTML or the written site rather
than its Markdown.

Loaded by MkDocs from this file's path, before the package is: it asks the package, once a build has loaded it,
for what ``macros.define_env`` made for this build (``macros.site.engine.build_parts``: the glossary matcher and
the build's :class:`~macros.site.published.PublishedPages`).
"""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from mkdocs.plugins import event_priority


# What lives for the whole build — the loaded and validated data, what is kept of earlier builds under serve,
# MkDocs' files — is kept out of the cyclic garbage collector's rounds until the build ends: at 1,000 roles
# scanning it again and again took 6 s of a 62 s build (`make bench`), the difference from plain MkDocs.
@event_priority(-100)  # after the data is loaded and every file is listed
def on_files(files: Any, config: Any) -> Any:
    gc.freeze()
    return files


@event_priority(-100)  # the last step of the build
def on_post_build(config: Any) -> None:
    gc.unfreeze()


def on_build_error(error: Exception) -> None:
    gc.unfreeze()


def _parts(config: Any) -> Any:
    """What the build's start made for these hooks (``macros.site.engine.build_parts``; the package is on the path
    once mkdocs-macros has loaded it); None in a plain MkDocs build of the same pages."""
    try:
        from macros.site.engine import build_parts
    except ImportError:
        return None
    return build_parts(config)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Give every glossary term in the page's running text its tooltip (see ``macros.site.tooltips``)."""
    parts = _parts(config)
    matcher = parts.term_matcher if parts is not None else None
    return matcher.annotate(html) if matcher is not None else html


@event_priority(50)  # before Material's search plugin (priority 0) takes the page
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """The page's sections for the handbook's search index, its link-preview card (``macros.site.cards``) before
    the page template prints og:image, and the contents without the English names in brackets."""
    parts = _parts(config)
    if parts is not None and parts.search is not None:
        _index_page(parts.search, page, config)
    published = parts.published if parts is not None else None
    if published is not None:
        published.on_page_context(page, config)
    _shorten_contents(page.toc)
    return context


def _index_page(search: Any, page: Any, config: Any) -> None:
    """Hand the page's sections to the handbook's index (``macros.site.search_index``, written by the build's last
    step), then leave the page out of Material's own index with its documented front matter, ``search: exclude``:
    Material's plugin stays for its search box, keyboard and highlighting and writes only its settings (a hundred
    bytes, fetched as a page opens), never an index of every word of every page."""
    from mkdocs.exceptions import PluginError

    from macros.site.search_index import SearchIndexError

    where = Path(os.path.relpath(config["docs_dir"], Path(config["config_file_path"]).parent),
                 page.file.src_path).as_posix()
    try:
        search.add(page.url, page.content or "", page.meta, str(page.title or ""), where)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None  # MkDocs prints the message alone and stops
    settings = page.meta.get("search")
    page.meta["search"] = {**(settings if isinstance(settings, dict) else {}), "exclude": True}


# "初级项目经理（Junior Project Manager）": the English name in brackets doubles an entry of the contents on a
# phone and in the sidebar; the heading keeps it. An abbreviation in brackets, "（CI/CD）", stays.
_ENGLISH_IN_BRACKETS = re.compile(r"\s*（(?=[^（）]*[a-z])[\x20-\x7e]{4,}）$")


def _shorten_contents(items: Any) -> None:
    for item in items:
        short = _ENGLISH_IN_BRACKETS.sub("", item.title)
        if short:
            item.title = short
        _shorten_contents(item.children)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Note every local address the written page references."""
    parts = _parts(config)
    published = parts.published if parts is not None else None
    if published is not None:
        published.on_post_page(output, page)
    return output


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The 404 page is served at any depth, under any path: its addresses are relative to the <base> its first
    script sets (``overrides/404.html``), not absolute under site_url's path as MkDocs makes them."""
    if template_name == "404.html":
        # Only the segments the page's script accepts too: a root like "//host/" is another host to a browser.
        names = [unquote(part) for part in urlsplit(config.get("site_url") or "/").path.split("/")]
        context["configured_root"] = "/" + "".join(quote(name, safe="") + "/" for name in names
                                                   if name not in ("", ".", "..") and not set(name) & set("/\\:"))
        context["base_url"] = "."
        # The site's top-level folders: those of the pages (MkDocs writes this page first) and the generated ones.
        docs = Path(config["docs_dir"])
        context["top_folders"] = sorted(({entry.stem for entry in docs.iterdir() if not entry.name.startswith(".")}
                                        | {"api", "search"}) - {"index"})
    return context


# The cards are drawn and the addresses checked by the build's last step, the same under MkDocs and Zensical
# (macros/site/finish.py), which macros.on_post_build runs.
