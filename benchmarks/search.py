"""Search engines compared on the query corpus, in Chromium, as a reader types (``make bench``, section "search").

Three candidates, each built at every size:

- ``lunr``: Material's own search as the handbook had it before its own index (commit ``BASELINE``: lunr, the
  index segmented by jieba at build time, jieba's results remembered): the same project built with that
  commit's macros/, overrides/ and mkdocs.yml. The query is segmented in the browser by
  ``Intl.Segmenter('zh')`` and typed with spaces between the words. Its build is "today's" build time;
- ``pagefind``: Pagefind (npm ``pagefind``, its own Chinese segmentation at indexing, ``Intl.Segmenter`` for
  the query), run on the built site and asked through its JavaScript API;
- ``bigram``: the handbook's index of overlapping character pairs (macros/site/search_index.py) behind
  Material's search box.

Measured: recall@3 (an expected page among the first three distinct pages), single-character false hits
(a listed page, of the first ten, holding none of the query's pairs of characters and none of its Latin
words: it can only have matched one character), bytes transferred for search before any query (page load)
and up to the first results, the index's size on disk and the build time.
"""

from __future__ import annotations

import html
import re
import shutil
import statistics
import subprocess
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.data.lint import HAN

from .project import ROOT

CORPUS = ROOT / "tests" / "search" / "queries.yaml"
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
ENGINES = ("lunr", "pagefind", "bigram")
RUN = re.compile(f"[{HAN}]+|[a-z0-9]+")
ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
TAG = re.compile(r"<[^>]+>")
LISTED = 10
BASELINE = "7d20417"  # the last commit with Material's lunr index (and jieba's segmentation cache)
BASELINE_PARTS = ("macros", "overrides", "mkdocs.yml")


def baseline_project(project: Path, target: Path, revision: str = BASELINE) -> Path:
    """``project`` (its data and pages) with the code of ``revision``: the handbook as it was built then."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(project, target, ignore=shutil.ignore_patterns(*BASELINE_PARTS))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, *BASELINE_PARTS], capture_output=True,
                             timeout=120)
    if archive.returncode != 0:
        raise RuntimeError(f"git archive {revision} failed (the lunr baseline needs the repository's history): "
                           f"{archive.stderr.decode(errors='replace')[-500:]}")
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True, timeout=120)
    return target


# The kinds of tests/search/queries.yaml asked as whole questions; their recall@3 is reported apart from that of
# the keywords (every other kind).
WHOLE_QUESTION_KINDS = ("faq", "compare", "term", "role", "who")


@dataclass(frozen=True)
class Query:
    query: str
    kind: str
    expect: tuple[str, ...]

    @property
    def set(self) -> str:
        return "whole questions" if self.kind in WHOLE_QUESTION_KINDS else "keywords"


def corpus(path: Path = CORPUS) -> list[Query]:
    """The query corpus of tests/search/queries.yaml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["query"]), q["kind"], tuple(q["expect"])) for q in data["queries"]]


def synthetic_corpus(names: Iterable[Any], count: int = 40) -> list[Query]:
    """For synthetic handbooks: role names (北京支付项目风险经理), as a reader looks a role up."""
    names = list(names)
    step = max(1, len(names) // count)
    return [Query(n.name, "compound", (f"roles/{n.slug}/",)) for n in names[::step][:count]]


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def pieces(query: str) -> tuple[set[str], bool]:
    """The query's two-character pieces and Latin words; whether it is longer than one character."""
    found, longer = set(), False
    for run in RUN.findall(normalise(query)):
        if run.isascii():
            found.add(run)
            longer = True
        elif len(run) > 1:
            found.update(run[i:i + 2] for i in range(len(run) - 1))
            longer = True
    return found, longer


class PageTexts:
    """The article text of built pages, by site path."""

    def __init__(self, site: Path):
        self.site = site
        self.cache: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        if path not in self.cache:
            file = self.site / path / "index.html"
            body = file.read_text(encoding="utf-8") if file.is_file() else ""
            match = ARTICLE.search(body)
            self.cache[path] = normalise(html.unescape(TAG.sub(" ", match.group(1) if match else body)))
        return self.cache[path]


def false_hits(query: str, listed: list[str], texts: PageTexts) -> list[str]:
    """Listed pages that hold nothing of the query longer than one character."""
    wanted, longer = pieces(query)
    if not longer:
        return []
    return [path for path in listed[:LISTED] if not any(piece in texts(path) for piece in wanted)]


def site_path(url: str, base: str) -> str:
    path = url.split("#", 1)[0].split("?", 1)[0]
    path = path[len(base):] if path.startswith(base) else path.lstrip("/")
    return path.removesuffix("index.html")


# --- In the browser ---------------------------------------------------------------------------------------

MATERIAL_RESULTS = """() => Array.from(
  document.querySelectorAll('li.md-search-result__item > a.md-search-result__link')).map(a => a.href)"""
PLACEHOLDER = """() => JSON.parse(document.getElementById('__config').textContent)
  .translations['search.result.placeholder']"""
SEGMENT = """q => Array.from(new Intl.Segmenter('zh', {granularity: 'word'}).segment(q))
  .filter(s => s.isWordLike).map(s => s.segment).join(' ')"""
PAGEFIND_SEARCH = """async q => {
  window.__pf = window.__pf || await import(new URL('pagefind/pagefind.js', document.baseURI).href);
  const found = await window.__pf.search(q);
  const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  return data.map(d => d.url);
}"""


def type_query(page, query: str, timeout: float = 180_000) -> list[str]:
    """Type a query into Material's search box (clearing it first); the result links, in order."""
    box = page.locator("input.md-search__input")
    box.click()
    placeholder = page.evaluate(PLACEHOLDER)
    box.fill("")
    box.dispatch_event("keyup")
    page.wait_for_function("p => document.querySelector('.md-search-result__meta').textContent === p",
                           arg=placeholder, timeout=timeout)
    page.keyboard.insert_text(query)
    box.dispatch_event("keyup")
    page.wait_for_function("p => document.querySelector('.md-search-result__meta').textContent !== p",
                           arg=placeholder, timeout=timeout)
    page.wait_for_timeout(30)
    return page.evaluate(MATERIAL_RESULTS)


def ask(page, engine: str, query: str) -> list[str]:
    """The distinct pages an engine lists for ``query``, in order (site paths)."""
    base = page.evaluate("() => new URL('.', document.baseURI).pathname")
    if engine == "pagefind":
        urls = page.evaluate(PAGEFIND_SEARCH, query)
    else:
        typed = page.evaluate(SEGMENT, query) if engine == "lunr" else query
        urls = type_query(page, typed)
    listed: list[str] = []
    for url in urls:
        path = site_path(re.sub(r"^https?://[^/]+", "", url), base)
        if path not in listed:
            listed.append(path)
    return listed


def search_related(url: str, engine: str) -> bool:
    if engine == "pagefind":
        return "/pagefind/" in url
    if engine == "lunr":
        return "/search/" in url or "/workers/search" in url
    return "/search/" in url or url.endswith("/javascripts/search.js")


@dataclass
class Transfer:
    at_load: int = 0
    first_search: int = 0
    requests_at_load: list[str] = field(default_factory=list)


def first_search_bytes(browser, base_url: str, engine: str, query: str) -> Transfer:
    """Bytes (compressed bodies and headers) of search files: while the home page loads, and up to the first
    query's results. A fresh browser context: nothing cached."""
    context = browser.new_context(locale="zh-CN", base_url=base_url)
    page = context.new_page()
    seen: list[tuple[str, int, bool]] = []
    loaded = {"done": False}

    def finished(request):
        if not search_related(request.url, engine):
            return
        try:
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        except Exception:  # noqa: BLE001 - a request without sizes (aborted) counts nothing
            size = 0
        seen.append((request.url, size, loaded["done"]))

    context.on("requestfinished", finished)
    try:
        page.goto("")
        page.wait_for_load_state("networkidle")
        if engine == "lunr":  # Material's worker loads the whole index as the page loads
            page.wait_for_timeout(500)
        loaded["done"] = True
        ask(page, engine, query)
        page.wait_for_timeout(200)
    finally:
        context.close()
    transfer = Transfer()
    for url, size, after in seen:
        transfer.first_search += size
        if not after:
            transfer.at_load += size
            transfer.requests_at_load.append(url)
    return transfer


# --- Building and measuring -------------------------------------------------------------------------------


def run_pagefind(site: Path) -> float:
    """Index a built site with Pagefind; seconds taken. Fails with a clear message without it."""
    if not PAGEFIND.exists():
        raise RuntimeError(f"Pagefind is not installed ({PAGEFIND.relative_to(ROOT)} missing): run `npm ci`")
    started = time.perf_counter()
    result = subprocess.run([str(PAGEFIND), "--site", str(site)], capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return time.perf_counter() - started


def index_bytes(site: Path, engine: str) -> int:
    folder = site / ("pagefind" if engine == "pagefind" else "search")
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


@dataclass
class EngineResult:
    engine: str
    roles: int
    queries: int = 0
    recall_at_3: float = 0.0
    recall_by_set: dict[str, float] = field(default_factory=dict)  # keywords, whole questions
    false_hit_queries: int = 0
    false_hits: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    build_seconds: float = 0.0
    index_bytes: int = 0
    load_bytes: int = 0
    load_requests: list[str] = field(default_factory=list)
    first_search_bytes_median: int = 0
    first_search_bytes_max: int = 0
    seconds_per_query: float = 0.0


def evaluate(browser, base_url: str, site: Path, engine: str, queries: list[Query], result: EngineResult,
             byte_queries: int = 3) -> EngineResult:
    """Run ``queries`` against a served site; fill ``result``."""
    texts = PageTexts(site)
    context = browser.new_context(locale="zh-CN", base_url=base_url)
    page = context.new_page()
    page.goto("")
    hits = 0
    by_set: dict[str, list[int]] = {}  # set -> [answered, asked]
    started = time.perf_counter()
    try:
        for query in queries:
            listed = ask(page, engine, query.query)
            answered = any(path in query.expect for path in listed[:3])
            tally = by_set.setdefault(query.set, [0, 0])
            tally[0] += answered
            tally[1] += 1
            if answered:
                hits += 1
            else:
                result.misses.append({"query": query.query, "expect": list(query.expect), "got": listed[:3]})
            wrong = false_hits(query.query, listed, texts)
            if wrong:
                result.false_hit_queries += 1
                result.false_hits.append({"query": query.query, "pages": wrong})
    finally:
        context.close()
    result.queries = len(queries)
    result.recall_at_3 = hits / len(queries) if queries else 0.0
    result.recall_by_set = {name: answered / asked for name, (answered, asked) in by_set.items()}
    result.seconds_per_query = (time.perf_counter() - started) / max(1, len(queries))
    step = max(1, len(queries) // byte_queries)
    transfers = [first_search_bytes(browser, base_url, engine, q.query) for q in queries[::step][:byte_queries]]
    result.load_bytes = max(t.at_load for t in transfers)
    result.load_requests = sorted({u.replace(base_url, "") for t in transfers for u in t.requests_at_load})
    result.first_search_bytes_median = int(statistics.median(t.first_search for t in transfers))
    result.first_search_bytes_max = max(t.first_search for t in transfers)
    return result


def compare(project_root: Path, roles: int, queries: list[Query], workdir: Path, build, say,
            engines: Iterable[str] = ENGINES) -> list[EngineResult]:
    """Build the project once per engine and measure each; ``build(root, site, env)`` times one build."""
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from browser_support import chromium_path, launch, serve
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if not executable:
        raise RuntimeError("the search comparison needs Chromium: `make browser`")
    results = []
    with sync_playwright() as playwright:
        browser = launch(playwright, executable)
        try:
            for engine in engines:
                site = workdir / f"site-search-{engine}"
                if engine == "lunr":
                    try:
                        root = baseline_project(project_root, workdir / "project-lunr")
                        build(root, workdir / "warm-lunr", {})  # untimed, as for the others: bytecode, caches
                    except RuntimeError as error:  # the data has outgrown the baseline's code
                        say(f"{roles} roles: search lunr skipped: the baseline {BASELINE} does not build: "
                            f"{str(error)[-300:]}")
                        continue
                    seconds = build(root, site, {})
                else:
                    seconds = build(project_root, site, {"HANDBOOK_SEARCH_ENGINE": engine})
                if engine == "pagefind":
                    seconds += run_pagefind(site)
                result = EngineResult(engine, roles, build_seconds=seconds, index_bytes=index_bytes(site, engine))
                say(f"{roles} roles: search {engine}: built in {seconds:.1f} s, "
                    f"index {result.index_bytes / 1e6:.1f} MB; {len(queries)} queries")
                with serve(site) as url:
                    evaluate(browser, url, site, engine, queries, result)
                sets = "".join(f", {name} {value:.1%}" for name, value in result.recall_by_set.items())
                say(f"{roles} roles: search {engine}: recall@3 {result.recall_at_3:.1%}{sets}, "
                    f"{result.false_hit_queries} queries with false hits, first search "
                    f"{result.first_search_bytes_max / 1e3:.0f} KB")
                results.append(result)
                shutil.rmtree(site, ignore_errors=True)
        finally:
            browser.close()
    return results


def markdown(results: list[EngineResult]) -> list[str]:
    """The comparison table (one row per engine and size) and the targets of the chosen engine."""
    lines = ["", "## Search engines", "",
             "recall@3 and false hits on tests/search/queries.yaml at 13 roles (real data), on role names at "
             "synthetic sizes. Bytes: compressed, search files only; at load = before any query; first search = "
             "from page load to the first results (max of 3 fresh tabs). Build: the whole build, Pagefind's "
             "indexing included.", "",
             "| roles | engine | queries | recall@3 | queries with 1-char false hits | at load (KB) "
             "| first search (KB) | index on disk (MB) | build (s) | build / lunr |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    dictionary = jieba_dictionary()
    if dictionary:
        lines[5:5] = [f"Segmenting the query in the browser the way jieba cut the index needs jieba's dictionary: "
                      f"{dictionary[0] / 1e6:.1f} MB, {dictionary[1] / 1e6:.1f} MB gzipped, fetched by the first "
                      "search.", ""]
    lunr = {r.roles: r.build_seconds for r in results if r.engine == "lunr"}
    for r in results:
        ratio = r.build_seconds / lunr[r.roles] if lunr.get(r.roles) else float("nan")
        lines.append(f"| {r.roles:,} | {r.engine} | {r.queries} | {r.recall_at_3:.1%} | {r.false_hit_queries} "
                     f"| {r.load_bytes / 1e3:.1f} | {r.first_search_bytes_max / 1e3:.1f} "
                     f"| {r.index_bytes / 1e6:.2f} | {r.build_seconds:.1f} | {ratio:.2f}× |")
    for r in results:
        if len(r.recall_by_set) > 1:
            lines += ["", f"recall@3 of {r.engine} at {r.roles:,} roles: "
                      + ", ".join(f"{name} {value:.1%}" for name, value in r.recall_by_set.items())]
        if r.misses:
            shown = "; ".join(f"{m['query']} → {', '.join(p or '/' for p in m['got']) or 'nothing'}"
                              for m in r.misses[:8])
            lines += ["", f"Missed by {r.engine} at {r.roles:,} roles ({len(r.misses)}): {shown}"
                      + (" …" if len(r.misses) > 8 else "")]
    return lines


def jieba_dictionary() -> tuple[int, int] | None:
    """The size of jieba's dictionary, as it is and gzipped; None without jieba."""
    import gzip
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    data = (Path(spec.origin).parent / "dict.txt").read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9))


def targets(results: list[EngineResult], engine: str = "bigram") -> list[dict[str, Any]]:
    """The issue's search targets for the chosen engine."""
    mine = [r for r in results if r.engine == engine]
    lunr = {r.roles: r.build_seconds for r in results if r.engine == "lunr"}
    thousand = next((r for r in mine if r.roles == 1000), None)

    def target(name, value, limit, unit="", at_least=False):
        met = None if value is None else (value >= limit if at_least else value <= limit)
        return {"target": name, "value": value, "limit": limit, "unit": unit, "met": met}

    return [
        target("search recall@3 ≥ 97 % (every size)", min((r.recall_at_3 * 100 for r in mine), default=None),
               97.0, " %", at_least=True),
        target("queries with single-character false hits = 0", max((r.false_hit_queries for r in mine),
                                                                     default=None), 0),
        target("search bytes before the reader searches = 0", max((r.load_bytes for r in mine), default=None), 0,
               " B"),
        target("first search at N=1000 ≤ 150 KB", thousand.first_search_bytes_max / 1e3 if thousand else None,
               150.0, " KB"),
        target("build at N=1000 ≤ 1.10× lunr build", thousand.build_seconds / lunr[1000]
               if thousand and lunr.get(1000) else None, 1.10, "×"),
    ]
