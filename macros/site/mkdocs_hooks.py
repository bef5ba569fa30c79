"""MkDocs event hooks (``hooks:`` in mkdocs.yml): the steps that need a page's HTML or the written site rather
than its Markdown.

Loaded by MkDocs from this file's path, not as part of the package: it imports nothing from it and reaches
the build's objects through the macros plugin, on which ``macros.define_env`` has put the glossary matcher and
the build's :class:`~macros.site.published.PublishedPages`.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority


def _macros(config: Any) -> Any:
    return config.plugins.get("macros")


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Give every glossary term in the page's running text its tooltip (see ``macros.site.tooltips``)."""
    matcher = getattr(_macros(config), "term_matcher", None)
    return matcher.annotate(html) if matcher is not None else html


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """The page's link-preview card (``macros.site.cards``), before the page template prints og:image."""
    published = getattr(_macros(config), "published", None)
    if published is not None:
        published.on_page_context(page, config)
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Note every local address the written page references."""
    published = getattr(_macros(config), "published", None)
    if published is not None:
        published.on_post_page(output, page)
    return output


@event_priority(-100)  # after mkdocs-macros has written the export and the redirects
def on_post_build(config: Any) -> None:
    """Draw the cards and fail the build on a referenced file that was not written."""
    published = getattr(_macros(config), "published", None)
    if published is not None:
        published.on_post_build(config)
