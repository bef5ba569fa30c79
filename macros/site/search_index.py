"""The handbook's search index: overlapping character bigrams, in small files fetched only for a query.

Material's search plugin keeps its search box, keyboard and highlight on the opened page; every page is divided
into sections here, by the rules Material documents (:class:`SectionParser`), handed over page by page
(macros/site/mkdocs_hooks.py) and written by the build's last step; Material's own index, one lunr index of every
word of every page, is not made (each page reaches it with ``search: exclude``).

Why bigrams: the browser has no jieba, and ``Intl.Segmenter('zh')`` cuts differently (供应商 → 供应|商), so a
query is only found reliably when the index and the query are cut by the same rule.
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
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..data.lint import HAN
from ..data.messages import say
from . import later

ENGINES = ("bigram", "pagefind")
ENGINE_VARIABLE = "HANDBOOK_SEARCH_ENGINE"

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


# The tags whose text a section never holds, and those whose start and end count as a space between words (as in
# Material's index, so that the sections are the same as when its plugin divided the pages).
_SKIPPED_TAGS = frozenset({"script", "style", "object"})
_SPACING_TAGS = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                        "source", "track", "wbr"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(eq=False)  # an element is itself, not any element with the same tag
class _Open:
    tag: str
    attrs: dict[str, str | None]
    excluded: bool = False


@dataclass
class _Part:
    heading: _Open | None  # None: the page's text before its first heading
    depth: float = 0
    anchor: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class SectionParser(HTMLParser):
    """A page's content divided into sections by the rules Material's search documents: a section starts at each
    heading with an id (the page's first section has no anchor); an element marked ``data-search-exclude`` is left
    out with everything in it (on a heading: its whole section); scripts and styles are never text; a heading's
    permalink is not part of its title. A heading inside an element (a fold) ends where that element ends; the
    text after it belongs to the section before again."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[_Open] = []
        self.parts: list[_Part] = []
        self.part: _Part | None = None

    def _skipping(self) -> bool:
        return any(element.excluded for element in self.open)

    def _current(self) -> _Part:
        if self.part is None:
            self.part = _Part(None)
            self.parts.append(self.part)
        return self.part

    def _in_heading(self) -> bool:
        return self.part is not None and self.part.heading is not None and self.part.heading in self.open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            return
        element = _Open(tag, dict(attrs))
        element.excluded = (tag in _SKIPPED_TAGS or "data-search-exclude" in element.attrs
                            or element.attrs.get("class") == "linenodiv")
        self.open.append(element)
        if tag in _HEADINGS and "id" in element.attrs:
            if tag != "h1" and not self.parts:
                self.parts.append(_Part(None, len(self.open)))
            self.part = _Part(element, len(self.open), element.attrs["id"] if self.parts else None)
            self.parts.append(self.part)
        part = self._current()
        if tag in _SPACING_TAGS and not self._skipping():
            (part.title if self._in_heading() else part.text).append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1].tag != tag:
            return  # an end tag without its start: ignored, as browsers do
        part = self._current()
        if part.depth > len(self.open):  # a heading inside an element that ends here: back to the section before
            for earlier in reversed(self.parts):
                if earlier.depth <= len(self.open):
                    part.depth = math.inf  # never returned to
                    self.part = part = earlier
                    break
        in_heading = self._in_heading()
        element = self.open.pop()
        if element.excluded or self._skipping() or tag not in _SPACING_TAGS:
            return
        pieces = part.title if in_heading else part.text
        start = pieces.index(f"<{tag}>") if f"<{tag}>" in pieces else len(pieces)
        if all(piece.isspace() for piece in pieces[start + 1:]):
            del pieces[start:]  # an element with no text leaves no space behind
        else:
            pieces.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return
        preformatted = any(element.tag == "pre" for element in self.open)
        if not preformatted:
            data = " " if data.isspace() else data.replace("\n", " ")
        part = self._current()
        if self._in_heading():
            if not any(element.tag == "a" and element.attrs.get("class") == "headerlink" for element in self.open):
                part.title.append(html.escape(data, quote=False))
        elif data.isspace():
            if not part.text or not part.text[-1].isspace() or preformatted:
                part.text.append(data)
        else:
            part.text.append(html.escape(data, quote=False))


def page_entries(url: str, content: str, meta: dict[str, Any], title: str, where: str) -> list[dict[str, Any]]:
    """A page's entries for the index: its sections (:class:`SectionParser`), each term it defines
    (:func:`definitions`), its other names on its head section and its ``search: boost:``; none for a page with
    ``search: exclude: true``. ``where`` (the page's file) names the page in the message of a bad setting."""
    search = meta.get("search")
    if search is not None and not isinstance(search, dict):
        raise SearchIndexError(say("refused", where=f"{where} search", message=say("search_settings_invalid",
                                                                                   got=search)))
    search = search or {}
    if search.get("exclude"):
        return []
    boost = {"boost": page_boost(search["boost"], where)} if "boost" in search else {}
    parser = SectionParser()
    parser.feed(content)
    parser.close()
    entries = []
    for part in parser.parts:
        if part.heading is not None and "data-search-exclude" in part.heading.attrs:
            continue
        entries.append({"location": url + (f"#{part.anchor}" if part.anchor else ""),
                        "title": "".join(part.title).strip() or str(meta.get("title") or title),
                        "text": "".join(part.text).strip(), **boost})
    names = other_names(meta)
    if names and entries and "#" not in entries[0]["location"]:
        entries[0]["names"] = names
    return entries + [{**entry, **boost} for entry in definitions(url, content)]


# Under `mkdocs serve --dirty` a build makes only the pages a save changed (macros.site.rebuild): the entries of the
# others are those of the builds before, by site folder and page address.
_KEPT: dict[str, dict[str, list[dict[str, Any]]]] = {}


class PageSections:
    """The entries of one build's pages, handed to it page by page (by the MkDocs hooks, as Material's search takes
    each page), and the index written from them by the build's last step (macros/site/finish.py): at once, or
    after the reload for a preview build that made only some pages (macros/site/later.py)."""

    def __init__(self, site_dir: Any, chosen: str) -> None:
        self.site = Path(site_dir)
        self.engine = chosen
        self.made: dict[str, list[dict[str, Any]]] = {}

    def add(self, url: str, content: str, meta: dict[str, Any], title: str, where: str) -> None:
        self.made[url] = page_entries(url, content, meta, title, where)

    def write(self) -> None:
        key = os.path.abspath(self.site)
        partial = later.is_partial(self.site)
        pages = _KEPT.get(key, {}) if partial else {}
        pages.update(self.made)
        _KEPT[key] = pages
        if self.engine != "bigram":
            return
        entries = [entry for entries in pages.values() for entry in entries]
        later.write_or_defer(self.site, lambda folder: build(entries, folder / "search"))
