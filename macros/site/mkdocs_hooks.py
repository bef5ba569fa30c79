"""MkDocs event hooks (``hooks:`` in mkdocs.yml): the one step that needs a page's HTML rather than its Markdown.

Loaded by MkDocs from this file's path, not as part of the package: it imports nothing from it and reaches
the build's data through the macros plugin, which ``macros.define_env`` has given the glossary matcher.
"""

from __future__ import annotations

from typing import Any


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Give every glossary term in the page's running text its tooltip (see ``macros.site.tooltips``)."""
    matcher = getattr(config.plugins.get("macros"), "term_matcher", None)
    return matcher.annotate(html) if matcher is not None else html
