"""The handbook's house style, checked: one word per concept and one typography, in data/ and the prose pages.

Two kinds of findings, both reported as ``file:line:column field：message``:

- a variant of a preferred term (``data/vocabulary.yaml``: ``term``, ``avoid``, ``why``), with the term to write;
- typography, following a common convention for Chinese copywriting: full-width punctuation in Chinese text
  （，。：；？！（）), half-width punctuation inside Latin text, one space between Chinese and Latin letters or
  digits, no space before or after Chinese punctuation, no space between Chinese characters, no brackets of
  one kind nested in each other. A line break inside Chinese text is not a finding: the render step
  (``macros/site/typography.py``) joins such lines without the space a browser would show.

The lint reads the files' text as written, not the loaded values: a finding points at the exact column to fix.
It knows just enough YAML for the data files (block and plain scalars, list items, flow lists, comments) and
just enough Markdown for the prose pages (front matter, code, macros, HTML, link targets are not prose).

It also warns about roles not reviewed and sources of certification facts not checked for 12 months.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator

from .messages import say
from .problems import Problem

# Han characters: CJK unified ideographs, extension A and the compatibility ideographs. The one definition: the
# search index, the benchmarks and the tests import it; search.js holds the same range (tests/test_search_index.py).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
LATIN = "A-Za-z0-9"
# Full-width punctuation that takes no space before it / after it.
CLOSING = "，。、；：？！）》」』】"
OPENING = "（《「『【"
# Half-width punctuation that has a full-width form in Chinese text.
FULL_WIDTH_OF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
HALF_WIDTH_OF = {"，": ",", "；": ";", "：": ":", "？": "?", "！": "!"}
BRACKETS = {"(": ")", "（": "）"}
MASK = "\x00"  # stands for text that is not prose (code, macros, URLs): neither Chinese, Latin nor space

# Characters the loader (macros.data.read) joins without a space where YAML folded a line break between them.
CJK_FOLD = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
REVIEW_INTERVAL = dt.timedelta(days=365)

_MISSING_SPACE = re.compile(rf"[{HAN}](?=[{LATIN}])|[{LATIN}](?=[{HAN}])")
_WIDE_SPACE = re.compile(rf"(?<=[{HAN}]) {{2,}}(?=[{LATIN}])|(?<=[{LATIN}]) {{2,}}(?=[{HAN}])")
_HAN_GAP = re.compile(rf"(?<=[{HAN}]) +(?=[{HAN}])")
_SPACE_BEFORE = re.compile(rf"(?<=\S) +(?=[{CLOSING}])")
# " |" ends a table cell, " / " separates, "{ #id }" is markup: no finding there.
_SPACE_AFTER = re.compile(rf"(?<=[{CLOSING}{OPENING}]) +(?=[^\s|/\x00])")
_HALF_AFTER_HAN = re.compile(rf"(?<=[{HAN}])[,;:?!]|(?<=[{HAN}])\.(?=\s|$)|[,;:?!](?=[{HAN}])")


@dataclass
class Prose:
    """A piece of prose and where it was written: pieces of one line each, (start in text, line, column)."""

    field: str
    text: str
    pieces: list[tuple[int, int, int]]

    def add(self, text: str, line: int, column: int) -> None:
        self.pieces.append((len(self.text), line, column))
        self.text += text

    def place(self, index: int) -> tuple[int, int]:
        """The line and column (1-based) a character of the text was written at."""
        at = bisect.bisect_right(self.pieces, (index, 1 << 30, 0)) - 1
        start, line, column = self.pieces[max(at, 0)]
        return line, column + index - start


# --- Rules ---------------------------------------------------------------------------------------------------


def lint_prose(prose: Prose, terms: Iterable[tuple[str, tuple[str, ...], str]] = ()) -> Iterator[tuple[int, str]]:
    """(index into ``prose.text``, message) for every finding in one piece of prose."""
    text = prose.text
    if text.isascii():
        return
    for term, avoid, why in terms:
        for variant in avoid:
            start = text.find(variant)
            while start != -1:
                if not _inside(text, term, start, len(variant)):
                    yield start, say("lint_preferred_term", term=term, variant=variant, why=why)
                start = text.find(variant, start + len(variant))
    for match in _HALF_AFTER_HAN.finditer(text):
        mark = match.group()
        yield match.start(), say("lint_half_width_mark", mark=mark, full=FULL_WIDTH_OF[mark])
    yield from _brackets(text)
    for match in _MISSING_SPACE.finditer(text):
        pair = text[match.start():match.start() + 2]
        yield match.start() + 1, say("lint_missing_space", left=pair[0], right=pair[1])
    for match in _WIDE_SPACE.finditer(text):
        yield match.start(), say("lint_wide_space")
    for match in _HAN_GAP.finditer(text):
        yield match.start(), say("lint_space_between_han")
    for match in _SPACE_BEFORE.finditer(text):
        yield match.start(), say("lint_space_before_punctuation", mark=text[match.end()])
    for match in _SPACE_AFTER.finditer(text):
        yield match.start(), say("lint_space_after_punctuation", mark=text[match.start() - 1])


def _inside(text: str, term: str, start: int, length: int) -> bool:
    """Whether the variant found at ``start`` is part of an occurrence of the preferred term itself."""
    begin = max(0, start - len(term))
    found = text.find(term, begin)
    while found != -1 and found <= start:
        if found + len(term) >= start + length:
            return True
        found = text.find(term, found + 1)
    return False


def _brackets(text: str) -> Iterator[tuple[int, str]]:
    """Half-width brackets around or beside Chinese, full-width punctuation inside Latin brackets, nesting."""
    stack: list[int] = []
    for index, char in enumerate(text):
        if char in BRACKETS:
            if any(text[open_at] == char for open_at in stack):
                yield index, say("lint_nested_brackets", mark=char, close=BRACKETS[char])
            stack.append(index)
        elif char in (")", "）") and stack:
            open_at = stack.pop()
            inner = text[open_at + 1:index]
            if text[open_at] == "(" and (_has_han(inner) or _han_beside(text, open_at, index)
                                         or _attached_in_chinese(text, open_at, inner)):
                yield open_at, say("lint_half_width_brackets")
            if not _has_han(inner):
                for offset, mark in enumerate(inner):
                    if mark in HALF_WIDTH_OF:
                        yield open_at + 1 + offset, say("lint_full_width_in_latin", mark=mark, half=HALF_WIDTH_OF[mark])


_GLOSS = re.compile(r"[A-Z][A-Za-z0-9.+-]*|\S+ \S.*")


def _attached_in_chinese(text: str, open_at: int, inner: str) -> bool:
    """A gloss in brackets written right after a Latin word, with no space, in a Chinese text: "认证 Scrum
    Master(Certified ScrumMaster)" is the Chinese way of adding a gloss (words, or a capitalised name or
    abbreviation), which takes full-width brackets; English puts a space before its "(", and a call like
    alert(1) is code, not a gloss (a text of English alone is never read by these rules)."""
    return (open_at > 0 and re.match(f"[{LATIN}]", text[open_at - 1]) is not None and _has_han(text)
            and _GLOSS.fullmatch(inner) is not None)


def _has_han(text: str) -> bool:
    return re.search(f"[{HAN}]", text) is not None


def _han_beside(text: str, open_at: int, close_at: int) -> bool:
    before = text[:open_at].rstrip(" ")[-1:]
    after = text[close_at + 1:].lstrip(" ")[:1]
    chinese = f"[{HAN}{CLOSING}{OPENING}]"
    return bool(re.match(chinese, before) or re.match(chinese, after))


# --- Reading YAML data files as prose ----------------------------------------------------------------------

_ITEM = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?:(?P<key>[A-Za-z_][\w-]*):(?= |$) *)?(?P<rest>.*)$")
_BLOCK = re.compile(r"^[>|][-+]?\d*$")
# Values that are addresses or ids, never prose.
_NOT_PROSE_KEYS = {"url", "id", "slug", "$schema"}


def yaml_prose(text: str) -> Iterator[Prose]:
    """Every text value of a data file, with the place of each character as written."""
    lines = text.splitlines()
    keys: list[tuple[int, str]] = []  # (indent, key) of the enclosing mappings
    block: tuple[int, Prose] | None = None  # (indent of its key, prose) while inside a block scalar
    plain: tuple[int, Prose] | None = None  # a plain scalar that may continue on the next lines
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if block is not None:
            owner, prose = block
            if not stripped:
                prose.add("\n", number, 1)
                continue
            if indent > owner:
                _fold(prose, line[indent:], number, indent + 1)
                continue
            yield prose
            block = None
        if not stripped or stripped.startswith("#"):
            if plain is not None and not stripped:
                yield plain[1]
                plain = None
            continue
        if plain is not None:
            owner, prose = plain
            if indent > owner and not stripped.startswith("- ") and not _ITEM.match(line).group("key"):
                _fold(prose, line[indent:].split(" #")[0].rstrip(), number, indent + 1)
                continue
            yield prose
            plain = None
        match = _ITEM.match(line)
        key = match.group("key")
        value_at = match.start("rest")
        owner = match.start("key") if key else match.start("rest")
        if key:
            keys = [(i, k) for i, k in keys if i < owner] + [(owner, key)]
        field = key or next((k for i, k in reversed(keys) if i < owner), "")
        rest = match.group("rest").split(" #")[0].rstrip() if not match.group("rest").startswith(("'", '"')) \
            else match.group("rest")
        if not rest or field in _NOT_PROSE_KEYS:
            continue
        if _BLOCK.match(rest):
            # Its lines are those indented deeper than its key (or than its dash, for a list item).
            block = (match.start("key") if key else indent, Prose(field, "", []))
            continue
        if rest.startswith("[") and rest.endswith("]"):
            for item in re.finditer(r"[^,\[\]]+", rest):
                value = item.group().strip()
                if value:
                    prose = Prose(field, "", [])
                    prose.add(value, number, value_at + item.start() + item.group().index(value) + 1)
                    yield prose
            continue
        if rest[0] in "'\"" and rest.endswith(rest[0]) and len(rest) > 1:
            prose = Prose(field, "", [])
            prose.add(rest[1:-1], number, value_at + 2)
            yield prose
            continue
        if rest.startswith(("{", "&", "*", "!")):
            continue
        prose = Prose(field, "", [])
        prose.add(rest, number, value_at + 1)
        plain = (indent, prose)
    if block is not None:
        yield block[1]
    if plain is not None:
        yield plain[1]


def _fold(prose: Prose, piece: str, line: int, column: int) -> None:
    """Add one more line of a folded value: YAML joins lines with a space, the loader drops it between Chinese."""
    if prose.text and not prose.text.endswith("\n"):
        if not (re.match(f"[{CJK_FOLD}]", prose.text[-1]) and re.match(f"[{CJK_FOLD}]", piece[:1])):
            prose.add(" ", line, column)
    prose.add(piece, line, column)


# --- Reading Markdown pages as prose ------------------------------------------------------------------------

_NOT_PROSE = re.compile(
    r"`[^`]*`"  # inline code
    r"|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"  # macros and Jinja
    r"|<!--.*?-->|</?[A-Za-z][^>]*>"  # HTML
    r"|\{\s*[#.:][^}]*\}"  # attribute lists { #id }
    r"|(?<=\])\([^)]*\)"  # link targets [text](target)
    r"|&[a-z]+;|&#\d+;"  # entities
    r"|https?://[^\s)）>\]]+"
)
# Markup the reader does not see: strong emphasis, and the brackets and target of a link ("[text](target)").
_STRONG = re.compile(r"\*\*|__|\[(?=[^\]]*\]\()|\]\([^)]*\)")


def markdown_prose(text: str) -> Iterator[Prose]:
    """Each prose line of a page."""
    lines = text.splitlines()
    front = lines[:1] == ["---"]
    fence = False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if front:
            if number > 1 and stripped == "---":
                front = False
            elif number > 1:
                match = re.match(r"^(description|title): *(.*)$", line)
                if match and match.group(2):
                    prose = Prose(match.group(1), "", [])
                    prose.add(match.group(2), number, match.start(2) + 1)
                    yield prose
            continue
        if stripped.startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence or not stripped:
            continue
        masked = _NOT_PROSE.sub(lambda m: m.group() if m.group().startswith("(") else MASK * len(m.group()), line)
        indent = len(line) - len(line.lstrip())
        prose = Prose("", "", [])
        # What the reader does not see is left out: "。** 下一句" shows as "。 下一句", "查 [术语](x.md)" as "查 术语".
        at = indent
        for marker in _STRONG.finditer(masked, indent):
            if marker.start() > at:
                prose.add(masked[at:marker.start()], number, at + 1)
            at = marker.end()
        if at < len(masked) or not prose.text:
            prose.add(masked[at:], number, at + 1)
        yield prose



# --- Files -------------------------------------------------------------------------------------------------

Terms = tuple[tuple[str, tuple[str, ...], str], ...]
VOCABULARY_FILE = "data/vocabulary.yaml"

# Whether a whole file holds anything some rule could report: most files hold nothing, and reading them value
# by value costs seconds at 1,000 roles. Every typography rule needs a bracket, or a run of ASCII characters
# (letters, digits, spaces, half-width punctuation) right beside Chinese text or Chinese punctuation, or a
# line break after Chinese punctuation (YAML folds it into a space): that is what is looked for, cheaply.
_ASCII_RUN = re.compile(r"[ -~]+")
_CHINESE = re.compile(f"[{HAN}]")
_PUNCT = frozenset(CLOSING + OPENING)
_LATIN_IN_BRACKETS = re.compile(rf"（[^（）{HAN}]*[，；：？！]|（[^）]*（")
# Continuation lines (not a list item, key or comment) that start with something YAML joins with a space.
_CONTINUED = re.compile(rf"\n *(?!- |[\w-]+:|#)[^\s{CJK_FOLD}]|\n +[{CLOSING}]")


def _suspect(text: str, terms: Terms) -> bool:
    """Whether some rule could report something in this file's text (if not, no rule would)."""
    if "(" in text or ")" in text or any(v in text for _t, avoid, _w in terms for v in avoid):
        return True
    if _LATIN_IN_BRACKETS.search(text):
        return True
    for line_break in _CONTINUED.finditer(text):
        before = text[line_break.start() - 1] if line_break.start() else " "
        if before in _PUNCT or (text[line_break.end() - 1] in CLOSING and not re.match(f"[\\s{CJK_FOLD}]", before)):
            return True
    for run in _ASCII_RUN.finditer(text):
        start, end = run.span()
        before = text[start - 1] if start else "\n"
        after = text[end] if end < len(text) else "\n"
        if before == "\n" and after == "\n":
            continue
        chars = run.group()
        if _CHINESE.match(before) and (chars[0] != " " or chars.startswith("  ") or not chars.strip()):
            return True
        if _CHINESE.match(after) and (chars[-1] != " " or chars.endswith("  ")):
            return True
        if (before in _PUNCT and chars[0] == " ") or (after in CLOSING and chars[-1] == " "):
            return True
    return False


def _findings(rel: str, pieces: Iterable[Prose], terms: Terms) -> tuple[Problem, ...]:
    return tuple(sorted(Problem(rel, *prose.place(index), prose.field, message)
                        for prose in pieces for index, message in lint_prose(prose, terms)))


@cache  # by text: a build loads the same files several times
def lint_yaml(rel: str, text: str, terms: Terms = ()) -> tuple[Problem, ...]:
    """The findings of one data file."""
    return _findings(rel, yaml_prose(text), terms) if _suspect(text, terms) else ()


@cache
def lint_markdown(rel: str, text: str, terms: Terms = ()) -> tuple[Problem, ...]:
    """The findings of one prose page."""
    return _findings(rel, markdown_prose(text), terms)


def terms_of(vocabulary) -> Terms:
    """The preferred terms of a loaded :class:`~macros.data.models.Vocabulary` (or none), as plain tuples."""
    return () if vocabulary is None else tuple((t.term, t.avoid, t.why) for t in vocabulary.terms)


def lint_data(texts: dict[str, str], vocabulary) -> list[Problem]:
    """Findings in every data file (``texts``: path relative to the project -> text as loaded). The vocabulary
    names the variants on purpose: only its typography is checked."""
    terms = terms_of(vocabulary)
    return [finding for rel, text in texts.items()
            for finding in lint_yaml(rel, text, () if rel == VOCABULARY_FILE else terms)]


def lint_pages(root: Path, vocabulary) -> list[Problem]:
    """Findings in every prose page under ``handbook/`` (the docs_dir)."""
    terms = terms_of(vocabulary)
    return [finding for path in sorted((root / "handbook").rglob("*.md"))
            for finding in lint_markdown(path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"), terms)]


def stale(handbook, place, today: dt.date) -> list[tuple[Problem, str]]:
    """(where, message) for every role not reviewed and every certification source not checked for more than
    12 months before ``today``."""
    return [(place(role, "last_reviewed"), say("stale_role", days=(today - role.last_reviewed).days, owner=role.owner))
            for role in handbook.roles if today - role.last_reviewed > REVIEW_INTERVAL] + [
        (place(source, "checked"), say("stale_source", cert=cert.name, days=(today - source.checked).days,
                                       url=source.url))
        for cert in handbook.career.certifications for source in cert.sources
        if source.checked is not None and today - source.checked > REVIEW_INTERVAL]
