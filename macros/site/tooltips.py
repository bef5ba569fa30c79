"""Glossary tooltips, added to each page's built HTML: a glossary term becomes ``<abbr title="…"
data-term="<id>">`` where a reader first meets it on the page, in running text (marking every occurrence
underlined "Scrum" and "迭代" dozens of times a page).

Python-Markdown's ``abbr`` extension needs word boundaries around a term, and Chinese has none: in
"组织CCB审批" the C follows 织, a word character to Python's regular expressions, so CCB got no tooltip. Here
a term matches wherever it is written, with one guard: an edge of a term that is a Latin letter or digit must
not touch another Latin letter or digit ("PM" is not found inside "PMO" or "NPM"). Where terms overlap, the
longest wins (灰度发布 before 灰度, 故障复盘 before 复盘), because alternatives are tried longest first.

Only text between tags is touched, never attributes, never a character reference (the "lt" of ``&lt;``: a
term cannot contain "&", so a reference is stepped over whole), and never text inside code, preformatted
blocks, links, headings, buttons, existing abbreviations or a term's own definition (``<dfn>``). The whole
matching lives in this module; ``handbook/assets/javascripts/glossary.js`` makes the result usable on touch
screens.
"""

from __future__ import annotations

import functools
import re
from html import escape
from typing import Iterable

from ..data.models import Term

# Elements whose text never gets a tooltip. None of them is a void element, so opening and closing tags pair.
SKIPPED = frozenset({
    "a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label", "math",
    "option", "pre", "samp", "select", "svg", "textarea", "title",
})
# Elements whose content is not HTML at all: skipped whole, so a "<" inside them is never read as a tag.
_RAW = r"<(?P<raw>script|style)\b[^>]*>.*?</(?P=raw)\s*>"
_TAG = r"<!--.*?-->|<![^>]*>|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
_TOKENS = re.compile(f"({_RAW}|{_TAG})", re.DOTALL | re.IGNORECASE)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_LATIN = "A-Za-z0-9"
# A character reference, named or numeric, also one without its ";" (browsers read "&lt" as "<" too).
_REFERENCE = r"(?P<reference>&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?)"


def _pattern(term: str) -> str:
    """A term as it appears in escaped HTML text, guarded where its edges are Latin letters or digits."""
    body = re.escape(escape(term, quote=False))
    before = f"(?<![{_LATIN}])" if re.match(f"[{_LATIN}]", term) else ""
    after = f"(?![{_LATIN}])" if re.search(f"[{_LATIN}]$", term) else ""
    return before + body + after


class TermMatcher:
    """Finds glossary terms in built HTML and marks them up; made once per build from the glossary."""

    def __init__(self, terms: Iterable[Term]):
        self.terms = tuple(terms)
        by_text = {escape(term.term, quote=False): term for term in self.terms}
        ordered = sorted(self.terms, key=lambda term: len(term.term), reverse=True)
        self._by_text = by_text
        # References first: where one starts, it is taken whole, so no term is found inside it.
        alternatives = [_REFERENCE, *(_pattern(term.term) for term in ordered)]
        self._regex = re.compile("|".join(alternatives)) if ordered else None
        self._markup = {text: f'<abbr title="{escape(term.tip)}" data-term="{escape(term.id)}">'
                        for text, term in by_text.items()}

    def annotate(self, html: str) -> str:
        """``html`` (one page) with the first occurrence of each term in its running text wrapped in an
        ``<abbr>``; later occurrences stay plain text."""
        if self._regex is None:
            return html
        seen: set[str] = set()
        wrap = functools.partial(self._wrap, seen=seen)
        out: list[str] = []
        skipping = 0  # how many skipped elements are open around the current text
        for index, piece in enumerate(_TOKENS.split(html)):
            if not piece:
                continue
            if index % 3 == 1:  # a tag, comment or raw element
                out.append(piece)
                name = _TAG_NAME.match(piece)
                if name and name.group(2).lower() in SKIPPED and not piece.endswith("/>"):
                    skipping = max(0, skipping - 1) if name.group(1) else skipping + 1
            elif index % 3 == 2:  # the captured name of a raw element: already part of the piece before
                continue
            elif skipping:
                out.append(piece)
            else:
                out.append(self._regex.sub(wrap, piece))
        return "".join(out)

    def _wrap(self, match: re.Match[str], seen: set[str]) -> str:
        text = match.group(0)
        if match.group("reference") or text in seen:
            return text
        seen.add(text)
        return f"{self._markup[text]}{text}</abbr>"
