"""The one module that knows MkDocs' page and configuration objects (Zensical offers the same ``page.meta``,
``page.file.src_uri`` and ``config`` keys): the rest of ``macros.site`` works with plain values.

* :class:`SiteOptions`: the handbook's settings under ``extra:`` in mkdocs.yml, typed and checked;
* :class:`ProblemsError`: the problems a build stops on, as MkDocs' error and as records for the preview;
* :func:`apply_head`: what :mod:`.seo` says about a page, put where the page template (``overrides/main.html``)
  reads it;
* :func:`make_meta_inert`, :func:`make_config_inert`: front matter and settings the theme prints raw, escaped
  once;
* :func:`place_under_index`: the navigation context of pages that are not listed in the navigation.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from pydantic import BaseModel, ConfigDict, ValidationError

from ..data.problems import Problem
from .seo import Head, inert_url


class SiteOptions(BaseModel):
    """``extra:`` keys of mkdocs.yml that the handbook reads (other keys belong to the theme)."""

    model_config = ConfigDict(frozen=True, extra="ignore", strict=True)

    # "Edit this page" on a role page opens its YAML: repo_url + data_edit_uri + data/roles/<slug>.yaml.
    data_edit_uri: str | None = None
    # Keep drawn link-preview cards in .cache/cards and draw only those whose text changed (macros.site.cards).
    card_cache: bool = True


_EXPECTED = {"bool_type": "true or false", "string_type": "text, e.g. edit/main/"}


class ProblemsError(PluginError):
    """The build stops on these problems (MkDocs prints the text); ``mkdocs serve`` also shows each one at the top
    of every page (``macros/site/preview.py`` reads ``problems``: the records, not the text)."""

    def __init__(self, text: str, problems: Iterable[Problem]) -> None:
        super().__init__(text)
        self.problems = tuple(problems)


class OptionsError(ValueError):
    """mkdocs.yml's ``extra:`` has a handbook setting of the wrong kind."""


def site_options(conf: Any) -> SiteOptions:
    """The handbook's settings of this build; :class:`OptionsError` names each wrong one."""
    try:
        return SiteOptions.model_validate(dict(conf.get("extra") or {}))
    except ValidationError as error:
        lines = [f"mkdocs.yml: extra.{'.'.join(map(str, item['loc']))}: expected "
                 f"{_EXPECTED.get(item['type'], item['msg'])}, got {item['input']!r}"
                 for item in error.errors(include_url=False)]
        raise OptionsError("\n".join(lines)) from None


def apply_head(page: Any, head: Head) -> None:
    """A page's description (front matter wins), structured data, link-preview card text and edit link."""
    meta = page.meta
    if head.description is not None:
        meta.setdefault("description", escape(head.description))  # Material prints it raw into an attribute
    if head.json_ld is not None:
        meta["json_ld"] = head.json_ld
    if head.title_en is not None:
        meta.setdefault("title_en", head.title_en)
    if head.card_kicker is not None:
        meta.setdefault("card_kicker", head.card_kicker)
    if head.edit_url is not None:
        page.edit_url = head.edit_url
    if head.feed is not None:
        meta["feed_title"], meta["feed_url"] = head.feed  # printed by overrides/main.html, escaped (make_meta_inert)
    if head.unlisted:
        # Read by overrides/main.html (robots), Material's search (search.exclude), overrides/sitemap.xml and
        # the link-preview cards (macros.site.published).
        meta.update(search={"exclude": True}, unlisted=True)


# Front matter keys Material prints without escaping, into the head or into every page's navigation (subtitle)
# or a class attribute (status): printed as text whatever their type (a list prints its strings raw).
_PRINTED_RAW = ("title", "description", "author", "subtitle", "status", "revision_date",
                "git_revision_date_localized", "git_creation_date_localized")
# Printed escaped by the handbook's own template and drawn as plain text on the card (macros.site.cards).
_PLAIN_TEXT = ("title_en", "card_kicker")


def make_meta_inert(page: Any) -> None:
    """Escape, once, every front matter string (the theme prints many raw: the head, every page's navigation),
    make the edit link a well-formed address, and drop structured data the handbook did not make: a page's
    front matter or file name can then never put markup into any page.

    Escaped text is :class:`~markupsafe.Markup`, so escaping it again (``| e`` in a template) changes nothing;
    JSON-LD is kept only as :func:`~macros.site.render.json_for_script` made it (Markup too)."""
    meta = page.meta
    for key, value in meta.items():
        if value is not None and (key in _PRINTED_RAW or (isinstance(value, str) and key not in _PLAIN_TEXT)):
            meta[key] = escape(value if isinstance(value, str) else str(value))
    if "title" in meta and isinstance(page.title, str):
        page.title = escape(page.title)  # mkdocs-macros renders a title with {{ }} into page.title, not meta
    if isinstance(page.edit_url, str):
        page.edit_url = escape(inert_url(page.edit_url))  # the file's name is in it: `"><img …>.md`
    if "json_ld" in meta and not isinstance(meta["json_ld"], Markup):
        del meta["json_ld"]


# Site settings Material prints raw: names as text, addresses as well-formed URLs (SITE_URL comes from the
# environment). The copyright is left as it is: it is HTML by design (Material's `copyright:`).
_CONFIG_TEXT = ("site_name", "site_description", "site_author", "repo_name")
_CONFIG_URLS = ("site_url", "repo_url")


def make_config_inert(conf: Any) -> None:
    """Escape the site's names and make its addresses well-formed, once per build, before any page is made
    (every page's canonical URL, og:image and the export are made from ``site_url``)."""
    for key in _CONFIG_TEXT:
        if isinstance(conf.get(key), str):
            conf[key] = escape(conf[key])
    for key in _CONFIG_URLS:
        if isinstance(conf.get(key), str):
            conf[key] = inert_url(conf[key])


def place_under_index(page: Any, nav: Any, index_src: str) -> None:
    """Role and track pages are not in the navigation (it would list every one on every page): give such a
    page the section of its index page as its parent, so its tab is highlighted and the breadcrumb reads
    首页 › 岗位 (or 职业发展). MkDocs marks a page's parents active while the page is written and clears them
    afterwards."""
    if nav is None or page.parent is not None:
        return
    for item in nav.pages:
        if item.file.src_uri == index_src:
            page.parent = item.parent
            return


# The engines the handbook builds under: MkDocs 1.6 (mkdocs-macros is a plugin, define_env runs once per build)
# and Zensical (mkdocs-macros is a Markdown extension, define_env runs for every page). The macros ask the
# adapter, never the engine's objects, for the page's source path, its metadata and the site's settings.
class Engine:
    """MkDocs 1.6 (and its fork ProperDocs): the page is a ``mkdocs.structure.pages.Page``."""

    name = "mkdocs"
    per_page = False  # define_env runs once per build (and once per rebuild under serve)
    html_from_source = False  # relative URLs in raw HTML are left as written: relative to the page's URL

    def page_src(self, page: Any) -> str:
        """The page's source path under docs_dir, with forward slashes (``roles/project-manager.md``)."""
        return page.file.src_uri

    def page_meta(self, page: Any) -> dict[str, Any]:
        return page.meta

    def place_under_index(self, page: Any, nav: Any, index_src: str) -> None:
        place_under_index(page, nav, index_src)


class ZensicalEngine(Engine):
    """Zensical: the page is ``zensical.extensions.context.Page`` (``path``, ``url``, ``meta``); there is no
    navigation object while a page's Markdown is rendered, and no page event after it."""

    name = "zensical"
    per_page = True
    # Zensical reads relative URLs in raw HTML from the page's source file, as Markdown links, and makes them
    # relative to the page's URL (zensical/zensical#258, #571); a link to a ``.md`` file becomes a page's URL.
    html_from_source = True

    def page_src(self, page: Any) -> str:
        return str(page.path).replace("\\", "/")

    def place_under_index(self, page: Any, nav: Any, index_src: str) -> None:
        return None  # Zensical gives macros no navigation: its breadcrumbs are its own (maintainers' page)


def engine_of(env: Any) -> Engine:
    """The adapter for the engine that made ``env`` (mkdocs-macros' plugin, or Zensical's macros extension)."""
    return ZensicalEngine() if type(env).__module__.startswith("zensical.") else Engine()


# One loaded handbook per content of the files it is made from: Zensical runs define_env for every page, and
# loading and validating data/ takes seconds. Keyed by the bytes of data/, of the pages and of the git HEAD
# (each role's 变更记录 comes from git), so an edit is never served stale.
_LOADED: dict[str, Any] = {}


def content_key(root: Any) -> str:
    """A digest of everything a load reads: data/ and handbook/ (names and bytes) and the commit checked out."""
    import hashlib
    from pathlib import Path

    root = Path(root)
    digest = hashlib.sha256()
    for folder in ("data", "handbook"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and (folder == "data" or path.suffix == ".md"):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    head = root / ".git" / "HEAD"
    if head.is_file():
        ref = head.read_text(encoding="utf-8").strip()
        digest.update(ref.encode())
        if ref.startswith("ref: ") and (root / ".git" / ref[5:]).is_file():
            digest.update((root / ".git" / ref[5:]).read_bytes())
    return digest.hexdigest()


def once_per_content(engine: Engine, root: Any, load: Any) -> Any:
    """``load()`` once per build under MkDocs; under Zensical once per content of data/ (see :func:`content_key`)."""
    if not engine.per_page:
        return load()
    key = content_key(root)
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = load()
    return _LOADED[key]


def loaded_build() -> Any:
    """The build loaded last under Zensical (for its Markdown extensions, which run after the macros), or None."""
    return next(iter(_LOADED.values()), None)


# --- What a build's later steps take from its start --------------------------------------------------------------

@dataclass(frozen=True)
class BuildParts:
    """What ``define_env`` made for one build and the steps after the pages read (the MkDocs hooks in
    ``mkdocs_hooks.py`` and ``preview.py``, the last step in ``finish.py``): the handbook, the pages' cards and
    addresses, the glossary's matcher, the pages' search sections (None under Zensical, whose own search is used).
    Kept here by the build's site folder, not on another package's object."""

    handbook: Any
    published: Any
    term_matcher: Any
    search: Any = None


_BUILDS: dict[str, BuildParts] = {}


def begin_build(config: Any, parts: BuildParts) -> None:
    _BUILDS[os.path.abspath(config["site_dir"])] = parts


def build_parts(config: Any) -> BuildParts | None:
    """This build's parts; None before ``define_env`` has run (a plain MkDocs build of the same pages)."""
    return _BUILDS.get(os.path.abspath(config["site_dir"]))
