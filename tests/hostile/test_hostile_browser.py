"""The injection cases, opened in Chromium: markup written into any field or front matter is shown as text
and never runs. Every payload sets ``window.__pwned`` (and calls ``alert``) if it runs.

All injection cases are applied to one project and built once; every page they reach is opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile_cases import CASES
from hostile_support import apply, run_command, valid_project_copy

INJECTIONS = [case for case in CASES if case.browser]
PAGES = sorted({page for case in INJECTIONS for page in case.pages} | {"", "search/"})


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = valid_project_copy(tmp_path_factory.mktemp("injection") / "project")
    for case in INJECTIONS:
        apply(project, case.edits)
    answer = run_command(project, "check")
    assert answer.status == 0 and not answer.crashed, answer.output
    built = run_command(project, "build", timeout=300)
    assert built.status == 0, built.output
    return project / "site"


@pytest.mark.browser
@pytest.mark.slow
def test_no_injected_markup_runs_in_the_browser(browser, injected_site: Path) -> None:
    from browser_support import serve

    ran: list[str] = []
    with serve(injected_site) as base:
        context = browser.new_context(locale="zh-CN", base_url=base)
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (ran.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        for page in PAGES:
            tab.goto(base + page, wait_until="load")
            tab.wait_for_load_state("networkidle")
            pwned = tab.evaluate("() => window.__pwned")
            if pwned is not None:
                ran.append(f"{page}: payload {pwned!r} ran")
            # The markup is shown as text: the page's own title and body carry it literally.
            if page == "roles/risk-manager/":
                assert "</title>" in tab.title() or "__pwned" in tab.title(), tab.title()
                assert "__pwned=" in tab.inner_text("article")
        context.close()
    assert not ran, ran
    assert len(INJECTIONS) >= 15


@pytest.mark.slow
def test_no_injected_markup_reaches_the_html_as_markup(injected_site: Path) -> None:
    """Without a browser too: no payload's tag or handler appears unescaped in any built page. A JSON data
    block (the search engines' ld+json, the self-assessment's data) never runs and may carry a payload as
    text, as long as it is JSON with every "<" escaped: no payload can close the block and open a script."""
    import json

    from bs4 import BeautifulSoup

    data_blocks = {"application/ld+json", "application/json"}
    found = []
    for path in injected_site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            text = tag.string or ""
            if tag.name == "script" and tag.get("type") in data_blocks:
                if "<" in text:
                    found.append(f"{path.relative_to(injected_site)}: <script type={tag['type']}> with a raw <")
                json.loads(text)  # still the document the page's script reads
            if handlers or (tag.name == "script" and "__pwned" in text and tag.get("type") not in data_blocks):
                found.append(f"{path.relative_to(injected_site)}: <{tag.name} {' '.join(handlers)}>")
            href = str(tag.get("href", ""))
            if href.lower().startswith("javascript:"):
                found.append(f"{path.relative_to(injected_site)}: <{tag.name} href={href[:40]}>")
    assert not found, found[:10]
