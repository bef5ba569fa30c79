"""Tables a phone can read, written into the page: every Markdown table labels its cells with their column
and sits in a holder that can say it scrolls sideways; a table or matrix with many tab stops has a skip link
past it. (What the reader then sees on a phone is tests/test_page_layout.py's.)"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from macros.site.tables import SKIP_AFTER, PhoneTablesExtension


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def tab_stops(node) -> int:
    return len(node.select("a[href], button"))


def test_every_markdown_table_is_labelled_for_a_phone(built_site):
    checked = 0
    for path in pages(built_site):
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        for table in article.select("table:not([class])") if article else ():
            where = f"{path.relative_to(built_site)}: table {checked}"
            headers = [th.get_text().strip() for th in table.select("thead th")]
            assert table.has_attr("data-stack") and table["role"] == "table", where
            for row in table.select("tbody tr"):
                assert row["role"] == "row", where
                for header, cell in zip(headers, row.find_all("td")):
                    assert cell["data-label"] == header and cell["role"] == "cell", where
            holder = table.parent
            assert "scroll-edges" in holder["class"], where
            assert holder.select_one(":scope > p.scroll-hint").get_text() == f"共 {len(headers)} 列，左右滑动查看全部"
            skip = holder.find_previous_sibling()
            if tab_stops(table) > SKIP_AFTER:
                assert skip is not None and "skip-past" in skip["class"], f"{where} has no skip link"
                assert f"（{tab_stops(table)} 个可聚焦项）" in skip.get_text(), where
                target = holder.find_next_sibling()
                assert target["id"] == skip["href"][1:] and target["tabindex"] == "-1", where
            checked += 1
    assert checked > 20, "the handbook's pages have tables"


@pytest.mark.parametrize("path", ["raci/index.html", "raci/phases/index.html", "skills/index.html"])
def test_a_matrix_has_its_holder_and_a_skip_link_that_counts_its_tab_stops(built_site, path):
    page = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
    frames = page.select(".matrix-scroll")
    assert frames
    for frame in frames:
        holder = frame.parent
        columns = len(frame.select("thead th[scope=col]:not(.matrix-corner)"))
        assert holder.select_one(":scope > p.scroll-hint").get_text() == f"共 {columns} 列，左右滑动查看全部"
        skip = holder.find_previous_sibling("a", class_="skip-past")
        assert skip is not None and f"（{tab_stops(frame)} 个可聚焦项）" in skip.get_text()
        assert page.find(id=skip["href"][1:]).find_previous_sibling() is holder


def render(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=["tables", PhoneTablesExtension()]), "html.parser")


@pytest.mark.parametrize("link", ["[活动](x.html)", '<a href="x.html">活动</a>'], ids=["markdown", "raw-html"])
def test_links_of_either_kind_count_towards_the_skip_link(link):
    rows = "\n".join(f"| {n} | {link} |" for n in range(SKIP_AFTER + 1))
    page = render(f"| 编号 | 活动 |\n| --- | --- |\n{rows}\n")
    assert page.select_one("a.skip-past").get_text() == f"跳过此表（{SKIP_AFTER + 1} 个可聚焦项）"
    fewer = render("| 编号 | 活动 |\n| --- | --- |\n" + "\n".join(rows.splitlines()[:SKIP_AFTER]) + "\n")
    assert fewer.select_one("a.skip-past") is None


def test_a_table_without_a_header_row_keeps_its_cells_unlabelled():
    page = render("<table><tr><td>甲</td><td>乙</td></tr></table>\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n")
    labelled = page.select("td[data-label]")
    assert [cell["data-label"] for cell in labelled] == ["甲", "乙"]
    assert page.select_one("td:not([data-label])").get_text() == "甲"
