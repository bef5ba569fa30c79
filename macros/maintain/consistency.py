"""The rules over the whole project, not just ``data/``: the role pages, the URL contract, the schemas, the
macro calls, vocabulary and typography of the pages, and the handbook's own templates. ``python -m macros check`` and every build apply these same rules (the build through
:func:`macros.define_env`), so a build never publishes what ``check`` rejects.
"""

from __future__ import annotations

from pathlib import Path

from ..data.problems import Problem, text_or_problem
from ..data.models import Handbook

DOCS_DIR = "handbook"


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
            problems.append(Problem(path.relative_to(root).as_posix(), 1, 1, "",
                                    "out of date with macros/data/models.py: run `python -m macros schemas`"))
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
            problems.append(Problem(rel, line, 1, "", f"invalid macro call: {message}"))
    return problems


def package_template_problems(root: Path) -> list[Problem]:
    """The handbook's own page templates that do not compile."""
    from ..site.render import template_errors

    problems = []
    for path, line, message in template_errors():
        where = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        problems.append(Problem(where, line, 1, "", f"invalid template: {message}"))
    return problems


def guide_examples_problems(root: Path) -> list[Problem]:
    """The maintainer guide's generated examples: present and readable (the guide page shows them)."""
    import json

    from ..site.pages import GUIDE_EXAMPLES, BrokenExample

    try:
        items = json.loads((root / GUIDE_EXAMPLES).read_text(encoding="utf-8"))
        if not isinstance(items, list):
            raise TypeError("not a list")
        for item in items:
            BrokenExample(**item)
    except FileNotFoundError:
        reason = "is missing"
    except json.JSONDecodeError as error:
        return [Problem(GUIDE_EXAMPLES, error.lineno, error.colno, "", f"is not valid JSON ({error.msg}): "
                        "run `python -m macros schemas` to write it again")]
    except (OSError, UnicodeDecodeError, TypeError, ValueError) as error:
        reason = f"cannot be read ({error})"
    else:
        return []
    return [Problem(GUIDE_EXAMPLES, 1, 1, "", f"{reason}: run `python -m macros schemas` to write it again")]


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

    problems = (stub_problems(root, handbook) + contract_problems(root, handbook) + schema_problems(root)
                + template_problems(root) + package_template_problems(root) + guide_examples_problems(root)
                + lint_problems(root))
    return sorted(set(problems))
