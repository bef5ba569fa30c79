"""Temporary project folders: the handbook's code (macros/, overrides/, mkdocs.yml, zensical.yml, handbook/) with
data.

Nothing here writes into the repository: every benchmark builds a copy, so the real data/, site/ and
role stubs are never touched.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from macros.maintain.stubs import stub_text, track_stub_text

from . import synthetic

ROOT = Path(__file__).resolve().parent.parent
DOCS = "handbook"
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


@dataclass(frozen=True)
class Project:
    """A buildable copy of the handbook."""

    root: Path
    roles: int
    real: bool  # the repository's own data/ (True) or synthetic data
    sample_role: str  # the slug whose page size is reported
    role_bytes: int  # size of data/roles/*.yaml, UTF-8
    role_chars: int  # Chinese characters in data/roles/*.yaml


def real_data_available() -> bool:
    """Whether the repository has role files to benchmark (other maintainers may still be writing them)."""
    return any((ROOT / "data" / "roles").glob("*.yaml"))


def _copy_code(target: Path, with_role_stubs: bool) -> None:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "macros", target / "macros", ignore=IGNORE)
    shutil.copytree(ROOT / "overrides", target / "overrides", ignore=IGNORE)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy2(ROOT / "zensical.yml", target / "zensical.yml")  # the same site under Zensical (zensical.py)

    def skip_role_stubs(directory: str, names: list[str]) -> set[str]:
        skipped = set(IGNORE(directory, names))
        # Synthetic data has its own roles and career tracks: their stubs are written for it.
        if not with_role_stubs and Path(directory) in (ROOT / DOCS / "roles", ROOT / DOCS / "career"):
            skipped |= {name for name in names if name.endswith(".md") and name != "index.md"}
        return skipped

    shutil.copytree(ROOT / DOCS, target / DOCS, ignore=skip_role_stubs)


def real_project(target: Path) -> Project:
    """A copy of the repository as it is: its data/ and its role pages."""
    _copy_code(target, with_role_stubs=True)
    shutil.copytree(ROOT / "data", target / "data", ignore=IGNORE)
    (target / "data" / "url-contract.txt").unlink(missing_ok=True)
    role_files = sorted((target / "data" / "roles").glob("*.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in role_files]
    slugs = [path.stem for path in role_files]
    sample = "project-manager" if "project-manager" in slugs else slugs[0]
    return Project(target, len(role_files), True, sample, sum(len(t.encode("utf-8")) for t in texts),
                   sum(map(synthetic.chinese_chars, texts)))


def synthetic_project(target: Path, count: int) -> Project:
    """The handbook's code with ``count`` synthetic roles (see :mod:`benchmarks.synthetic`) and their stubs."""
    _copy_code(target, with_role_stubs=False)
    data = target / "data"
    data.mkdir()
    if (ROOT / "data" / "schema").is_dir():  # `check` compares them with the model
        shutil.copytree(ROOT / "data" / "schema", data / "schema")
    if (ROOT / "data" / "guide-examples.json").exists():  # generated from the real data; the guide shows it
        shutil.copy2(ROOT / "data" / "guide-examples.json", data)
    generated = synthetic.write_data(data, count)
    roles = target / DOCS / "roles"
    roles.mkdir(parents=True, exist_ok=True)
    for slug in generated.slugs:
        (roles / f"{slug}.md").write_text(stub_text(slug), encoding="utf-8")
    tracks = target / DOCS / "career"
    tracks.mkdir(parents=True, exist_ok=True)
    for track in synthetic.TRACKS:
        (tracks / f"{track}.md").write_text(track_stub_text(track), encoding="utf-8")
    return Project(target, count, False, generated.slugs[0], generated.role_bytes, generated.role_chars)
