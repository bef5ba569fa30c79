"""Loading data/: YAML is read exactly as PyYAML's safe loader reads it; loading again in the same process
(every rebuild under `mkdocs serve`, every example of the maintainer guide) reuses what did not change, and
never shows stale or what-if data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from macros.data.read import HandbookError, _YamlLoader, load_handbook

ROLE = "data/roles/risk-manager.yaml"


# Scalars of every implicit type YAML 1.1 knows, in plain, quoted and tagged forms, inside both collections.
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
tagged: !!str 12
merge: <<
value: =
flow: {key: value, 2: [a, b]}
"""


def _tags(loader: type) -> list[tuple[str, str, object]]:
    found = []

    def walk(node: yaml.Node) -> None:
        found.append((type(node).__name__, node.tag, node.value if isinstance(node, yaml.ScalarNode) else None))
        children = node.value if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) else []
        for child in children:
            for item in child if isinstance(child, tuple) else (child,):
                walk(item)

    walk(yaml.compose(EVERY_KIND, Loader=loader))
    return found


def test_the_fast_tag_resolver_reads_yaml_exactly_as_pyyaml_does() -> None:
    assert _tags(_YamlLoader) == _tags(yaml.SafeLoader)


def summary_of(project: Path, **options) -> str:
    return load_handbook(project, **options).handbook.role_by_slug["risk-manager"].summary


def age(path: Path, seconds: int = 3600) -> None:
    """Date a file back, as if saved a while ago (stamps of files saved just now are not trusted)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 1_000_000_000))


def test_a_file_saved_again_at_once_with_the_same_size_is_read_again(minimal_project: Path) -> None:
    path = minimal_project / ROLE
    assert summary_of(minimal_project) == "一句话简介。"
    # Same length, same second: only reading the text can tell the difference.
    path.write_text(path.read_text(encoding="utf-8").replace("一句话简介。", "两句话简介。"), encoding="utf-8")
    assert summary_of(minimal_project) == "两句话简介。"


def test_an_unchanged_file_is_not_read_again(minimal_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in (minimal_project / "data").rglob("*.yaml"):
        age(path)
    load_handbook(minimal_project)
    read: list[Path] = []
    original = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: read.append(self) or original(self, *a, **k))
    load_handbook(minimal_project)
    assert read == []
    # Saved later (a new time stamp): read and parsed again.
    path = minimal_project / ROLE
    path.write_text(original(path, encoding="utf-8").replace("一句话简介。", "新的简介。"), encoding="utf-8")
    assert summary_of(minimal_project) == "新的简介。"
    assert read == [path]


def test_what_if_edits_never_replace_the_file_as_it_is(minimal_project: Path) -> None:
    text = (minimal_project / ROLE).read_text(encoding="utf-8")
    edited = text.replace("一句话简介。", "只是试试。")
    assert summary_of(minimal_project, edits={ROLE: edited}) == "只是试试。"
    assert summary_of(minimal_project) == "一句话简介。"
    assert summary_of(minimal_project, reread=False) == "一句话简介。"


def test_a_broken_edit_is_reported_and_the_next_load_is_clean(minimal_project: Path) -> None:
    text = (minimal_project / ROLE).read_text(encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        load_handbook(minimal_project, edits={ROLE: text.replace("    level: 3", "    level: 9")}, reread=False)
    assert [problem.file for problem in caught.value.problems] == [ROLE]
    assert summary_of(minimal_project) == "一句话简介。"


def test_cached_records_keep_their_locations_for_later_rules(minimal_project: Path) -> None:
    """A rule that fails on a later load points at the right line of files that were not parsed again."""
    load_handbook(minimal_project)
    families = (minimal_project / "data" / "families.yaml").read_text(encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        load_handbook(minimal_project, edits={"data/families.yaml": families.replace("id: delivery", "id: ops")},
                      reread=False)
    located = {(problem.file, problem.line, problem.column, problem.field) for problem in caught.value.problems}
    assert located == {("data/roles/project-manager.yaml", 4, 9, "family"),
                       ("data/roles/risk-manager.yaml", 4, 9, "family")}
