"""What every built page gets and what the build checks after writing them: link-preview cards, and that
every local address a page references exists.

* Each page gets a card (``macros.site.cards``): its path goes into ``page.meta.og_image`` before the page is
  written (``overrides/main.html`` prints the ``og:image`` tags), and the cards are drawn after the build.
* A page that references a file the build did not write (a script copied by `make setup` only, a renamed
  stylesheet, a raw-HTML link to a page that is gone) fails the build with the page and the address:
  MkDocs validates Markdown links, not the theme's or raw HTML's.

MkDocs offers these events to plugins and hooks, not to mkdocs-macros modules: ``macros.define_env`` makes a
:class:`PublishedPages` per build, and the hooks of ``mkdocs_hooks.py`` (``hooks:`` in mkdocs.yml) call it; the
build's last step (``finish.py``, the same under Zensical) draws the cards and checks the addresses.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError

from ..data.messages import say
from .cards import Card, CardError, card_path, write_cards

# The attribute's whole value: it may be written with character references (Zensical's templates write "/" as
# "&#x2f;"), read as a browser reads it, then without its query and fragment.
_REFERENCE = re.compile(r"""<(?:a|link|script|img|source|iframe)\b[^>]*?\s(?:href|src)=["']([^"']*)""")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_TAGS = re.compile(r"<[^>]+>")


class PublishedPages:
    """One build's cards and the local addresses its pages reference."""

    def __init__(self, card_cache: bool = True, root_path: str | None = None) -> None:
        self.card_cache = card_cache
        # site_url's path ("/handbook/"), where a page's addresses may be absolute: Zensical writes its 404 page
        # so (the handbook's 404 is relative only with the MkDocs hook that makes it so).
        self.root_path = root_path
        self.cards: list[Card] = []
        self.references: dict[str, set[str]] = {}

    def on_page_context(self, page: Any, config: Any) -> None:
        meta = page.meta
        if meta.get("unlisted") is True:
            return  # a draft: not shared, so no card (and no og:image)
        site = urlsplit(config.get("site_url") or "")
        card = Card(
            path=card_path(page.url),
            title=html.unescape(_TAGS.sub("", str(page.title or config["site_name"]))),
            subtitle=str(meta.get("title_en") or ""),
            kicker=str(meta.get("card_kicker") or ""),
            description=html.unescape(str(meta.get("description") or config.get("site_description") or "")),
            site=(site.netloc + site.path).rstrip("/"),
        )
        meta["og_image"] = card.path
        self.cards.append(card)

    def on_post_page(self, output: str, page: Any) -> None:
        self._collect(output, page.file.dest_uri)

    def _collect(self, output: str, dest_uri: str) -> None:
        here = posixpath.dirname(dest_uri)
        for value in set(_REFERENCE.findall(output)):
            reference = re.split(r"[#?]", html.unescape(value), maxsplit=1)[0]
            if not reference or _EXTERNAL.match(reference):
                continue
            if self.root_path and (reference + "/").startswith(self.root_path):
                target = unquote(reference[len(self.root_path):]) or "."
            else:
                target = posixpath.join(here, unquote(reference))
            self.references.setdefault(posixpath.normpath(target), set()).add(dest_uri)

    def on_post_build(self, config: Any) -> None:
        """Draw the cards, then check every collected address (after the export and redirects are written)."""
        site = Path(config["site_dir"])
        try:
            write_cards(self.cards, site, Path(config["config_file_path"]).parent, cache=self.card_cache)
        except CardError as error:
            raise PluginError(str(error)) from None
        # The 404 page is a theme template, not a page: its addresses are relative to the site's root.
        not_found = site / "404.html"
        if not_found.is_file():
            self._collect(not_found.read_text(encoding="utf-8"), "404.html")
        missing = [(target, pages) for target, pages in sorted(self.references.items())
                   if not _exists(site, target)]
        if missing:
            lines = [say("missing_reference_more" if len(pages) > 3 else "missing_reference", target=target,
                         pages="、".join(sorted(pages)[:3]), count=len(pages)) for target, pages in missing]
            raise PluginError(say("missing_references", lines="\n".join(lines)))


def _exists(site: Path, target: str) -> bool:
    if target in (".", ""):
        return (site / "index.html").is_file()
    if target.startswith(("/", "..")):
        return False  # outside the site: under another path the site would not find it
    path = site / target
    return path.is_file() or (path / "index.html").is_file()

