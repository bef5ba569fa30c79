"""The floor: what plain MkDocs costs for the very same pages, with no macros plugin.

A capture build (untimed) runs the handbook through mkdocs-macros with one extra hook that writes every
page's Markdown exactly as MkDocs receives it after macros ran — front matter included, with what the
macros put on the page's ``meta`` (description, JSON-LD). Those files become the ``docs_dir`` of a second
project whose ``mkdocs.yml`` is the handbook's own minus the macros plugin (and minus ``watch``, which names
data/ and macros/ that the floor does not have). Same theme, same overrides, same Markdown extensions,
same search plugin: the only difference left is the data layer.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .project import DOCS

CAPTURE_MODULE = "bench_capture"
CAPTURE_CONFIG = "mkdocs-capture.yml"
CAPTURE_ENV = "BENCH_CAPTURE_DIR"
TYPOGRAPHY_MODULE = "handbook_typography"

# Loaded by mkdocs-macros instead of `macros` in the capture build: the handbook's own hooks, plus a copy
# of every page's final Markdown.
CAPTURE_SOURCE = '''\
"""Benchmark capture: the handbook's macros, and every page's Markdown written out after they ran."""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402

import macros as _handbook  # noqa: E402

# Every hook the handbook defines, unchanged; on_post_page_macros also writes the page out.
for _hook in ("define_env", "on_pre_page_macros", "on_post_build"):
    if hasattr(_handbook, _hook):
        globals()[_hook] = getattr(_handbook, _hook)
_OUT = Path(os.environ["BENCH_CAPTURE_DIR"])


def on_post_page_macros(env):
    if hasattr(_handbook, "on_post_page_macros"):
        _handbook.on_post_page_macros(env)
    page = env.page
    meta = {key: (str(value) if isinstance(value, str) else value) for key, value in page.meta.items()}
    front = ""
    if meta:
        front = "---\\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**9) + "---\\n\\n"
    target = _OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front + env.markdown, encoding="utf-8")
'''


def _drop_block(lines: list[str], start: re.Pattern[str]) -> list[str]:
    """Remove the line matching ``start`` and every following line indented deeper (or blank)."""
    out: list[str] = []
    skipping_indent: int | None = None
    key_block = False  # `key:` may hold a list at its own indentation; `- item:` may not
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skipping_indent is not None:
            same_level_item = key_block and indent == skipping_indent and line.lstrip().startswith("- ")
            if not line.strip() or indent > skipping_indent or same_level_item:
                continue
            skipping_indent = None
        if start.match(line):
            skipping_indent = indent
            key_block = not line.lstrip().startswith("-")
            continue
        out.append(line)
    return out


def without_macros(config_text: str) -> str:
    """The handbook's ``mkdocs.yml`` without the macros plugin, its ``hooks`` (the serve guard and the glossary
    tooltips of macros/) and ``watch``."""
    lines = config_text.splitlines()
    lines = _drop_block(lines, re.compile(r"^\s*- macros:?\s*$"))
    lines = _drop_block(lines, re.compile(r"^hooks:\s*$"))
    lines = _drop_block(lines, re.compile(r"^watch:\s*$"))
    text = "\n".join(lines) + "\n"
    if re.search(r"^\s*- macros:?\s*$", text, re.MULTILINE) or re.search(r"^(watch|hooks):", text, re.MULTILINE):
        raise ValueError("could not remove the macros plugin from mkdocs.yml")
    return text


def prepare_capture(project: Path) -> Path:
    """Write the capture module and config into a project; return the config file to build with."""
    (project / f"{CAPTURE_MODULE}.py").write_text(CAPTURE_SOURCE, encoding="utf-8")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    captured, replaced = re.subn(r"^(\s*module_name:\s*)macros\s*$", rf"\g<1>{CAPTURE_MODULE}", text,
                                 flags=re.MULTILINE)
    if replaced != 1:
        raise ValueError("mkdocs.yml: expected one 'module_name: macros' under the macros plugin")
    config = project / CAPTURE_CONFIG
    config.write_text(captured, encoding="utf-8")
    return config


def floor_project(project: Path, captured: Path, target: Path) -> Path:
    """The plain-MkDocs project: captured pages + the handbook's assets, theme overrides and config."""
    docs = target / DOCS
    shutil.copytree(project / DOCS, docs, ignore=shutil.ignore_patterns("*.md"))
    sources = sorted((project / DOCS).rglob("*.md"))
    missing = []
    for source in sources:
        rel = source.relative_to(project / DOCS)
        page = captured / rel
        if page.exists():
            shutil.copy2(page, docs / rel)
        else:
            missing.append(rel.as_posix())
    if missing:
        raise RuntimeError(f"the capture build wrote no Markdown for {len(missing)} page(s): {missing[:5]}")
    shutil.copytree(project / "overrides", target / "overrides")
    # The handbook's typography extension (macros/site/typography.py, self-contained) renders the floor's Markdown
    # too, as a module next to its mkdocs.yml; the phone tables' extension is the handbook's own work.
    shutil.copy2(project / "macros" / "site" / "typography.py", target / f"{TYPOGRAPHY_MODULE}.py")
    config = without_macros((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config, typography = re.subn(r"^  - macros\.site\.typography\n", f"  - {TYPOGRAPHY_MODULE}\n", config,
                                 flags=re.MULTILINE)
    config, tables = re.subn(r"^  - macros\.site\.tables\n", "", config, flags=re.MULTILINE)
    if (typography, tables) != (1, 1):
        raise ValueError("mkdocs.yml: expected macros.site.typography and macros.site.tables in markdown_extensions")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target
