"""The house's floors: ``macros/data`` under ``macros/site`` under ``macros/maintain`` under the package's own
``__init__.py`` and ``__main__.py``. A module imports only its own floor and those below, never in a cycle
(imports inside functions count too), and the data floor knows nothing of Jinja or MkDocs."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

MACROS = Path(__file__).resolve().parent.parent / "macros"
FLOORS = {"data": 0, "site": 1, "maintain": 2}  # anything else in macros/ is the top floor
ENGINE_PACKAGES = {"jinja2", "markupsafe", "mkdocs", "material", "mkdocs_macros"}


def _name(path: Path) -> str:
    parts = path.relative_to(MACROS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in MACROS.rglob("*.py")}


def _floor(module: str) -> int:
    parts = module.split(".")
    return FLOORS.get(parts[1], 3) if len(parts) > 1 else 3


def _imports(module: str) -> set[str]:
    """Every module this one imports (ours resolved to the most specific module of macros/; others by top name)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return found


GRAPH = {module: {name for name in _imports(module) if name in MODULES} - {module} for module in MODULES}


def test_the_layout_is_the_one_described() -> None:
    assert {"macros.data.models", "macros.data.read", "macros.site.pages", "macros.maintain.stubs"} <= set(MODULES)


def test_no_module_imports_a_floor_above_its_own() -> None:
    upward = sorted(f"{module} imports {name}" for module, names in GRAPH.items() for name in names
                    if _floor(name) > _floor(module))
    assert upward == []


def test_the_modules_import_each_other_without_a_cycle() -> None:
    graphlib.TopologicalSorter(GRAPH).prepare()  # raises CycleError naming the cycle


def test_the_data_floor_knows_nothing_of_the_engine() -> None:
    engine = sorted(f"{module} imports {name}" for module in MODULES if _floor(module) == 0
                    for name in _imports(module) if name.split(".")[0] in ENGINE_PACKAGES)
    assert engine == []
