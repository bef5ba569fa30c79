"""The built pages as text, as a reader and a search engine get them: Chinese without stray spaces, fields
that stay apart, brackets that do not pile up, ASCII section ids, glossary tooltips where they help, and a
build that refuses to publish a page whose script or stylesheet it did not write."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, copy_project

from macros.data.lint import HAN

PUNCTUATION = "\u3000-\u303f\uff00-\uffef\u2014\u2026"
STRAY_SPACE = re.compile(f"[{PUNCTUATION}]\\s+|\\s+[{PUNCTUATION}]|[{HAN}]\\s+[{HAN}]")
TEXT_BLOCKS = ["p", "li", "td", "th", "dt", "dd", "caption", "summary", "h1", "h2", "h3", "h4", "h5", "h6"]
OPENING, CLOSING = "（(【[", "）)】]"


def built_pages(site: Path):
    """(name, article) of every built page with content (redirect pages have none)."""
    for path in sorted(site.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = page.find("article")
        if article is not None:
            yield path.relative_to(site).as_posix(), article


@pytest.fixture(scope="module")
def pages(built_site):
    return list(built_pages(built_site))


def blocks(article):
    """The text of every innermost text block, code replaced by a placeholder word."""
    for code in article.find_all(["code", "pre"]):
        code.replace_with("CODE")
    for link in article.select("a.headerlink"):
        link.decompose()
    for block in article.find_all(TEXT_BLOCKS):
        if not block.find(["p", "ul", "ol", "table", "div"]):
            yield block.get_text("").strip()


def test_no_stray_spaces_in_chinese_text(pages):
    """No space next to Chinese punctuation or between two Chinese characters, wherever it came from: a line
    break in Markdown or YAML, a template's space around a value, a space after bold text."""
    found = []
    for name, article in pages:
        for text in blocks(article):
            for match in STRAY_SPACE.finditer(text):
                found.append(f"{name}: {text[max(0, match.start() - 8):match.end() + 8]!r}")
    assert not found, "stray spaces:\n" + "\n".join(found[:20])


def test_brackets_never_pile_up(pages):
    """A template never wraps a value that has brackets in brackets of its own (three deep was the record)."""
    found = []
    for name, article in pages:
        for text in blocks(article):
            depth = deepest = 0
            for char in text:
                if char in OPENING:
                    depth += 1
                    deepest = max(deepest, depth)
                elif char in CLOSING:
                    depth -= 1
            if deepest > 2:
                found.append(f"{name}: {text[:80]}")
    assert not found, "brackets nested three deep:\n" + "\n".join(found)


def test_labelled_fields_stay_on_their_own_lines(pages):
    """"**处在这一阶段的岗位**：…" and "**这一阶段值得考虑的认证**：…" are two paragraphs, not one."""
    found = []
    for name, article in pages:
        for paragraph in article.find_all("p"):
            labels = [strong for strong in paragraph.find_all("strong", recursive=False)
                      if (strong.next_sibling or "").startswith("：")]
            if len(labels) > 1:
                found.append(f"{name}: {paragraph.get_text()[:80]}")
    assert not found, "fields run into one paragraph:\n" + "\n".join(found)


def test_every_section_id_is_ascii_and_explicit(pages):
    """Python-Markdown turns a Chinese heading into ``_1``: HR would copy that, and it changes when a heading
    is added above. Every heading id is an explicit ASCII id."""
    found = [f"{name}: <{heading.name} id={heading['id']!r}> {heading.get_text()[:30]}"
             for name, article in pages for heading in article.find_all(re.compile("^h[1-6]$"), id=True)
             if not re.fullmatch(r"[a-z][a-z0-9-]*", heading["id"])]
    assert not found, "headings without an explicit ASCII id:\n" + "\n".join(found)


def test_glossary_tooltips_mark_a_term_where_a_reader_first_meets_it(pages):
    """One tooltip per term and page, in running text: never in a heading, a link or the navigation."""
    terms = {term["term"] for term in yaml.safe_load((ROOT / "data/glossary.yaml").read_text("utf-8"))["terms"]}
    marked_somewhere = set()
    for name, article in pages:
        seen = [abbr.get_text() for abbr in article.find_all("abbr")]
        repeated = {term for term in seen if seen.count(term) > 1}
        assert not repeated, f"{name}: {sorted(repeated)} carry a tooltip more than once"
        misplaced = [abbr.get_text() for abbr in article.find_all("abbr")
                     if abbr.find_parent(["a", "h1", "h2", "h3", "h4", "h5", "h6"])]
        assert not misplaced, f"{name}: tooltips in headings or links: {misplaced}"
        marked_somewhere |= set(seen)
    assert marked_somewhere and marked_somewhere <= terms


def test_the_maintainers_pages_are_in_every_footer_not_in_the_tabs(built_site):
    page = BeautifulSoup((built_site / "roles/index.html").read_text(encoding="utf-8"), "html.parser")
    tabs = [tab.get_text().strip() for tab in page.select(".md-tabs__link")]
    assert "维护者" not in tabs and tabs[0] == "首页" and "岗位" in tabs, tabs
    for path in ("index.html", "roles/risk-manager/index.html", "404.html"):
        page = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
        link = page.select_one(".md-footer a.handbook-maintainers")
        assert link is not None and link.get_text() == "维护者指南", path


def test_the_preview_address_is_the_one_make_serve_serves():
    """`mkdocs serve` serves the site under site_url's path: the README and the maintainers' guide say so."""
    site_url = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text("utf-8"),
                         re.MULTILINE).group(1)
    path = "/" + site_url.split("://", 1)[1].split("/", 1)[1]
    address = f"http://127.0.0.1:8000{path}"
    for document in ("README.md", "handbook/maintainers/index.md", "Makefile"):
        text = (ROOT / document).read_text(encoding="utf-8")
        assert address in text, f"{document} does not give the preview address {address}"
        assert not re.search(r"http://127\.0\.0\.1:8000(?![/\w])", text), f"{document} gives another address"


BROKEN = {
    "a script the theme loads": ("mkdocs.yml", "  - path: assets/javascripts/handbook.js\n    defer: true\n",
                                 "  - path: assets/javascripts/handbook.js\n    defer: true\n"
                                 "  - path: assets/javascripts/gone.js\n    defer: true\n",
                                 "assets/javascripts/gone.js"),
    "a raw HTML link": ("handbook/glossary.md", "{{ glossary() }}", '{{ glossary() }}\n\n<p><a href="../nowhere/">x</a></p>',
                        "nowhere"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_missing_file_fails_the_build(tmp_path, case):
    file, old, new, named = BROKEN[case]
    project = copy_project(tmp_path / "project")
    target = project / file
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build published a page that references {named}"
    assert f"{named}：被 " in output and "引用" in output, output[-2000:]
