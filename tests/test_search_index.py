"""The search index as built: cut into character pairs the same way in Python and in the browser's search.js,
every page and section findable, each FAQ answer once, and nothing of it referenced by a page as it loads."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from macros.site import search_index
from macros.site.search_index import Section, sections_of, term_hash, tokens

ROOT = Path(__file__).resolve().parent.parent
SEARCH_JS = ROOT / "handbook" / "assets" / "javascripts" / "search.js"
CORPUS = Path(__file__).resolve().parent / "search" / "queries.yaml"


@pytest.mark.parametrize(("text", "expected"), [
    ("供应商", ["供应", "应商"]),
    ("燃尽图", ["燃尽", "尽图"]),
    ("里", ["里"]),
    ("谁负责预算", ["谁负", "负责", "责预", "预算"]),
    ("风险 预算", ["风险", "预算"]),
    ("技术PM", ["技术", "pm"]),
    ("Scrum Master", ["scrum", "master"]),
    ("ＴＰＭ", ["tpm"]),  # full-width letters, as some input methods type them
    ("PMI-ACP 认证", ["pmi", "acp", "认证"]),
    ("，。？", []),
])
def test_text_is_cut_into_character_pairs_and_words(text, expected):
    assert list(tokens(text)) == expected


def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.skip("Node.js not found (it runs search.js outside the browser)")
    return found


def test_search_js_knows_the_han_characters_the_data_floor_defines():
    """One range of Han characters: macros.data.lint.HAN; the browser's search.js holds it as a string literal."""
    from macros.data.lint import HAN

    literal = re.search(r'var HAN = "([^"]+)";', SEARCH_JS.read_text(encoding="utf-8"))
    assert literal and literal.group(1).encode().decode("unicode_escape") == HAN


def test_search_js_cuts_and_hashes_exactly_like_the_index(built_site):
    """The query is cut by search.js, the index by search_index.py: the same terms and term files, or a query
    would miss what the index holds. Compared on every section of the real site and on the query corpus."""
    texts = [q["query"] for q in yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["queries"]]
    for file in sorted((built_site / "search" / "texts").glob("*.json")):
        for _anchor, title, text, *names in json.loads(file.read_text(encoding="utf-8")):
            texts += [title, text, *(names[0] if names else [])]
    script = ("const s = require(process.argv[1]); let input = '';"
              "process.stdin.on('data', d => input += d).on('end', () => {"
              "const texts = JSON.parse(input);"
              "process.stdout.write(JSON.stringify(texts.map(t => s.tokens(t).map(x => [x, s.termHash(x)]))));});")
    result = subprocess.run([node(), "-e", script, str(SEARCH_JS)], input=json.dumps(texts), capture_output=True,
                            text=True, timeout=120, check=True)
    from_js = json.loads(result.stdout)
    for text, terms in zip(texts, from_js, strict=True):
        assert [term for term, _ in terms] == list(tokens(text)), text
        assert all(value == term_hash(term) for term, value in terms), text


def test_an_faq_answer_repeated_on_role_pages_is_indexed_once_on_the_faq_page():
    question = Section("faq/#budget-owner", "项目预算由哪个岗位负责？", "项目财务经理…… 相关岗位：项目财务经理")
    copy = Section("roles/finance-manager/#budget-owner", question.title, "项目财务经理……")
    own = Section("roles/finance-manager/#raci", "RACI 职责分配", "编制项目预算……")
    same_heading = Section("roles/risk-manager/#raci", "RACI 职责分配", "风险识别……")
    entries = [{"location": s.location, "title": s.title, "text": s.text}
               for s in (copy, own, same_heading, question)]
    assert sections_of(entries) == [own, same_heading, question]


def index_files(site: Path) -> tuple[dict, list[dict], list[tuple[str, str, str, str]]]:
    """index.json, the term files, and every section as (page URL, anchor, title, text)."""
    folder = site / "search"
    meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    terms = [json.loads((folder / "terms" / f"{n}.json").read_text(encoding="utf-8"))
             for n in range(meta["termFiles"])]
    rows = [row for n in range(len(meta["texts"]))
            for row in json.loads((folder / "texts" / f"{n}.json").read_text(encoding="utf-8"))]
    firsts = [first for _url, _title, first, *_boost in meta["pages"]]
    sections = []
    for number, (anchor, title, text, *_names) in enumerate(rows):
        page = max(i for i, first in enumerate(firsts) if first <= number)
        sections.append((meta["pages"][page][0], anchor, title, text))
    return meta, terms, sections


def test_every_page_is_indexed_and_every_term_file_points_at_real_sections(built_site):
    meta, terms, sections = index_files(built_site)
    built = {path.parent.relative_to(built_site).as_posix() + "/" for path in built_site.rglob("index.html")}
    built = {"" if path == "./" else path for path in built}
    indexed = {url for url, _title, _first, *_boost in meta["pages"]}
    assert indexed <= built
    assert {"", "faq/", "glossary/", "career/", "raci/", "roles/risk-manager/"} <= indexed
    assert len(sections) == meta["sections"]
    # Each text file holds sections of one page only, and each page's first section starts a file.
    assert {first for _url, _title, first, *_boost in meta["pages"]} <= set(meta["texts"])
    for number, bucket in enumerate(terms):
        for term, postings in bucket.items():
            assert term_hash(term) % meta["termFiles"] == number
            df, pairs = postings[0], postings[1:]
            assert len(pairs) % 2 == 0 and len(pairs) // 2 <= df
            assert sum(pairs[0::2]) < meta["sections"], term


@pytest.mark.parametrize("term", ["tpm", "pmo", "scrum", "供应", "应商", "风险", "复盘"])
def test_aliases_and_words_are_in_the_index(built_site, term):
    meta, terms, _pages = index_files(built_site)
    assert term in terms[term_hash(term) % meta["termFiles"]]


def test_each_faq_question_is_a_section_of_the_faq_page_only(built_site):
    _meta, _terms, sections = index_files(built_site)
    titles: dict[str, list[str]] = {}
    for url, anchor, title, _text in sections:
        if anchor and title.endswith("？"):
            titles.setdefault(title, []).append(url)
    assert len(titles) >= 10, "FAQ questions missing from the index"
    assert {url for urls in titles.values() for url in urls} == {"faq/"}


def test_no_page_loads_search_files_or_the_lunr_index(built_site):
    """Search files are fetched by the search worker for a query, never named by a page's markup."""
    from bs4 import BeautifulSoup

    assert json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
    for page in (built_site / "index.html", built_site / "roles" / "risk-manager" / "index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        named = [tag.get("src") or tag.get("href") for tag in soup.find_all(["script", "link"])]
        assert not [url for url in named if url and ("search" in url)], page


def test_an_unknown_engine_is_refused_with_the_choices(monkeypatch):
    monkeypatch.setenv(search_index.ENGINE_VARIABLE, "elastic")
    refusal = "^环境变量 HANDBOOK_SEARCH_ENGINE：不认识的搜索方式「elastic」：.*bigram.*pagefind"
    with pytest.raises(ValueError, match=refusal):
        search_index.engine()


# The maintainers' pages, as their folder holds them: "maintainers/", "maintainers/benchmarks/", …
MAINTAINERS_PAGES = {"maintainers/" + ("" if page.stem == "index" else page.stem + "/")
                     for page in (ROOT / "handbook" / "maintainers").glob("*.md")}


def test_a_pages_search_boost_is_carried_into_the_index(built_site):
    """Material's `search: boost:` front matter: the maintainers' pages (0.3) rank below the readers' pages; a
    page without it carries no boost (1)."""
    meta = index_files(built_site)[0]
    boosts = {row[0]: (row[3] if len(row) > 3 else 1) for row in meta["pages"]}
    assert {url for url, boost in boosts.items() if boost != 1} == MAINTAINERS_PAGES
    assert {boosts[url] for url in MAINTAINERS_PAGES} == {0.3}


# --- Whole questions (issue #27) -----------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "about"), [
    ("什么是干系人", ["干系人"]),
    ("里程碑是什么", ["里程碑"]),
    ("发布经理做什么", ["发布经理"]),
    ("技术项目经理和项目经理的区别", ["技术项目经理", "项目经理"]),  # no 理和, 理的, 区别
    ("项目预算由谁负责", ["项目预算", "负责"]),
    ("怎么考PMP", ["pmp"]),  # 考, left alone between question words, is left out
    ("PMO是做什么的", ["pmo"]),
    ("谁参与需求评审", ["参与需求评审"]),  # 与 is not a question word on its own (参与)
    ("区别", ["区别"]),  # nothing but question words: the query as typed
])
def test_search_js_leaves_the_question_words_of_the_index_out_of_a_query(query, about):
    """search.js asks what a question is about, with the one list the index writes (questionWords)."""
    script = ("const s = require(process.argv[1]);"
              "const words = JSON.parse(process.argv[2]).sort((a, b) => b.length - a.length);"
              "process.stdout.write(JSON.stringify(s.contentPhrases(process.argv[3], words)));")
    result = subprocess.run([node(), "-e", script, str(SEARCH_JS), json.dumps(search_index.QUESTION_WORDS), query],
                            capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(result.stdout) == about


def test_each_defined_term_is_a_section_at_its_anchor():
    markup = ('<table><tr><td><dfn id="term-milestone">里程碑</dfn></td><td>Milestone</td><td>关键时间点。</td></tr>'
              '<tr><td>没有定义的行</td></tr></table>')
    assert search_index.definitions("glossary/", markup) == [{
        "location": "glossary/#term-milestone", "title": "里程碑", "definition": True,
        "text": '<td><dfn id="term-milestone">里程碑</dfn></td><td>Milestone</td><td>关键时间点。</td>'}]


def test_the_index_holds_the_question_words_the_maintainers_pages_and_the_glossary_terms(built_site):
    meta, _terms, sections = index_files(built_site)
    assert meta["questionWords"] == list(search_index.QUESTION_WORDS)
    maintainers = {meta["pages"][n][0] for n in meta["maintaining"]["pages"]}
    assert maintainers == MAINTAINERS_PAGES
    assert {"维护", "yaml", "校验"} <= set(meta["maintaining"]["words"])
    defined = {f"{sections[n][0]}#{sections[n][1]}": sections[n][2] for n in meta["definitions"]}
    assert defined["glossary/#term-stakeholder"] == "干系人"
    assert defined["glossary/#term-critical-path"] == "关键路径"
    glossary = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    assert len(defined) == len(glossary)


def test_a_roles_aliases_head_its_page_in_the_index(built_site):
    """A role's English name and aliases (its structured data's alternateName) go with the head section of its
    page, where search.js reads them as the page's other headings (TPM heads 技术项目经理's page)."""
    meta = index_files(built_site)[0]
    first = {url: start for url, _title, start, *_boost in meta["pages"]}["roles/technical-project-manager/"]
    number = max(n for n, start in enumerate(meta["texts"]) if start <= first)
    rows = json.loads((built_site / "search" / "texts" / f"{number}.json").read_text(encoding="utf-8"))
    anchor, title, _text, names = rows[first - meta["texts"][number]]
    assert (anchor, title) == ("", "技术项目经理")
    assert {"TPM", "Technical Project Manager"} <= set(names)


@pytest.mark.parametrize(("markup", "expected"), [
    ("<h1 id='t'>岗位<a class='headerlink' href='#t'>¶</a></h1><p>正文</p>", [("", "岗位", "正文")]),
    ("<p>开头</p><h2 id='a'>职责</h2><p>写计划</p>", [("", "页面标题", "开头"), ("a", "职责", "写计划")]),
    ("<h1 id='t'>岗位</h1><div data-search-exclude><div>对比</div>链接</div><p>留下</p>", [("", "岗位", "留下")]),
    ("<h1 id='t'>岗位</h1><h2 id='c' data-search-exclude>变更记录</h2><p>改了名</p><h2 id='d'>职责</h2><p>写</p>",
     [("", "岗位", ""), ("d", "职责", "写")]),
    ("<h1 id='t'>岗位</h1><p>前</p><details><h3 id='f'>折叠</h3><p>里面</p></details><p>后</p>",
     [("", "岗位", "前 后"), ("f", "折叠", "里面")]),
    ("<h1 id='t'>岗位</h1><p>项目</p><p></p><p>管理</p><script>var a</script><style>p{}</style>",
     [("", "岗位", "项目 管理")]),
    ("<h1 id='t'>A &amp; B</h1><p>&lt;b&gt; 不是标签</p>", [("", "A & B", "<b> 不是标签")]),
], ids=["permalink", "text-before-heading", "excluded-block", "excluded-section", "heading-in-fold", "empty-and-code",
        "entities"])
def test_a_page_is_divided_into_sections_at_its_headings(markup, expected):
    """What a reader finds is what the page says under each heading: a section per heading with an id, nothing
    marked data-search-exclude (a block, or a heading's whole section), no permalink sign, no script; a fold's
    heading ends with the fold."""
    entries = search_index.page_entries("roles/x/", markup, {}, "页面标题", "handbook/roles/x.md")
    assert [(section.anchor, section.title, section.text) for section in search_index.sections_of(entries)] == [
        (anchor, title, text) for anchor, title, text in expected]


def test_a_page_with_search_exclude_gives_no_section():
    assert search_index.page_entries("x/", "<h1 id='t'>页</h1><p>字</p>", {"search": {"exclude": True}}, "页",
                                     "handbook/x.md") == []
