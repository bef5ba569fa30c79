"""Rendering: Jinja environments over ``macros/site/templates`` and the escaping that keeps data inert.

Two kinds of template:

* ``*.md.j2`` produce Markdown. Every ``{{ value }}`` goes through ``finalize``, which HTML-escapes *and*
  Markdown-escapes it, so a role summary containing ``<script>``, ``*``, ``|`` or ``{{ config }}`` comes out
  as the literal text. (Jinja's autoescape is off there: it would only escape the escaped value again.)
* ``*.html.j2`` produce raw HTML blocks (tables the Markdown syntax cannot express) with plain HTML
  autoescaping, since Markdown does not process raw HTML.

Output of one template used inside another is :class:`~markupsafe.Markup` and is not escaped twice.
Rendered text is returned to mkdocs-macros, which never renders it again: data never becomes Jinja source.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from markupsafe import escape as markupsafe_escape

from .typography import join_cjk
from .urls import record_anchor

TEMPLATE_DIR = Path(__file__).parent / "templates"
PROJECT_ROOT = Path(__file__).resolve().parents[2]  # the package lives in the project: <root>/macros/site/


class _InMemory(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Any) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Any) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@lru_cache(maxsize=None)
def compiled_templates(kind: str) -> jinja2.BytecodeCache:
    """Templates compiled once, not on every build: the theme's and the handbook's (about 80) took 0.2–0.3 s of
    each build and, under serve, 0.3–0.5 s of each rebuild (`make bench`). Kept in the project's private
    ``.cache/jinja/``; Jinja checks each template's source against the compiled one's checksum and its own and
    Python's version, so a changed template is compiled again. One set per kind of environment (``theme``, ``md``,
    ``html``, ``text``): the same template compiles differently under other options. In memory where that folder
    cannot be trusted."""
    from ..data.private import private_folder

    folder = private_folder(PROJECT_ROOT, "jinja")
    if folder is None:
        return _InMemory()
    return jinja2.FileSystemBytecodeCache(str(folder), pattern=f"{kind}-%s.cache")

# Characters Python-Markdown (with the tables extension) gives meaning to anywhere in a line.
_MD_INLINE = "\\`*_{}[]#|"
# HTML-escaping (as markupsafe does), then backslash-escaping Markdown syntax, in one pass; the "#" of the
# quote entities is escaped too, exactly as escaping the escaped text would. Most text holds none of these
# characters and skips the pass: this runs for every value of every page (performance, see benchmarks/).
_MD_TABLE = str.maketrans({**{char: "\\" + char for char in _MD_INLINE},
                           "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&\\#34;", "'": "&\\#39;"})
_MD_SPECIAL = re.compile("[" + re.escape(_MD_INLINE + "&<>\"'") + "]")
_ORDERED_LIST = re.compile(r"^(\d+)([.)])")


def markdown_escape(value: Any) -> Markup:
    """Escape text for Markdown: HTML-escape it, backslash-escape Markdown syntax, fold line breaks (without
    the space a line break would leave between Chinese characters)."""
    if isinstance(value, Markup):
        return value
    return Markup(_escaped(value))


def _escaped(value: Any) -> str:
    text = join_cjk(str(value))
    if _MD_SPECIAL.search(text):
        text = text.translate(_MD_TABLE)
    # List markers only mean something at the start of a block ("- x", "+ x", "1. x").
    if text[:1] in ("-", "+"):
        text = "\\" + text
    elif text[:1].isdigit():
        text = _ORDERED_LIST.sub(r"\1\\\2", text)
    return text


def one_line(value: Any) -> Markup:
    """Text folded onto one line, otherwise untouched: for attribute-like slots the serializer escapes."""
    return Markup(join_cjk(str(value)))


def code_block(text: str, language: str = "") -> Markup:
    """A fenced code block showing ``text`` verbatim (Markdown escapes code itself; the fence outgrows ```)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence} {language}\n{text}\n{fence}".replace(f"{fence} \n", f"{fence}\n"))


def _finalize_markdown(value: Any) -> str:
    """Every ``{{ value }}`` of a Markdown template: rendered output (Markup) as it is, anything else escaped.
    A plain str, not Markup: with autoescape off, Jinja only joins the pieces (and Markup costs a copy)."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return _escaped(value)


def escaped_lines(text: str) -> Markup:
    """Text HTML-escaped with its line breaks as ``&#10;``: several lines of preformatted text kept on one line
    of a raw HTML block (a blank line would end the block)."""
    return Markup(str(markupsafe_escape(text)).replace("\n", "&#10;"))


def json_for_script(data: Any) -> Markup:
    """JSON safe to place inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@lru_cache(maxsize=None)
def _environment(kind: str) -> jinja2.Environment:
    options: dict[str, Any] = {
        # Markdown templates escape every value in `finalize`; autoescape on top of it would only wrap each
        # value in Markup a second time (a quarter of a role page's rendering time, see benchmarks/).
        "autoescape": kind == "html",
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if kind == "md":
        options["finalize"] = _finalize_markdown
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
                                     bytecode_cache=compiled_templates(kind), **options)
    environment.filters["oneline"] = one_line
    environment.filters["codeblock"] = code_block
    environment.filters["jsonscript"] = json_for_script
    environment.filters["newlines"] = escaped_lines
    environment.globals["html"] = render_html
    environment.globals["anchor"] = record_anchor  # a record's anchor on the page that lists it (urls.py)
    return environment


def render_markdown(template: str, **context: Any) -> Markup:
    """Render a ``*.md.j2`` template to Markdown, escaping every value for Markdown."""
    return Markup(_environment("md").get_template(template).render(**context))


def render_text(template: str, **context: Any) -> str:
    """Render a ``*.txt.j2`` template to plain text (nothing escaped: the text is no markup; whoever places it
    in a page escapes it there)."""
    return _environment("text").get_template(template).render(**context)


def render_html(template: str, **context: Any) -> Markup:
    """Render a ``*.html.j2`` template to one raw HTML block (no blank lines, which would end the block)."""
    html = _environment("html").get_template(template).render(**context)
    return Markup("\n".join(line for line in html.splitlines() if line.strip()) + "\n")


def template_errors() -> list[tuple[Path, int, str]]:
    """(file, line, message) of every template of ``macros/site/templates`` that does not compile: found before
    any page is rendered, since mkdocs-macros reports an error inside a macro only as the page's own error."""
    errors = []
    for path in sorted(TEMPLATE_DIR.glob("*.j2")):
        try:
            kind = "html" if path.name.endswith(".html.j2") else "text" if path.name.endswith(".txt.j2") else "md"
            _environment(kind).get_template(path.name)
        except jinja2.TemplateSyntaxError as error:
            errors.append((path, error.lineno or 1, error.message or str(error)))
    return errors
