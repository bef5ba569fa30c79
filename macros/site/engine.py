"""The one module that knows MkDocs' page and configuration objects (Zensical offers the same ``page.meta``,
``page.file.src_uri`` and ``config`` keys): the rest of ``macros.site`` works with plain values.

* :class:`SiteOptions`: the handbook's settings under ``extra:`` in mkdocs.yml, typed and checked;
* :func:`apply_head`: what :mod:`.seo` says about a page, put where the page template (``overrides/main.html``)
  reads it;
* :func:`make_meta_inert`: front matter that the theme prints raw, escaped once;
* :func:`place_under_index`: the navigation context of pages that are not listed in the navigation.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict, ValidationError

from .seo import Head


class SiteOptions(BaseModel):
    """``extra:`` keys of mkdocs.yml that the handbook reads (other keys belong to the theme)."""

    model_config = ConfigDict(frozen=True, extra="ignore", strict=True)

    # "Edit this page" on a role page opens its YAML: repo_url + data_edit_uri + data/roles/<slug>.yaml.
    data_edit_uri: str | None = None
    # Keep drawn link-preview cards in .cache/cards and draw only those whose text changed (macros.site.cards).
    card_cache: bool = True


_EXPECTED = {"bool_type": "true or false", "string_type": "text, e.g. edit/main/"}


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


# Front matter keys Material prints into the page head without escaping (title, description, author).
_PRINTED_RAW = ("title", "description", "author")


def make_meta_inert(page: Any) -> None:
    """Escape, once, every front matter string the theme prints raw, and drop structured data the handbook did
    not make: a page's front matter can then never put markup into ``<head>``.

    Escaped text is :class:`~markupsafe.Markup`, so escaping it again (``| e`` in a template) changes nothing;
    JSON-LD is kept only as :func:`~macros.site.render.json_for_script` made it (Markup too)."""
    meta = page.meta
    for key in _PRINTED_RAW:
        if key in meta and meta[key] is not None:
            meta[key] = escape(meta[key] if isinstance(meta[key], str) else str(meta[key]))
    if "json_ld" in meta and not isinstance(meta["json_ld"], Markup):
        del meta["json_ld"]


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
