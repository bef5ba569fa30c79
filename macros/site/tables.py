"""Markdown tables made ready for a phone where the page is made, not by a script once it has loaded.

* On a narrow screen the stylesheet draws each row as a card whose cells say which column they belong to
  (``data-label``, shown before the cell's text); the table keeps its table roles for screen readers while
  it is not drawn as a table.
* Each table sits in a holder with a hint line ("共 4 列，左右滑动查看全部") and edge shadows, which
  handbook.js shows while the table's frame scrolls sideways; a table with many links gets a skip link
  past it. (The matrices write the same holder themselves: templates/scroll-frame.html.j2.)

A script that labels the cells or moves a finished table into a holder makes a phone style and lay out
every table once more (0.1–0.5 s of a mid-range phone on the glossary page).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Extension, Markdown, util
from markdown.treeprocessors import Treeprocessor

SKIP_AFTER = 20  # tab stops in a table beyond which a keyboard reader is offered a way past it


@dataclass(frozen=True)
class FrameText:
    """What a frame that may scroll sideways says around itself: its hint line, and its skip link's text
    when it has more tab stops than a keyboard reader should have to walk through (else None)."""

    hint: str
    skip: str | None


def frame_text(columns: int, stops: int) -> FrameText:
    """The texts of a frame of ``columns`` columns and ``stops`` links and buttons (tables and matrices)."""
    return FrameText(f"共 {columns} 列，左右滑动查看全部" if columns else "左右滑动查看全部内容",
                     f"跳过此表（{stops} 个可聚焦项）" if stops > SKIP_AFTER else None)


_FOCUSABLE_TAG = re.compile(r"<(a\s[^>]*\bhref=|button\b)", re.IGNORECASE)
_ROLES = {"thead": "rowgroup", "tbody": "rowgroup", "tr": "row", "th": "columnheader", "td": "cell"}


class _PhoneTables(Treeprocessor):
    """Runs after inline Markdown (20), so a header's text is what the reader sees."""

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        skips = 0
        for table in [table for table in root.iter("table") if not table.get("class")]:
            head = table.find("thead")
            labels = ["".join(cell.itertext()).strip() for cell in head.iter("th")] if head is not None else []
            if labels:
                _label(table, labels)
            parent = parents[table]
            index = list(parent).index(table)
            holder = etree.Element("div", {"class": "scroll-edges"})
            text = frame_text(len(labels), self._tab_stops(table))
            hint = etree.SubElement(holder, "p", {"class": "scroll-hint", "aria-hidden": "true"})
            hint.text = text.hint
            holder.tail, table.tail = table.tail, None
            parent.remove(table)
            holder.append(table)
            parent.insert(index, holder)
            if text.skip:
                skips += 1
                skip = etree.Element("a", {"class": "skip-past", "href": f"#after-table-{skips}"})
                skip.text = text.skip
                target = etree.Element("span", {"class": "skip-target", "id": f"after-table-{skips}", "tabindex": "-1"})
                target.tail, holder.tail = holder.tail, None
                parent.insert(index, skip)
                parent.insert(index + 2, target)


    def _tab_stops(self, table: etree.Element) -> int:
        """Links and buttons in the table: Markdown's, and the raw HTML ones a template wrote into a cell
        (still placeholders in the tree at this point)."""
        stashed = self.md.htmlStash.rawHtmlBlocks
        raw = sum(1 for text in table.itertext() for index in util.HTML_PLACEHOLDER_RE.findall(text)
                  if int(index) < len(stashed) and _FOCUSABLE_TAG.match(str(stashed[int(index)])))
        return raw + sum(1 for link in table.iter("a") if link.get("href"))


def _label(table: etree.Element, labels: list[str]) -> None:
    table.set("data-stack", "")
    table.set("role", "table")
    for part in table.iter():
        if part.tag in _ROLES:
            part.set("role", _ROLES[part.tag])
    for row in table.iter("tr"):
        for label, cell in zip(labels, row):
            if cell.tag == "td" and label:
                cell.set("data-label", label)


class PhoneTablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_PhoneTables(md), "handbook_phone_tables", 7)


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown loads an extension by module name through this
    return PhoneTablesExtension(**kwargs)
