"""What the maintainers read names what exists: every module path (macros/…/x.py) and every dotted name
(macros.site.search_index.PageSections) cited in the pages, the README, the templates, scripts and settings is
there; a module the benchmark history cites after it was removed is named on a line that says so."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CITING = sorted({*ROOT.glob("handbook/**/*.md"), *ROOT.glob("overrides/**/*.html"), *ROOT.glob("overrides/**/*.xml"),
                 *ROOT.glob("handbook/assets/javascripts/*.js"), *ROOT.glob("macros/site/templates/*.j2"),
                 ROOT / "README.md", ROOT / "mkdocs.yml", ROOT / "zensical.yml", ROOT / "Makefile"})
PATH = re.compile(r"\b(?:macros|benchmarks|tests|audit)/[A-Za-z_/]+\.py\b")
DOTTED = re.compile(r"\bmacros(?:\.[A-Za-z_]+)+")
REMOVED = ("已经不在", "已删除")  # how the benchmark page's history says a module is gone


def resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        for name in parts[end:]:
            if not hasattr(found, name):
                return False
            found = getattr(found, name)
        return True
    return False


@pytest.mark.parametrize("source", CITING, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_cited_module_and_name_exists(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    removed_lines = [line for line in text.splitlines() if any(word in line for word in REMOVED)]
    missing = [path for path in sorted(set(PATH.findall(text))) if not (ROOT / path).exists()
               and not any(Path(path).name in line for line in removed_lines)]
    unresolved = [name for name in sorted(set(DOTTED.findall(text))) if not resolves(name.rstrip("."))]
    assert (missing, unresolved) == ([], [])
