"""Under Zensical, the steps MkDocs runs from the page events of ``mkdocs_hooks.py`` on a page's HTML: Zensical
calls no MkDocs hook, so they run as the last step of the page's Markdown (a postprocessor, declared in
``zensical.yml``), where the HTML is the same one MkDocs hands to ``on_page_content``.

* glossary tooltips (:mod:`.tooltips`), with the glossary of the handbook the macros loaded for this build
  (:func:`.engine.loaded_build`);
* the contents without the English names in brackets (``mkdocs_hooks._shorten_contents``);
* the page's link-preview card path in its metadata (``og_image``; :mod:`.published`), for ``overrides/main.html``.

The cards themselves are drawn, and the pages' addresses checked, by the build's last step
(:mod:`.finish`), which reads the written pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from .engine import loaded_build
from .finish import note_card
from .published import PublishedPages

# As in macros/site/mkdocs_hooks.py: "初级项目经理（Junior Project Manager）" reads "初级项目经理" in the contents.
_ENGLISH_IN_BRACKETS = re.compile(r"\s*（(?=[^（）]*[a-z])[\x20-\x7e]{4,}）$")


def _shorten(tokens: list[dict[str, Any]]) -> None:
    for token in tokens:
        for key in ("name", "html"):
            short = _ENGLISH_IN_BRACKETS.sub("", token.get(key) or "")
            if short:
                token[key] = short
        _shorten(token.get("children", []))


class _PageHtml(Postprocessor):
    def run(self, text: str) -> str:
        build = loaded_build()
        if build is not None:
            text = build[2].annotate(text)  # the TermMatcher of define_env's load
        _shorten(getattr(self.md, "toc_tokens", []))
        context = _context(self.md)
        if context is not None and context.page is not None:
            # The card's path goes into og_image (printed by overrides/main.html), what it shows into a note
            # for the last step, which draws it (site/finish.py), as PublishedPages does under MkDocs.
            published = PublishedPages()
            published.on_page_context(_Titled(context.page, text), context.config)
            for card in published.cards:
                note_card(Path(context.config.get("root_dir") or "."), card)
        return text


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)  # the toc extension's 复制链接


class _Titled:
    """The page with the title MkDocs gives it (navigation, front matter, first heading, file name): while its
    Markdown is rendered, Zensical knows only the navigation's and the front matter's, and falls back to the
    file's name, where MkDocs reads the first heading (the heading a macro writes, on a role's page)."""

    def __init__(self, page: Any, html: str) -> None:
        self.url, self.meta = page.url, page.meta
        heading = _H1.search(html)
        first = _PERMALINK.sub("", heading.group(1)) if heading else None
        self.title = page.title_override or page.meta.get("title") or first or page.title


def _context(md: Markdown) -> Any:
    """The page being rendered and the site's settings, as Zensical's context extension holds them (None outside
    Zensical)."""
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        return None
    return ContextPreprocessor.from_markdown(md)


class PageHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.postprocessors.register(_PageHtml(md), "handbook_page_html", 1)  # after every other postprocessor


def makeExtension(**kwargs: Any) -> PageHtmlExtension:  # noqa: N802 - Python-Markdown loads it by module name
    return PageHtmlExtension(**kwargs)
