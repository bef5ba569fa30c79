"""The message table (macros/data/messages.py): every message a maintainer reads, in Chinese, in one place.

Every entry is used and every use names an entry; each call gives exactly the values its template asks for;
no message text is written anywhere else in macros/; and every template follows the copywriting convention
(full-width punctuation after Chinese, a space between Chinese and Latin words or numbers).
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from macros.data.lint import HAN
from macros.data.messages import ERROR, MESSAGES, WARNING, say
from macros.data.problems import Problem

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
           for path in sorted((ROOT / "macros").rglob("*.py")) if path.name != "messages.py"}
# Written as YAML is, inside a message: "映射（键: 值）", "role: <slug>", "「: 」".
YAML_SAMPLES = re.compile(r"键: 值|role: <slug>|「: 」|「键: 值」")


def _placeholders(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _text, name, _spec, _conv in string.Formatter().parse(template)
            if name}


def _calls() -> list[tuple[str, ast.Call]]:
    """Every ``say(...)`` call of macros/, with its file."""
    found = []
    for file, text in SOURCES.items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say":
                found.append((file, node))
    return found


def test_every_entry_is_used_somewhere() -> None:
    code = "\n".join(SOURCES.values())
    unused = [key for key in MESSAGES if f'"{key}"' not in code and f"'{key}'" not in code]
    assert not unused, f"entries no code names: {unused}"


def test_every_say_names_an_entry() -> None:
    unknown = [(file, node.lineno, node.args[0].value) for file, node in _calls()
               if node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value not in MESSAGES]
    assert not unknown, unknown


def test_every_call_gives_exactly_the_values_its_template_asks_for() -> None:
    wrong = []
    for file, node in _calls():
        if not node.args or not isinstance(node.args[0], ast.Constant):
            continue  # a key chosen at run time: its values are checked where it is formatted (below)
        if any(keyword.arg is None for keyword in node.keywords):
            continue  # **values: checked by the corpus that triggers it
        given = {keyword.arg for keyword in node.keywords}
        asked = _placeholders(MESSAGES.get(node.args[0].value, ""))
        if given != asked:
            wrong.append(f"{file}:{node.lineno} say({node.args[0].value!r}): gives {sorted(given)}, "
                         f"the template asks for {sorted(asked)}")
    assert not wrong, "\n".join(wrong)


def test_every_template_formats_with_its_own_placeholders() -> None:
    for key, template in MESSAGES.items():
        values = {name: 1 for name in _placeholders(template)}
        assert say(key, **values), key  # no stray brace, no positional field


# What a maintainer reads must come from the table: these calls take a message (or make one).
MESSAGE_TAKERS = {"Problem", "add", "_Refused", "Unreadable", "refuse", "WriteError"}
# Internal markers never shown: pydantic's error template that carries a said message, and the marker of a
# reference being located (Collector.reference_places).
INTERNAL = {"{message}", "unknown reference"}


def _literal_text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return ""


def _reads_as_a_message(text: str) -> bool:
    """Chinese, or an English phrase of three words or more."""
    return text not in INTERNAL and bool(re.search(f"[{HAN}]", text) or len(re.findall(r"\b[a-z]{2,}\b", text)) >= 3)


@pytest.mark.parametrize("file", list(SOURCES))
def test_no_message_text_outside_the_table(file: str) -> None:
    inline = []
    for node in ast.walk(ast.parse(SOURCES[file])):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name == "PydanticCustomError" and len(node.args) > 1:
            texts = [node.args[1]]
        elif name in MESSAGE_TAKERS:
            texts = [*node.args, *(keyword.value for keyword in node.keywords if keyword.arg == "message")]
        else:
            continue
        inline += [f"{file}:{node.lineno}: {_literal_text(arg)!r}" for arg in texts
                   if _reads_as_a_message(_literal_text(arg))]
    assert not inline, "message text written inline, not in macros/data/messages.py:\n" + "\n".join(inline)


@pytest.mark.parametrize("key", list(MESSAGES))
def test_each_template_follows_the_convention(key: str) -> None:
    template = YAML_SAMPLES.sub("", MESSAGES[key])
    literal = "".join(text for text, _name, _spec, _conv in string.Formatter().parse(template))
    assert not re.search(f"[{HAN}][,;?:!()]", literal), f"ASCII punctuation after Chinese: {MESSAGES[key]!r}"
    assert not re.search(f"[,;?!(][{HAN}]", literal), f"ASCII punctuation before Chinese: {MESSAGES[key]!r}"
    for text, _name, _spec, _conv in string.Formatter().parse(template):
        assert not re.search(f"[{HAN}][A-Za-z0-9]|[A-Za-z0-9][{HAN}]", text), \
            f"no space between Chinese and Latin: {text!r} in {key}"
    if re.search(f"[{HAN}]", literal):
        assert not re.search(r"'[^']*'", literal), f"quote values with 「」, not '…': {MESSAGES[key]!r}"


def test_a_problem_prints_as_the_convention_says() -> None:
    problem = Problem("data/roles/risk-manager.yaml", 7, 1, "misson", say("unknown_field",
                                                                           suggestion=say("did_you_mean",
                                                                                          name="mission")))
    assert ERROR + str(problem) == "错误：data/roles/risk-manager.yaml:7:1 misson：没有这个字段。是不是想写 mission？"
    whole_file = Problem("data/roles/x.yaml", 1, 1, "", say("empty_file"))
    assert str(whole_file) == "data/roles/x.yaml:1:1 文件是空的：请写入这个文件的内容。"
    assert (ERROR, WARNING) == ("错误：", "警告：")
