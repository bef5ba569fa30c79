"""Every page on paper: what only makes sense on a screen (how to hover, tap or swipe, the copy links, the
page's table of contents) stays off the sheet, addresses break only where an address may break, and no
table cell runs over or line starts with closing punctuation.

Headless Chromium prints each page to an A4 PDF as "Print → Save as PDF" does; the layout checks of
test_page_layout.py run on the page laid out for print.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from test_page_layout import MEASURE, PAGES

pytestmark = pytest.mark.browser

SCREEN_ONLY_WORDS = ("鼠标", "滑动", "点一下", "Tab 键", "复制链接", "本页目录", "跳过此表")
# A printed address may continue on the next line after one of these, never inside a word ("h andbook").
URL_BREAKS = "/-.#_?=&"
URL = re.compile(r"https?://[A-Za-z0-9/._#?=&%:-]+(?:\n[A-Za-z0-9/._#?=&%:-]+)*")


@pytest.fixture(scope="module")
def printer(browser, site_server):
    context = browser.new_context(base_url=site_server, locale="zh-CN", viewport={"width": 794, "height": 1123})
    tab = context.new_page()
    tab.emulate_media(media="print")
    yield tab
    context.close()


def printed_text(tab) -> str:
    reader = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@pytest.mark.parametrize("path", [path for path in PAGES if path != "no-such-page/"])
def test_the_page_prints_well(printer, path):
    printer.goto(path)
    printer.wait_for_load_state("networkidle")
    findings = printer.evaluate(MEASURE)
    assert not findings["cells"], f"/{path} in print: content runs out of table cells: {findings['cells'][:8]}"
    assert not findings["lines"], f"/{path} in print: lines start with closing punctuation: {findings['lines'][:8]}"
    text = printed_text(printer)
    leaked = [word for word in SCREEN_ONLY_WORDS if word in text]
    assert not leaked, f"/{path} prints on-screen instructions or controls: {leaked}"
    for url in URL.findall(text):
        pieces = url.split("\n")
        bad = [piece for piece in pieces[:-1] if piece[-1] not in URL_BREAKS]
        assert not bad, f"/{path}: an address breaks inside a word: {url!r}"
