"""Search segmentation remembered: jieba's words for every run of Chinese, exactly, each run cut once."""

from __future__ import annotations

import importlib
import re
import types
from pathlib import Path

import pytest

from macros.site import segment_cache
from macros.site.segment_cache import RememberingJieba

ROOT = Path(__file__).resolve().parent.parent
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def fake_jieba() -> tuple[types.ModuleType, list[str]]:
    """A jieba that cuts into characters and lists what it was asked to cut."""
    module = types.ModuleType("jieba")
    asked: list[str] = []

    def cut(sentence, *args, **kwargs):
        text = sentence.decode() if isinstance(sentence, bytes) else sentence
        asked.append(text)
        yield from text

    module.cut = cut
    module.load_userdict = lambda path: None
    module.set_dictionary = lambda path: None
    module.add_word = lambda word: None
    module.initialize = lambda: "initialised"
    return module, asked


def test_the_words_are_jiebas_own() -> None:
    jieba = pytest.importorskip("jieba")
    runs = sorted({run for path in (ROOT / "data").rglob("*.yaml")
                   for run in HAN_RUN.findall(path.read_text(encoding="utf-8"))})
    assert len(runs) > 500
    remembering = RememberingJieba(jieba)
    for run in runs:
        expected = list(jieba.cut(run.encode("utf-8")))
        assert list(remembering.cut(run.encode("utf-8"))) == expected
        assert list(remembering.cut(run.encode("utf-8"))) == expected  # remembered: the same again
    assert "风险管理" in "\u200b".join(remembering.cut("负责项目的风险管理".encode("utf-8"))).split("\u200b")


def test_each_run_is_cut_once() -> None:
    module, asked = fake_jieba()
    remembering = RememberingJieba(module)
    for _ in range(3):
        assert "".join(remembering.cut("项目经理".encode("utf-8"))) == "项目经理"
    assert asked == ["项目经理"]


@pytest.mark.parametrize("change", ["load_userdict", "set_dictionary", "add_word"])
def test_loading_a_dictionary_forgets_what_was_cut(change: str) -> None:
    module, asked = fake_jieba()
    remembering = RememberingJieba(module)
    list(remembering.cut("风险"))
    getattr(remembering, change)("words.txt")
    list(remembering.cut("风险"))
    assert asked == ["风险", "风险"]


def test_other_calls_go_to_jieba_unchanged() -> None:
    module, asked = fake_jieba()
    remembering = RememberingJieba(module)
    assert remembering.initialize() == "initialised"
    list(remembering.cut("风险", cut_all=True))
    list(remembering.cut("风险", cut_all=True))
    assert asked == ["风险", "风险"]  # a call with options is not the search plugin's: not remembered


def test_install_gives_materials_search_a_remembering_jieba_once(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("jieba")
    search = importlib.import_module(segment_cache.SEARCH_MODULE)
    import jieba

    monkeypatch.setattr(search, "jieba", jieba)
    installed = segment_cache.install()
    assert isinstance(search.jieba, RememberingJieba) and search.jieba.jieba is jieba
    assert segment_cache.install() is installed


def test_install_leaves_a_search_plugin_without_jieba_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    search = importlib.import_module(segment_cache.SEARCH_MODULE)
    monkeypatch.setattr(search, "jieba", None)
    assert segment_cache.install() is None
    assert search.jieba is None


def test_install_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("jieba")
    search = importlib.import_module(segment_cache.SEARCH_MODULE)
    import jieba

    monkeypatch.setattr(search, "jieba", jieba)
    monkeypatch.setenv("HANDBOOK_SEGMENT_CACHE", "off")
    assert segment_cache.install() is None
    assert search.jieba is jieba
