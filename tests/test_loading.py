"""Reading data/: YAML is read exactly as PyYAML's safe loader reads it, and what maintainers never need —
anchors, aliases, tags, deep nesting, huge files, control characters, other encodings — is refused with a
message that says why, located in the file, never as a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from macros.data.problems import Collector
from macros.data.read import MAX_BYTES, HandbookError, _depth_bound, _Plain, _YamlLoader, load_handbook

ROLE = "data/roles/risk-manager.yaml"


# Scalars of every implicit type YAML 1.1 knows, plain and quoted, inside both collections.
EVERY_KIND = """
number: 1
negative: -1_000
octal: 0o17
hex: 0x1F
float: 1.5e3
special: [.inf, -.Inf, .nan]
booleans: [true, No, yes, off, ON]
nulls: [~, null, '', ]
empty:
date: 2026-01-02
timestamp: 2001-12-14t21:59:43.10-05:00
text: 风险管理
quoted: "1"
flow: {key: value, 2: [a, b]}
"""


def _as_read(value):
    """What the reader gives for what PyYAML's safe loader gives: tuples, text keys, dates as written."""
    if isinstance(value, dict):
        return {str(key): _as_read(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(_as_read(item) for item in value)
    if isinstance(value, dt.datetime):
        return "2001-12-14t21:59:43.10-05:00"
    return value.isoformat() if isinstance(value, dt.date) else value


def test_the_reader_reads_yaml_as_pyyamls_safe_loader_does_but_dates_and_numbers_not_in_decimal() -> None:
    loader = _YamlLoader(EVERY_KIND)
    root = loader.get_single_node()
    read = _Plain(root, "every-kind.yaml", Collector(), loader).value(root)
    # Numbers come only from plain decimal digits (issue #28): 0x1F, -1_000, .inf stay as written.
    expected = {**_as_read(yaml.safe_load(EVERY_KIND)), "negative": "-1_000", "hex": "0x1F",
                "special": (".inf", "-.Inf", ".nan")}
    assert repr(read) == repr(expected)  # repr: nan is not equal to itself


def problems_after(project: Path, old: str | bytes, new: str | bytes) -> list[str]:
    path = project / ROLE
    data = path.read_bytes()
    old, new = (part.encode("utf-8") if isinstance(part, str) else part for part in (old, new))
    assert data.count(old) == 1
    path.write_bytes(data.replace(old, new))
    with pytest.raises(HandbookError) as caught:
        load_handbook(project)
    return [str(problem) for problem in caught.value.problems]


ANCHORS = "不能用锚点和别名（&名字、*名字）：请在需要的地方把值完整写出来。"
TOO_DEEP = "嵌套超过了 20 层：手册里没有这么深的记录，多半是缩进乱了。请检查这一行附近的缩进。"
REFUSED = [
    ("anchor", "summary: 一句话简介。", "summary: &s 一句话简介。", f"{ROLE}:6:10 {ANCHORS}"),
    ("alias", "mission: 使命说明。", "mission: *s", f"{ROLE}:7:10 {ANCHORS}"),
    ("standard tag", "name_en: Role risk-manager", "name_en: !!str 2024",
     f"{ROLE}:3:10 不能用标签（tag:yaml.org,2002:str）：请写普通的 YAML（要当文字的值请加引号）。"),
    ("custom tag", "mission: 使命说明。", "mission: !include other.yaml",
     f"{ROLE}:7:10 不能用标签（!include）：请写普通的 YAML（要当文字的值请加引号）。"),
    ("deep nesting", "aliases: [别名]", "aliases: " + "[" * 30 + "别名" + "]" * 30, f"{ROLE}:5:29 {TOO_DEEP}"),
    ("nesting that would crash the parser", "aliases: [别名]", "aliases: " + "[" * 200_000 + "]" * 200_000,
     f"{ROLE}:5:29 {TOO_DEEP}"),
    ("block nesting that would crash the parser", "aliases: [别名]", "aliases:\n" + "- " * 200_000 + "别名",
     f"{ROLE}:6:39 {TOO_DEEP}"),
    ("nesting by indentation", "aliases: [别名]",
     "aliases:" + "".join("\n" + " " * level + "- " for level in range(2_000)) + "别名", f"{ROLE}:25:20 {TOO_DEEP}"),
    ("control character", "mission: 使命说明。", "mission: 使命\x07说明。",
     f"{ROLE}:7:12 有控制字符 U+0007（大多数编辑器不显示它）：请删掉它。"),
    ("not UTF-8", "mission: 使命说明。".encode(), "mission: 使命说明 café。".encode().replace("é".encode(), b"\xe9"),
     f"{ROLE}:7:18 应为 UTF-8 编码的文字，实际有一个字节 0xe9 不是：请用 UTF-8 编码重新保存这个文件。"),
    ("second document", "owner: PMO 知识管理组\n", "owner: PMO 知识管理组\n---\nslug: other\n",
     f"{ROLE}:39:1 YAML 写法有误：文件里有不止一份文档（用 --- 分开的）：一个文件只写一份。"
     "请检查这一行和上一行的缩进、冒号和引号。"),
]


@pytest.mark.parametrize("case, old, new, expected", REFUSED, ids=[case[0] for case in REFUSED])
def test_what_the_reader_refuses_is_reported_where_it_is(minimal_project, case, old, new, expected):
    assert problems_after(minimal_project, old, new) == [expected]


def _depth(node: yaml.Node) -> int:
    if isinstance(node, yaml.ScalarNode):
        return 0
    children = node.value if isinstance(node, yaml.SequenceNode) else [child for pair in node.value for child in pair]
    return 1 + max(map(_depth, children), default=0)


NESTINGS = ["a:\n- b:\n  - c:\n    - d: [x, {y: z}]\n", "- - - - - a\n", "? - a\n: - b\n", "a:\n  b:\n    c: 1\n",
            "x: [[[[1]]]]\n", "- a:\n  - b:\n    - c\n", "a:\n- - b\n  - - c\n"]


@pytest.mark.parametrize("text", NESTINGS)
def test_the_reader_never_underestimates_how_deep_a_file_nests(text):
    """Only a file that may nest 1,000 deep is parsed event by event before composing (see _depth_bound)."""
    assert _depth_bound(text) >= _depth(yaml.compose(text))


def test_an_empty_file_is_reported(minimal_project):
    (minimal_project / ROLE).write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        load_handbook(minimal_project)
    assert f"{ROLE}:1:1 文件是空的：请写入这个文件的内容。" in [str(problem) for problem in caught.value.problems]


def test_a_file_too_large_is_refused_before_it_is_read(minimal_project):
    path = minimal_project / ROLE
    path.write_text(path.read_text(encoding="utf-8") + "#" * MAX_BYTES, encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        load_handbook(minimal_project)
    (problem,) = [problem for problem in caught.value.problems if problem.file == ROLE]
    assert problem.message.startswith(f"文件有 {path.stat().st_size:,} 字节，数据文件最多 {MAX_BYTES:,} 字节")


def test_ampersands_and_asterisks_in_text_are_only_text(minimal_project):
    path = minimal_project / ROLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("mission: 使命说明。", "mission: R&D *重点* 说明！"), encoding="utf-8")
    assert load_handbook(minimal_project).handbook.role_by_slug["risk-manager"].mission == "R&D *重点* 说明！"


def test_dates_are_read_the_same_quoted_or_not(minimal_project):
    path = minimal_project / ROLE
    path.write_text(path.read_text(encoding="utf-8").replace("last_reviewed: 2026-10-01",
                                                             "last_reviewed: '2026-10-01'"), encoding="utf-8")
    assert str(load_handbook(minimal_project).handbook.role_by_slug["risk-manager"].last_reviewed) == "2026-10-01"


def test_a_rule_across_files_points_at_each_place(minimal_project):
    """A family renamed in families.yaml: every role that names it is reported at its own line."""
    path = minimal_project / "data" / "families.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: delivery", "id: ops"), encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        load_handbook(minimal_project)
    located = {(problem.file, problem.line, problem.column, problem.field) for problem in caught.value.problems}
    assert located == {("data/roles/project-manager.yaml", 4, 9, "family"),
                       ("data/roles/risk-manager.yaml", 4, 9, "family")}
