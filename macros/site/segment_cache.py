"""Chinese word segmentation for the search index, remembered.

Material's search plugin cuts every run of Chinese characters with jieba on every build: for the real
handbook that is a fifth of a rebuild under `mkdocs serve`, though only the page that changed has new text.
Runs also repeat within a build (role names, 项目经理, 风险管理): in the real data half of the characters cut
are repeats, at 1,000 synthetic roles four fifths. :func:`install` gives the search plugin's module a jieba
whose ``cut`` remembers its results (bounded: at most ``MAX_RUNS`` runs), so each run is cut once per
server process. Everything else is jieba's own; loading a dictionary through it forgets what was cut.

The search index is the same, character for character: jieba's result depends only on the run and the
loaded dictionaries (tested in tests/test_segment_cache.py). Without jieba or without Material's search
plugin, nothing is installed; ``HANDBOOK_SEGMENT_CACHE=off`` installs nothing either (to measure it).
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

MAX_RUNS = 1 << 16  # ~38,000 distinct runs at 1,000 synthetic roles; some tens of MB at most
SEARCH_MODULE = "material.plugins.search.plugin"
# jieba's calls that change how text is cut: what was remembered is forgotten first.
CHANGES_DICTIONARY = frozenset({"set_dictionary", "load_userdict", "add_word", "del_word", "suggest_freq"})


class RememberingJieba:
    """jieba, with ``cut`` of a whole run remembered; any other attribute is jieba's."""

    def __init__(self, jieba: ModuleType):
        self.jieba = jieba
        self._cut = functools.lru_cache(maxsize=MAX_RUNS)(self._cut_once)

    def _cut_once(self, sentence: str | bytes) -> tuple[str, ...]:
        # Words recur across runs far more than runs do: one copy of each keeps the memory small.
        return tuple(map(sys.intern, self.jieba.cut(sentence)))

    def cut(self, sentence: Any, *args: Any, **kwargs: Any) -> Any:
        """``jieba.cut``; remembered for the plain call the search plugin makes."""
        if args or kwargs or not isinstance(sentence, (str, bytes)):
            return self.jieba.cut(sentence, *args, **kwargs)
        return iter(self._cut(sentence))

    def forget(self) -> None:
        """Drop every remembered result."""
        self._cut.cache_clear()

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.jieba, name)
        if name not in CHANGES_DICTIONARY:
            return attribute

        @functools.wraps(attribute)
        def changing_dictionary(*args: Any, **kwargs: Any) -> Any:
            self.forget()
            return attribute(*args, **kwargs)

        return changing_dictionary


def keep_dictionary_private(jieba: ModuleType, root: Path) -> None:
    """Make jieba keep its prepared dictionary in the project's private folder (``.cache/jieba``).

    jieba's default is ``jieba.cache`` in the shared temp folder, which it loads with ``marshal`` (not safe for
    crafted data) if present: a file left there by another user would change the search index or worse.
    Without a private folder, a fresh temporary one (mode 0700) is used: slower, never shared."""
    from ..data.private import private_folder

    tokenizer = getattr(jieba, "dt", None)
    if tokenizer is None or getattr(tokenizer, "handbook_private", False):
        return
    folder = private_folder(root, "jieba")
    tokenizer.tmp_dir = str(folder) if folder else tempfile.mkdtemp(prefix="handbook-jieba-")
    tokenizer.handbook_private = True


def install(root: Path | None = None) -> RememberingJieba | None:
    """Give Material's search plugin a remembering jieba (once per process); the one in use, or None.
    With ``root``, jieba's dictionary cache is kept in that project's private folder."""
    try:
        search = importlib.import_module(SEARCH_MODULE)
    except ImportError:
        return None
    current = getattr(search, "jieba", None)
    if root is not None:
        module = current.jieba if isinstance(current, RememberingJieba) else current
        if isinstance(module, ModuleType):
            keep_dictionary_private(module, root)
    if os.environ.get("HANDBOOK_SEGMENT_CACHE", "").lower() in ("off", "0", "false", "no"):
        return None
    if isinstance(current, RememberingJieba):
        return current
    if not isinstance(current, ModuleType):  # jieba is not installed, or the plugin changed: leave it be
        return None
    search.jieba = RememberingJieba(current)
    return search.jieba
