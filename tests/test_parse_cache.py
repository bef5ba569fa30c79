"""The parse cache on disk: a new process (`check`, a build) parses only the data files whose text changed since
any earlier run, gives exactly what parsing gives, and never trusts a folder or entry it should not."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from macros.data import read as load
from macros.data.read import HandbookError, load_handbook
from macros.data.parse_cache import ParseCache

ROLE = "data/roles/risk-manager.yaml"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """A private temp folder and a fresh cache; the files parsed (not taken from the cache) are listed."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.delenv("HANDBOOK_PARSE_CACHE", raising=False)
    monkeypatch.setattr(load, "_ON_DISK", ParseCache())
    files: list[str] = []
    original = load._parse

    def counting(text: str, rel: str, cls: type, collector: load._Collector):
        files.append(rel)
        return original(text, rel, cls, collector)

    monkeypatch.setattr(load, "_parse", counting)
    return files


def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process has read, as a new `check` would start."""
    monkeypatch.setattr(load, "_PARSED", {})
    monkeypatch.setattr(load, "_ON_DISK", ParseCache())


def entries(tmp_path: Path) -> list[Path]:
    return [path for path in (tmp_path / "tmp").rglob("*") if path.is_file()]


def test_a_new_process_parses_only_what_changed(minimal_project: Path, parsed: list[str], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_handbook(minimal_project).handbook
    every_file = sorted(parsed)
    assert ROLE in every_file and len(every_file) == len(entries(tmp_path))

    new_process(monkeypatch)
    parsed.clear()
    again = load_handbook(minimal_project).handbook
    assert parsed == []
    assert again.roles == first.roles and again.activities == first.activities and again.faq == first.faq

    new_process(monkeypatch)
    path = minimal_project / ROLE
    path.write_text(path.read_text(encoding="utf-8").replace("一句话简介。", "新的简介。"), encoding="utf-8")
    changed = load_handbook(minimal_project).handbook
    assert parsed == [ROLE]
    assert changed.role_by_slug["risk-manager"].summary == "新的简介。"


def test_records_from_the_cache_keep_their_locations(minimal_project: Path, parsed: list[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    load_handbook(minimal_project)
    new_process(monkeypatch)
    parsed.clear()
    families = minimal_project / "data" / "families.yaml"
    families.write_text(families.read_text(encoding="utf-8").replace("id: delivery", "id: ops"), encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        load_handbook(minimal_project)
    assert parsed == ["data/families.yaml"]  # the roles came from the cache, with the places of their fields
    located = {(problem.file, problem.line, problem.column, problem.field) for problem in caught.value.problems}
    assert located == {("data/roles/project-manager.yaml", 4, 9, "family"),
                       ("data/roles/risk-manager.yaml", 4, 9, "family")}


def test_a_file_with_problems_is_never_cached(minimal_project: Path, parsed: list[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = minimal_project / ROLE
    path.write_text(path.read_text(encoding="utf-8").replace("    level: 3", "    level: 9"), encoding="utf-8")
    for attempt in range(2):
        new_process(monkeypatch)
        parsed.clear()
        with pytest.raises(HandbookError) as caught:
            load_handbook(minimal_project)
        assert ROLE in parsed, f"attempt {attempt}"
        assert [problem.file for problem in caught.value.problems] == [ROLE]


def test_what_if_edits_are_not_cached(minimal_project: Path, parsed: list[str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    load_handbook(minimal_project)
    before = sorted(path.name for path in entries(tmp_path))
    text = (minimal_project / ROLE).read_text(encoding="utf-8")
    load_handbook(minimal_project, edits={ROLE: text.replace("一句话简介。", "只是试试。")})
    assert sorted(path.name for path in entries(tmp_path)) == before


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95garbage"])
def test_a_damaged_entry_is_parsed_again(minimal_project: Path, parsed: list[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    first = load_handbook(minimal_project).handbook
    for entry in entries(tmp_path):
        entry.write_bytes(damage)
    new_process(monkeypatch)
    parsed.clear()
    assert load_handbook(minimal_project).handbook.roles == first.roles
    assert ROLE in parsed


def test_a_folder_others_can_write_to_is_not_used(minimal_project: Path, parsed: list[str], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "tmp" / f"pm-handbook-parse-{os.getuid()}"
    folder.mkdir()
    folder.chmod(0o777)  # anyone could have planted a pickle here
    load_handbook(minimal_project)
    assert entries(tmp_path) == []
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777


def test_the_cache_can_be_turned_off(minimal_project: Path, parsed: list[str], tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_PARSE_CACHE", "off")
    load_handbook(minimal_project)
    new_process(monkeypatch)
    parsed.clear()
    load_handbook(minimal_project)
    assert ROLE in parsed
    assert entries(tmp_path) == []


def test_entries_of_older_code_are_removed(minimal_project: Path, parsed: list[str], tmp_path: Path) -> None:
    old = tmp_path / "tmp" / f"pm-handbook-parse-{os.getuid()}" / "0123456789abcdef"
    old.mkdir(parents=True, mode=0o700)
    old.parent.chmod(0o700)
    (old / "entry").write_bytes(b"from an earlier version of macros/")
    load_handbook(minimal_project)
    assert not old.exists()
    assert entries(tmp_path)
