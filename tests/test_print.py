"""Every role prints as a role sheet: headless Chromium prints the page to an A4 PDF, as a reader's "Print →
Save as PDF" does, and the PDF must hold the role on at most two pages, without the site's navigation.

The PDFs are kept in test-output/print/ for a human to look at.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from conftest import ROOT
from data_support import record, role_slugs
from pypdf import PdfReader

pytestmark = pytest.mark.browser

MAX_PAGES = 2
PRINTS = ROOT / "test-output" / "print"


# A CJK font draws an ideograph and its radical with one glyph, and the PDF's text layer may name the radical
# (⽬ for 目, ⻛ for 风). NFKC folds the Kangxi radicals back (to traditional forms where they differ: 户 is
# listed here); the CJK Radicals Supplement has no folding, so its simplified forms are listed.
RADICALS = str.maketrans("⻛⻅⻔⻆⻚⺟⻓⻬⻥⻣⻩⻢⻋⻉⻘⻜⻙⻨⻰⻳⻮⻦⻤⺠⼾",
                         "风见门角页母长齐鱼骨黄马车贝青飞韦麦龙龟齿鸟鬼民户")


def normal(text: str) -> str:
    """Text as the PDF and the page can both be compared: radicals folded, whitespace (line breaks inside
    words) removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text.translate(RADICALS)))


def pdf_text(data: bytes) -> tuple[int, str]:
    """Page count and normalised text of a PDF."""
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), normal("".join(page.extract_text() or "" for page in reader.pages))


def found(needle: str, text: str, exact: bool = False) -> bool:
    """Is ``needle`` in the PDF text? Unless ``exact``, a radical the table above does not know stands for
    any one ideograph (the role names and titles looked for are long enough for that to be safe)."""
    needle = normal(needle)
    if exact or needle in text:
        return needle in text
    pattern = "".join(f"(?:{re.escape(char)}|[\u2e80-\u2fdf])" if "\u4e00" <= char <= "\u9fff"
                      else re.escape(char) for char in needle)
    return re.search(pattern, text) is not None


@pytest.fixture(scope="module")
def printer(browser, site_server):
    context = browser.new_context(base_url=site_server, locale="zh-CN")
    tab = context.new_page()
    tab.emulate_media(media="print")
    yield tab
    context.close()


@pytest.fixture(scope="module")
def navigation_words(browser, site_server) -> set[str]:
    """Words that only the navigation, header, search and footer show (not the content of any role page)."""
    context = browser.new_context(base_url=site_server)
    tab = context.new_page()
    tab.goto("roles/risk-manager/")
    words = set(tab.locator(".md-header, .md-tabs, .md-sidebar, .md-footer").evaluate_all(
        "parts => parts.flatMap(part => part.innerText.split('\\n')).map(line => line.trim())"))
    words.add(tab.locator("input.md-search__input").get_attribute("placeholder"))
    context.close()
    return {word for word in words if len(word) >= 2}


@pytest.mark.parametrize("slug", role_slugs(published=True))
def test_a_role_prints_on_at_most_two_a4_pages(printer, navigation_words, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    printer.goto(f"roles/{role.slug}/")
    printer.wait_for_load_state("networkidle")
    data = printer.pdf(format="A4", print_background=False)
    PRINTS.mkdir(parents=True, exist_ok=True)
    (PRINTS / f"{role.slug}.pdf").write_bytes(data)
    pages, text = pdf_text(data)
    assert pages <= MAX_PAGES, f"{role.slug} prints on {pages} A4 pages (at most {MAX_PAGES})"

    assert found(role.name, text), f"the role's name {role.name!r} is not in the printed sheet"
    missing = [area.title for area in role.responsibilities if not found(area.title, text)]
    assert not missing, f"responsibility titles missing from the printed sheet: {missing}"
    # The sheet carries its own address, so a reader of the paper can find the page.
    assert f"/roles/{role.slug}/" in text

    content = printer.locator("article").inner_text()
    leaked = [word for word in navigation_words
              if normal(word) not in normal(content) and found(word, text, exact=True)]
    assert not leaked, f"navigation or search text printed: {leaked}"
