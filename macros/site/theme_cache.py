"""Compiled theme templates kept between builds.

MkDocs makes a new Jinja environment for the theme on every build and compiles Material's templates again:
about 0.2 s of each rebuild under `mkdocs serve` (a fifth of it for the real handbook, see benchmarks/).
A bytecode cache in the project's private folder (``.cache/jinja``, see :mod:`macros.private`) keeps the
compiled code. Jinja keys it by template name and source, and
checks its own and Python's versions; the options that change compiled code go into the file names too.

MkDocs offers the theme's environment to plugins (``on_env``), not to mkdocs-macros modules, so
:func:`register` adds a small plugin to the build's plugin collection while the macros are being set up.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import BasePlugin

NAME = "handbook-theme-cache"


def fingerprint(env: jinja2.Environment) -> str:
    """What compiled code depends on besides the template's own source."""
    options = (
        sorted(env.extensions), env.autoescape if isinstance(env.autoescape, bool) else "function",
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
    )
    return hashlib.sha1(repr(options).encode()).hexdigest()[:12]


class ThemeTemplateCache(BasePlugin):
    """Gives the theme's Jinja environment a bytecode cache."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def on_env(self, env: jinja2.Environment, /, *, config: Any, files: Any) -> jinja2.Environment:
        if env.bytecode_cache is None:
            pattern = f"__pm_handbook_theme_{fingerprint(env)}_%s.cache"
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self.folder), pattern=pattern)
        return env


def register(config: Any, root: Path) -> None:
    """Add the cache to this build's plugins (a new collection comes with each build's configuration);
    without a private folder for it, there is no cache."""
    from ..data.private import private_folder

    plugins = config.get("plugins") if hasattr(config, "get") else None
    if plugins is not None and hasattr(plugins, "events") and NAME not in plugins:
        folder = private_folder(root, "jinja")
        if folder is not None:
            plugins[NAME] = ThemeTemplateCache(folder)
