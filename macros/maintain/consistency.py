"""The rules over the whole project, not just ``data/``: the role pages, the URL contract, the schemas, the
macro calls, the front matter of every page, vocabulary and typography of the pages, and the handbook's own
templates. ``python -m macros check`` and every build apply these same rules (the build through
:func:`macros.define_env`, before MkDocs reads a page), so a build never publishes what ``check`` rejects.
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import stat
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from ..data.problems import (CAUSE, PAGE_MAX_BYTES, Collector, Problem, Unreadable, not_regular, ordered,
                             regular_bytes, text_or_problem)
from ..data.messages import say
from ..data.models import Handbook, Line, Record

DOCS_DIR = "handbook"
THEME_DIR = "overrides"  # mkdocs.yml's theme.custom_dir: its templates and icons come before Material's
# Every folder whose files MkDocs (or check) reads: none may hold a FIFO, a socket or a device.
READ_DIRS = ("data", DOCS_DIR, THEME_DIR)

# --- Pages' front matter: read as MkDocs reads it, with the reader of data/, and checked as Material uses it ---

# MkDocs' front matter (mkdocs.utils.meta.YAML_RE): a YAML block between '---' lines at the very start.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
# Without one, MkDocs reads a first line like "key: value" as page settings (MultiMarkdown meta-data).
_MULTIMARKDOWN = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")
_STUB_FRONT = re.compile(r"(?:role|track): [a-z0-9-]+\n")  # a stub's, as sync-stubs writes it: nothing to check
_MARKUP = re.compile(r"<[A-Za-z/!?]|\{[{%#]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_ICON = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+")
ICON_LIST = "https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/"
BOOST = (0.1, 10)  # search boost: Material's default is 1; the maintainer pages have 0.3


def _said(kind: str, key: str, **values: Any) -> PydanticCustomError:
    """A validation error carrying its whole message (the entry ``key`` of the message table), as the models'
    own errors do: the problem shows it as it is."""
    return PydanticCustomError(kind, "{message}", {"message": say(key, **values)})


def _plain_text(text: str) -> str:
    """Front matter texts are printed into the page head, the search index and the link-preview card as they are
    (and mkdocs-macros renders a title with template code as a template): no markup."""
    found = _MARKUP.search(text)
    if found:
        raise _said("markup", "page_text_markup", at=found.start() + 1, found=found.group(),
                    templates="{{ }}、{% %}、{# #}")
    return text


def _boost(value: Any) -> Any:
    low, high = BOOST
    if type(value) not in (int, float) or not math.isfinite(value) or not low <= value <= high:
        raise _said("boost", "page_search_boost", low=low, high=high, got=value)
    return float(value)


def _theme(info: ValidationInfo) -> list[Path]:
    return (info.context or {}).get("theme") or []


def _icon(value: str, info: ValidationInfo) -> str:
    """Material includes the icon's file into the page: a name of its icons, nothing else (a path would be
    TemplateNotFound, or another file included)."""
    folders = _theme(info)
    if not _ICON.fullmatch(value) or not any((folder / ".icons" / f"{value}.svg").is_file() for folder in folders):
        raise _said("icon", "page_icon_unknown", got=value, list=ICON_LIST)
    return value


def page_templates(folders: list[Path]) -> list[str]:
    """The templates a page may name: Material's page template and the handbook's own (overrides/); Material's
    others need plugins this site does not use (blog-post.html stops the build)."""
    return sorted({"main.html", *(path.name for path in folders[0].glob("*.html"))} if folders else {"main.html"})


def _template(value: str, info: ValidationInfo) -> str:
    """MkDocs renders the page with this template: one of the theme's page templates, nothing else."""
    names = page_templates(_theme(info))
    if value not in names:
        raise _said("template", "page_template_unknown", got=value, names="、".join(names))
    return value


PageText = Annotated[Line, AfterValidator(_plain_text)]


class SearchSettings(Record):
    """``search:`` of a page's front matter, as Material's search reads it."""

    boost: Annotated[float, BeforeValidator(_boost)]


class PageMeta(Record):
    """A page's front matter: the keys the handbook's pages use, as MkDocs, Material and the handbook read them.
    A key left out is not validated; one written must hold a value they can use (null is not one). Icons and
    templates are checked against the theme's folders (overrides/ first), given as ``context={"theme": [...]}``."""

    title: PageText = None  # type: ignore[assignment]
    description: PageText = None  # type: ignore[assignment]
    title_en: PageText = None  # type: ignore[assignment]  # the link-preview card's second line
    hide: tuple[Literal["navigation", "toc", "footer", "path", "tags", "feedback"], ...] = ()
    search: SearchSettings = None  # type: ignore[assignment]
    icon: Annotated[str, AfterValidator(_icon)] = None  # type: ignore[assignment]
    template: Annotated[str, AfterValidator(_template)] = None  # type: ignore[assignment]
    role: Any = None  # the record of a stub: the stub rules check these (maintain/stubs.py)
    track: Any = None


def theme_dirs(root: Path) -> list[Path]:
    """Where page templates and icons come from: overrides/, then Material's own."""
    spec = importlib.util.find_spec("material")
    material = [Path(folder) / "templates" for folder in (spec.submodule_search_locations or ())] if spec else []
    return [root / THEME_DIR, *material]


def front_matter_problems(root: Path) -> list[Problem]:
    """The front matter of every page under handbook/, read as MkDocs reads it (and with the reader of data/:
    no anchors and aliases, no tags, not too deep), holding only keys the pages use, with values they can use."""
    from ..data.read import read_text

    out = Collector()
    theme = theme_dirs(root)
    docs = root / DOCS_DIR
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        rel = path.relative_to(root).as_posix()
        text = text_or_problem(path, rel)
        if isinstance(text, Problem):
            continue  # template_problems reports it
        text = text.removeprefix("\ufeff")  # MkDocs reads pages as utf-8-sig
        found = FRONT_MATTER.match(text)
        if found is None:
            if _MULTIMARKDOWN.match(text):
                out.problems.append(Problem(rel, 1, 1, "", say("page_multimarkdown")))
            continue
        front = found.group(1)
        if _STUB_FRONT.fullmatch(front) or not any(line.strip() and not line.lstrip().startswith("#")
                                                    for line in front.splitlines()):
            continue
        # One blank line for the '---': the page's line numbers.
        read_text(rel, "\n" + front, PageMeta, out, {"theme": theme})
    return out.problems


def special_file_problems(root: Path) -> list[Problem]:
    """What MkDocs or check must not read in data/, handbook/ and overrides/, found without opening anything:
    FIFOs, sockets and devices (reading one would wait forever, or without end) and links that lead out of the
    project (MkDocs follows them and would publish what they point at: a password file, a whole folder)."""
    problems = []
    project = os.path.realpath(root)
    for folder in READ_DIRS:
        for top, dirs, files in os.walk(root / folder):
            for name in files + [name for name in dirs if os.path.islink(os.path.join(top, name))]:
                path = os.path.join(top, name)
                rel = Path(path).relative_to(root).as_posix()
                if os.path.islink(path):
                    real = os.path.realpath(path)
                    if real != project and not real.startswith(project + os.sep):
                        problems.append(Problem(rel, 1, 1, "", say("link_outside_project", real=real), CAUSE))
                        continue
                try:
                    mode = os.stat(path).st_mode  # follows a link: what a reader would open
                except OSError:
                    continue  # a broken link: whoever reads it reports it
                if not stat.S_ISDIR(mode) and (reason := not_regular(mode)):
                    problems.append(Problem(rel, 1, 1, "", reason, CAUSE))
    return problems


def schema_problems(root: Path) -> list[Problem]:
    """Committed schemas that differ from what the model gives."""
    from ..data.schemas import render_schemas

    problems = []
    for name, text in render_schemas().items():
        path = root / "data" / "schema" / name
        try:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            problems.append(Problem(path.relative_to(root).as_posix(), 1, 1, "", say("schema_out_of_date")))
    return problems


def template_problems(root: Path) -> list[Problem]:
    """Pages whose macro calls are not valid template syntax (mkdocs-macros would stop the build)."""
    import jinja2

    environment = jinja2.Environment()
    errors: dict[str, tuple[int, str] | None] = {}  # a page's text -> its first syntax error (line, message)
    problems = []
    docs = root / DOCS_DIR
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        rel = path.relative_to(root).as_posix()
        text = text_or_problem(path, rel)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        if "{{" not in text and "{%" not in text and "{#" not in text:
            continue
        # Stubs differ only in their front matter: as blank lines (the same line numbers), it leaves one text
        # to parse for all of them (0.1 s less at 1,000 roles).
        end = text.find("\n---\n") + 5 if text.startswith("---\n") else 0
        if end > 4 and "{" not in text[:end]:
            text = "\n" * text.count("\n", 0, end) + text[end:]
        if text not in errors:
            try:
                environment.parse(text)
                errors[text] = None
            except jinja2.TemplateSyntaxError as error:
                errors[text] = (error.lineno or 1, error.message or str(error))
        if errors[text]:
            line, message = errors[text]
            problems.append(Problem(rel, line, 1, "", say("page_macro_invalid", detail=message)))
    return problems


def package_template_problems(root: Path) -> list[Problem]:
    """The handbook's own page templates that do not compile."""
    from ..site.render import template_errors

    problems = []
    for path, line, message in template_errors():
        where = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        problems.append(Problem(where, line, 1, "", say("theme_template_invalid", detail=message)))
    return problems


def guide_examples_problems(root: Path) -> list[Problem]:
    """The maintainer guide's generated examples: present and readable (the guide page shows them)."""
    import json

    from ..site.pages import GUIDE_EXAMPLES, BrokenExample

    try:
        items = json.loads(regular_bytes(root / GUIDE_EXAMPLES, PAGE_MAX_BYTES).decode("utf-8"))
        if not isinstance(items, list):
            raise TypeError(say("guide_examples_not_list"))
        for item in items:
            BrokenExample(**item)
    except FileNotFoundError:
        return [Problem(GUIDE_EXAMPLES, 1, 1, "", say("guide_examples_missing"))]
    except json.JSONDecodeError as error:
        return [Problem(GUIDE_EXAMPLES, error.lineno, error.colno, "",
                        say("guide_examples_not_json", detail=error.msg))]
    except Unreadable as refused:
        return [Problem(GUIDE_EXAMPLES, 1, 1, "", refused.message, CAUSE)]
    except (OSError, UnicodeDecodeError, TypeError, ValueError) as error:
        return [Problem(GUIDE_EXAMPLES, 1, 1, "", say("guide_examples_unreadable", detail=error))]
    return []


def lint_problems(root: Path) -> list[Problem]:
    """Preferred terms and Chinese typography in the prose pages (macros.data.lint)."""
    from ..data.lint import lint_pages
    from ..data.read import read_vocabulary

    try:
        findings = lint_pages(root, read_vocabulary(root))
    except (OSError, UnicodeDecodeError):
        return []  # a page that cannot be read is reported by template_problems
    return [Problem(f.file, f.line, f.column, f.field, f.message) for f in findings]


def project_problems(root: Path, handbook: Handbook) -> list[Problem]:
    """Every problem of the project around a valid handbook."""
    from .contract import contract_problems
    from .stubs import stub_problems

    special = special_file_problems(root)
    if special:
        return list(ordered(special))  # the other rules read these files: they would wait forever
    problems = (stub_problems(root, handbook) + contract_problems(root, handbook) + schema_problems(root)
                + template_problems(root) + package_template_problems(root) + guide_examples_problems(root)
                + front_matter_problems(root) + lint_problems(root))
    return list(ordered(problems))
