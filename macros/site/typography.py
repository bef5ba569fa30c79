"""Chinese typography of the rendered text, fixed where the text is made (not with CSS).

* A line break inside a Chinese paragraph of Markdown (or a YAML folded scalar) is a space in HTML, and a
  browser shows it: "负责什么、 需要"; so is a template's space between a value and Chinese text ("也称
  变更经理") and a space after bold text ("**……。** 在下方"). Whitespace next to Chinese punctuation and
  between two Chinese characters is dropped, within a piece of text and across the edges of inline
  elements; the one space between Chinese and Latin text stays (house style), and code is never touched.
* Every heading has an ASCII id: a page title without one gets ``page-title`` (Python-Markdown would make
  ``_1`` of a Chinese title, and that is what its permalink and the skip link would point at).

:class:`TypographyExtension` does both on the Markdown tree; the templates' values are joined by
:func:`join_cjk` too (``macros.site.render``). Glossary tooltips are added to the finished HTML, where a
term can be found next to Chinese characters too (``macros.site.tooltips``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Ideographic punctuation, full-width forms, the dash and the ellipsis used in Chinese text.
_PUNCTUATION = "\u3000-\u303f\uff00-\uffef\u2014\u2026"
_SPACE_IN_CJK = re.compile(
    f"(?<=[{_PUNCTUATION}])\\s+|\\s+(?=[{_PUNCTUATION}])|(?<=[{_IDEOGRAPH}])\\s+(?=[{_IDEOGRAPH}])")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

PAGE_TITLE_ID = "page-title"
_VERBATIM = {"pre", "code", "script", "style"}


def join_cjk(text: str) -> str:  # for the templates' values, before they become Markdown
    """Whitespace folded to single spaces, and dropped where Chinese typography has none."""
    text = " ".join(text.split())
    if " " in text and _NON_ASCII.search(text):
        text = _SPACE_IN_CJK.sub("", text)
    return text


class _Typography(Treeprocessor):
    """Runs before the table of contents (5)."""

    def run(self, root: etree.Element) -> None:
        for heading in root.iter("h1"):
            heading.set("id", heading.get("id") or PAGE_TITLE_ID)
            break
        self._join_lines(root)

    def _join_lines(self, root: etree.Element) -> None:
        """Whitespace next to Chinese punctuation or between Chinese characters goes, within each piece of
        text and where one piece ends and the next begins (``**先找到自己的岗位。** 在下方``). Code and
        other verbatim text is never changed, and the space next to it stays. (Runs on every page: plain
        string tests first, the regular expression only where a space meets non-ASCII text.)"""
        slots = list(_text_slots(root))
        texts = [getattr(element, attribute) for element, attribute, _ in slots]
        editable = [flag for _, _, flag in slots]
        changed = set()
        for index, text in enumerate(texts):
            if editable[index] and (" " in text or "\n" in text) and _NON_ASCII.search(text):
                joined = _SPACE_IN_CJK.sub("", text)
                if joined != text:
                    texts[index] = joined
                    changed.add(index)
        last = len(texts) - 1
        for index, text in enumerate(texts):
            if not editable[index] or not text or not text[0].isspace() and not text[-1].isspace():
                continue
            before = texts[index - 1] if index > 0 and editable[index - 1] else ""
            after = texts[index + 1] if index < last and editable[index + 1] else ""
            if text.isspace():
                # A space that is all there is between two inline elements (``**……。** [职业发展](…)``).
                if before and after and _drop_between(before[-1], after[0]):
                    texts[index] = ""
                    changed.add(index)
                continue
            if text[0].isspace() and before and not before[-1].isspace() and _drop_between(before[-1], text.lstrip()[0]):
                texts[index] = text = text.lstrip()
                changed.add(index)
            if text[-1].isspace() and after and not after[0].isspace() and _drop_between(text.rstrip()[-1], after[0]):
                texts[index] = text.rstrip()
                changed.add(index)
        for index in changed:
            element, attribute, _ = slots[index]
            setattr(element, attribute, texts[index])


def _drop_between(left: str, right: str) -> bool:
    """Is whitespace between these two characters one Chinese typography has none of?"""
    return _SPACE_IN_CJK.search(left + " " + right) is not None


def _text_slots(element: etree.Element, verbatim: bool = False):
    """(element, "text" or "tail", editable) of every piece of text in reading order; code and other
    verbatim text (and Python-Markdown's atomic strings) are listed as not editable."""
    verbatim = verbatim or element.tag in _VERBATIM
    if element.text:
        yield element, "text", not verbatim and not isinstance(element.text, AtomicString)
    for child in element:
        yield from _text_slots(child, verbatim)
        if child.tail:
            yield child, "tail", not verbatim and not isinstance(child.tail, AtomicString)


class TypographyExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_Typography(md), "handbook_typography", 6)


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown loads an extension by module name through this
    return TypographyExtension(**kwargs)
