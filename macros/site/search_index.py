"""The handbook's search index: overlapping character bigrams, in small files fetched only for a query.

Material's search plugin still divides every page into sections (its parser, its locations, its search box,
keyboard and highlight on the opened page); what it would write, one lunr index of every word of every page,
is replaced here. Why bigrams: the browser has no jieba, and ``Intl.Segmenter('zh')`` cuts differently
(供应商 → 供应|商), so a query is only found reliably when the index and the query are cut by the same rule.
Every run of two or more Chinese characters becomes its overlapping pairs (供应商 → 供应, 应商), a lone
character stays one token, Latin letters and digits form words; ``search.js`` cuts the query with the same
rule (tested against this module). A pair is never one character, so no page is listed for one character of
a longer query. Measured against lunr and Pagefind in ``make bench`` (see the maintainers' benchmark page).

Files, under ``search/`` of the built site:

- ``index.json``: the pages (URL, title, first section), where each text file starts, the number of term files
  and a version; the question words search.js leaves out of a query (``QUESTION_WORDS``), the maintainers' pages
  and the words that list them (``MAINTAINING_WORDS``), and the sections that define a term (``definitions``);
- ``terms/<n>.json``: for the terms whose hash falls in file ``n``, how many sections hold them and which (with
  weights; for the commonest terms only the sections with the term in their title);
- ``texts/<n>.json``: consecutive sections of one page (anchor, title, the start of the plain text), at most
  about ``TEXT_FILE_BYTES``: a page of ordinary length is one file; the FAQ of 1,000 roles is several hundred.
  Fetched only for the sections of the first pages listed.

The reader's browser fetches nothing of this until a query is typed: one query reads ``index.json``, one
term file per distinct term and the sections of the first pages listed.

An FAQ answer shown on a role page as well as on the FAQ page is indexed once, where it is maintained
(the FAQ page). ``HANDBOOK_SEARCH_ENGINE=pagefind`` builds no index at all, for the benchmark to run Pagefind
on the built pages; Material's own lunr index is measured from the commit before this module (benchmarks/search.py).
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.lint import HAN
from ..data.messages import say
from . import later

ENGINES = ("bigram", "pagefind")
ENGINE_VARIABLE = "HANDBOOK_SEARCH_ENGINE"
SEARCH_PLUGIN = "material/search"
SEARCH_MODULE = "material.plugins.search.plugin"

# Han (macros.data.lint: the one definition; search.js holds the same range, tests/test_search_index.py compares
# them); Latin letters and digits.
TOKEN = re.compile(f"[{HAN}]+|[a-z0-9]+")
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
TITLE_FLAG = 16  # weight = min(count, 15) + 16 if the term is in the section's title
MAX_COUNT = 15
TERM_FILE_BYTES = 24_000  # aim for term files of about this size (before compression)
# Text kept per section for snippets and for ranking whole phrases: the whole text of any ordinary section (the
# glossary's table is 2,400 characters), the start of a very long one (the RACI matrix of 1,000 roles), which
# the term files still index in full.
SNIPPET_SOURCE_CHARS = 3000
# A term in more than this share of all sections, and in thousands of them (项目, 经理 at 1,000 roles), tells
# little about any one of them and would make every query's download large: only the sections with it in
# their title are listed for it (its true count of sections is kept, so its weight is right).
COMMON_SHARE = 0.2
COMMON_SECTIONS = 2000
TEXT_FILE_BYTES = 12_000
HASH_MULTIPLIER = 31
# Words that make a query a question but say nothing of what it is about: search.js leaves them out of the query
# before cutting it (什么是干系人 is asked as 干系人), where it finds them, longest first; a character left alone
# between them is left out too. One list, written into index.json for the browser. Characters that also begin
# or end ordinary words (与 in 参与, 跟 in 跟进, 了 in 了解, 会 in 会议, 要 in 需要) are not in it on their own.
QUESTION_WORDS = (
    "区别", "不同", "差别", "差异", "不一样", "一样", "同一个岗位", "一回事", "有什么", "有哪些", "有没有", "有何",
    "怎么办", "怎么样", "怎么", "怎样", "如何", "咋", "为什么", "为何",
    "什么样", "什么意思", "什么叫", "什么是", "是什么", "是做什么", "是干什么", "是不是", "是否", "是谁", "是哪个",
    "做些什么", "做什么", "干什么", "干嘛", "什么", "意思",
    "由谁", "谁", "哪个岗位", "哪个", "哪些", "哪里", "哪",
    "应该", "需要", "可以", "能不能", "能否", "必须", "一般", "通常", "请问", "我们", "我",
    "吗", "呢", "吧", "啊", "的", "和",
)
# The maintainers' pages answer maintainers, not readers: they are listed only for a query with one of these words
# (about maintaining the handbook) or when the reader searches from one of them.
MAINTAINERS = "maintainers/"
MAINTAINING_WORDS = (
    "维护", "yaml", "json", "构建", "make", "校验", "字段", "schema", "索引", "基准", "性能", "mkdocs", "python",
    "模板", "预览", "报错", "网址", "锚点", "slug", "重命名", "新增岗位", "bench", "ci", "git",
)
DEFINITION = re.compile(r'<dfn id="([^"]+)">(.*?)</dfn>')
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)


class SearchIndexError(ValueError):
    """A setting or a page's front matter the index cannot use; the message says which and what to write."""


def engine() -> str:
    """The search engine this build uses: ``bigram`` unless the benchmark asks for ``pagefind``."""
    chosen = os.environ.get(ENGINE_VARIABLE, "bigram").strip().lower() or "bigram"
    if chosen not in ENGINES:
        raise SearchIndexError(say("refused", where=f"环境变量 {ENGINE_VARIABLE}",
                                   message=say("search_engine_unknown", chosen=chosen)))
    return chosen


def page_boost(value: Any, where: str) -> float:
    """A page's ``search: boost:`` as a finite number. NaN or infinity in the index would make every query
    of the site find nothing (the JSON would not even parse), so anything else is refused, naming ``where``."""
    number = math.nan
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        try:
            number = float(value)
        except ValueError:
            pass
    if not math.isfinite(number):
        raise SearchIndexError(say("refused", where=f"{where} search.boost", message=say("search_boost_invalid",
                                                                                        got=value)))
    return number


def normalise(text: str) -> str:
    """Full-width Latin to ASCII, lower case: what the query gets too (``String.normalize('NFKC')``)."""
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> Iterator[str]:
    """The search terms of ``text``, in order: bigrams of Chinese runs, lone characters, Latin words."""
    for match in TOKEN.finditer(normalise(text)):
        run = match.group()
        if run[0].isascii() or len(run) == 1:
            yield run
        else:
            for i in range(len(run) - 1):
                yield run[i:i + 2]


def term_hash(term: str) -> int:
    """A 32-bit hash over UTF-16 code units, the same in ``search.js`` (``Math.imul``)."""
    units = term.encode("utf-16-le")
    value = 0
    for i in range(0, len(units), 2):
        value = (value * HASH_MULTIPLIER + (units[i] | units[i + 1] << 8)) & 0xFFFFFFFF
    return value


def plain(markup: str) -> str:
    """A section's text as a reader sees it: no tags, entities decoded, whitespace collapsed."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", markup))).strip()


@dataclass(frozen=True)
class Section:
    location: str  # as Material writes it: "roles/risk-manager/#raci", "" for the home page
    title: str
    text: str
    boost: float = 1.0  # the page's `search: boost:` front matter, as Material's own search reads it
    definition: bool = False  # a term's definition (see definitions())
    names: tuple[str, ...] = ()  # a page's head section: the page's other names (see other_names())

    @property
    def page(self) -> str:
        return self.location.split("#", 1)[0]

    @property
    def anchor(self) -> str:
        return self.location.split("#", 1)[1] if "#" in self.location else ""


def sections_of(entries: Iterable[dict[str, Any]]) -> list[Section]:
    """Material's entries as sections, each FAQ answer once: a role page's section that repeats a section of
    another page (same anchor, same title, its text contained in the other's: an FAQ entry shown on its roles'
    pages, which the FAQ page shows with its related roles) is left to the page that is not a role page."""
    sections = [Section(entry["location"], plain(entry["title"]), plain(entry["text"]),
                        page_boost(entry.get("boost", 1),
                                   say("search_page", page=entry["location"].split("#", 1)[0] or "/")),
                        bool(entry.get("definition")), tuple(entry.get("names", ())))
                for entry in entries]
    shared: dict[tuple[str, str], list[Section]] = defaultdict(list)
    for section in sections:
        if section.anchor and not section.page.startswith("roles/"):
            shared[(section.anchor, section.title)].append(section)

    def repeated(section: Section) -> bool:
        return (section.page.startswith("roles/") and bool(section.anchor)
                and any(section.text in other.text for other in shared.get((section.anchor, section.title), ())))

    return [section for section in sections if not repeated(section)]


def other_names(page_meta: dict[str, Any]) -> list[str]:
    """A page's other names, as its structured data gives them (a role's English name and aliases: schema.org
    ``alternateName``): search.js reads them as headings of the page's head section, so TPM or 风险经理 is the
    role's name as much as 技术项目经理 or 项目风险经理 is."""
    try:
        data = json.loads(str(page_meta.get("json_ld") or "null"))
    except ValueError:
        return []
    names = data.get("alternateName") if isinstance(data, dict) else None
    return [plain(name) for name in names if isinstance(name, str)] if isinstance(names, list) else []


def definitions(url: str, markup: str) -> list[dict[str, Any]]:
    """A section of its own for each term a page defines (``<dfn id>``: the glossary's rows), at the term's
    anchor, titled with the term: a query that is a term, or asks what it is, finds its definition (Material
    divides a page at its headings only, so the glossary would be two sections of sixty terms each)."""
    found = []
    for row in ROW.findall(markup):
        term = DEFINITION.search(row)
        if term:
            found.append({"location": f"{url}#{term.group(1)}", "title": term.group(2), "text": row,
                          "definition": True})
    return found


# Each section's terms by its title and text: under `mkdocs serve` a save changes a page or two, and the index of
# every other page is made of the same sections again (half of the index's time at 15 roles). The entries of the
# last index only.
_TERMS: dict[tuple[str, str], dict[str, int]] = {}
_TERMS_USED: dict[tuple[str, str], dict[str, int]] = {}


def section_terms(title: str, text: str) -> dict[str, int]:
    """How often each term is in a section's text, plus TITLE_FLAG for a term of its title."""
    key = (title, text)
    counts = _TERMS.get(key)
    if counts is None:
        counts = defaultdict(int)
        for term in tokens(text):
            counts[term] += 1
        for term in dict.fromkeys(tokens(title)):  # each once, in a fixed order
            counts[term] += TITLE_FLAG
    _TERMS_USED[key] = counts
    return counts


def build(entries: Iterable[dict[str, Any]], target: Path) -> dict[str, int]:
    """Write the index of Material's search entries into ``target`` (the site's ``search/``); its sizes."""
    sections = sections_of(entries)
    pages: dict[str, list[Section]] = {}
    for section in sections:
        pages.setdefault(section.page, []).append(section)
    postings: dict[str, list[int]] = defaultdict(list)  # term -> [section, weight, section, weight, ...]
    page_rows, text_files, text_starts, number = [], [], [], 0
    definition_sections = []  # the sections of definitions(): a term's own, first for a query that is the term
    for url, page_sections in pages.items():
        head = next((s for s in page_sections if not s.anchor), page_sections[0])
        # [URL, title, first section, and the page's boost where it is not 1]
        page_rows.append([url, head.title, number, *([head.boost] if head.boost != 1 else [])])
        size = TEXT_FILE_BYTES
        for offset, section in enumerate(page_sections):
            # [anchor, title, text, and the page's other names for its head section where it has any]
            row = [section.anchor, section.title, section.text[:SNIPPET_SOURCE_CHARS],
                   *([list(section.names)] if section.names else [])]
            length = len(json.dumps(row, ensure_ascii=False).encode("utf-8"))
            if size + length > TEXT_FILE_BYTES or offset == 0:
                text_files.append([])
                text_starts.append(number + offset)
                size = 0
            text_files[-1].append(row)
            size += length
        for section in page_sections:
            if section.definition:
                definition_sections.append(number)
            counts = section_terms(section.title, section.text)
            for term, count in counts.items():
                weight = min(count % TITLE_FLAG, MAX_COUNT) + (TITLE_FLAG if count >= TITLE_FLAG else 0)
                postings[term] += (number, weight)
            number += 1
    _TERMS.clear()
    _TERMS.update(_TERMS_USED)
    _TERMS_USED.clear()
    raw = sum(len(term) * 3 + 6 + 4 * len(values) for term, values in postings.items())
    files = 1 << max(0, math.ceil(math.log2(max(1, raw / TERM_FILE_BYTES))))
    buckets: list[dict[str, list[int]]] = [{} for _ in range(files)]
    common = max(COMMON_SHARE * number, COMMON_SECTIONS)
    for term, values in postings.items():
        # [number of sections, then section and weight pairs, each section as the difference from the
        # previous one: small numbers, shorter files].
        df = len(values) // 2
        delta, previous = [df], 0
        for i in range(0, len(values), 2):
            if df > common and values[i + 1] < TITLE_FLAG:
                continue
            delta += (values[i] - previous, values[i + 1])
            previous = values[i]
        buckets[term_hash(term) % files][term] = delta
    buckets = [dict(sorted(bucket.items())) for bucket in buckets]  # the same bytes for the same pages
    target.mkdir(parents=True, exist_ok=True)
    for folder in ("terms", "texts"):
        (target / folder).mkdir(exist_ok=True)
        for old in (target / folder).glob("*.json"):
            old.unlink()
    written = 0
    for name, data in [*((f"terms/{n}.json", b) for n, b in enumerate(buckets)),
                       *((f"texts/{n}.json", t) for n, t in enumerate(text_files))]:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        (target / name).write_text(body, encoding="utf-8")
        written += len(body.encode("utf-8"))
    version = hashlib.sha1(json.dumps([page_rows, len(postings), raw]).encode()).hexdigest()[:10]
    meta = {"version": version, "sections": number, "termFiles": files, "pages": page_rows, "texts": text_starts,
            "questionWords": list(QUESTION_WORDS), "definitions": definition_sections,
            "maintaining": {"pages": [n for n, row in enumerate(page_rows) if row[0].startswith(MAINTAINERS)],
                            "words": list(MAINTAINING_WORDS)}}
    body = json.dumps(meta, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    (target / "index.json").write_text(body, encoding="utf-8")
    return {"sections": number, "pages": len(page_rows), "term_files": files, "text_files": len(text_files),
            "bytes": written + len(body.encode("utf-8"))}


# Under `mkdocs serve --dirty`, Material's plugin sees only the pages a save made again (macros.site.rebuild): the
# sections of the others are those of the builds before, by site folder and page address. The index of such a
# build is written after its pages are shown (macros/site/later.py).
_KEPT: dict[str, dict[str, list[dict[str, Any]]]] = {}


def install(config: Any) -> str:
    """Set this build's engine on Material's search plugin (called once per build, after its ``on_config``):
    no jieba and no lunr index; ``bigram`` writes its own. The engine."""
    import importlib

    from mkdocs.exceptions import PluginError

    try:
        chosen = engine()
    except SearchIndexError as error:
        raise PluginError(str(error)) from None  # MkDocs prints the message alone and stops
    config["extra"]["search_engine"] = chosen
    plugin = config["plugins"].get(SEARCH_PLUGIN)
    if plugin is None:
        return chosen
    importlib.import_module(SEARCH_MODULE).jieba = None  # the index is not cut into words any more
    index = plugin.search_index
    site = Path(config["site_dir"])
    site_key = os.path.abspath(site)
    made: dict[str, list[dict[str, Any]]] = {}  # this build's pages and their sections
    docs = os.path.relpath(config["docs_dir"], Path(config["config_file_path"]).parent)
    add_entry = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        # Checked here, where the page's file is known (the index's entries know only its address).
        where = Path(docs, page.file.src_path).as_posix()
        search = page.meta.get("search")
        if search is not None and not isinstance(search, dict):
            raise PluginError(say("refused", where=f"{where} search", message=say("search_settings_invalid",
                                                                                  got=search)))
        try:
            if search and "boost" in search:
                page_boost(search["boost"], where)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        before = len(index.entries)
        add_entry(page)
        if len(index.entries) > before:  # not left out of the index (`search: exclude:`, a draft)
            names = other_names(page.meta)
            if names and "#" not in index.entries[before]["location"]:
                index.entries[before]["names"] = names
            boost = {"boost": search["boost"]} if search and "boost" in search else {}
            index.entries += [{**entry, **boost} for entry in definitions(page.url, page.content or "")]
        made[page.url] = index.entries[before:]

    def generate_search_index(prev: Any) -> str:
        partial = later.is_partial(site)
        pages = _KEPT.get(site_key, {}) if partial else {}
        pages.update(made)
        _KEPT[site_key] = pages
        entries = [entry for entries in pages.values() for entry in entries]
        if chosen == "bigram" and partial:
            later.write_or_defer(site, lambda folder: build(entries, folder / "search"))
        elif chosen == "bigram":
            try:
                build(entries, site / "search")
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
        # What Material writes to search_index.json: its settings only (a hundred bytes). Material's script fetches
        # it as a page opens and hands it to the search worker, which needs nothing of it (search-worker.js).
        return json.dumps({"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": []}, "docs": []})

    index.add_entry_from_context = add_entry_from_context
    index.generate_search_index = generate_search_index
    return chosen
