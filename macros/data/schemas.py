"""JSON Schemas for the data files, generated from the model so editors flag what ``check`` would.

The committed files under ``data/schema/`` are the output of :func:`write_schemas`; a test fails when they
differ from what the model generates, so the two can never drift apart.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from . import models
from .files import make_folder, write_file
from .read import DATA_FILES, OPTIONAL_FILES

SCHEMA_DIR = Path("data/schema")
# One schema per kind of data file: data/<name>.yaml -> data/schema/<name>.schema.json; roles share one.
SCHEMA_FILES: dict[str, type[models.Record]] = {
    "role.schema.json": models.Role,
    **{name.replace(".yaml", ".schema.json"): model for name, model in {**DATA_FILES, **OPTIONAL_FILES}.items()},
    "vocabulary.schema.json": models.Vocabulary,  # optional file, read by the lint (macros.data.lint)
}


@cache  # the model does not change while a process runs; `mkdocs serve` compares on every save
def render_schemas() -> dict[str, str]:
    """File name -> JSON text of every data schema (draft 2020-12, as pydantic describes the model)."""
    return {name: json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()},
                             ensure_ascii=False, indent=2) + "\n" for name, model in SCHEMA_FILES.items()}


def write_schemas(root: Path) -> list[Path]:
    """Write the schemas under ``<root>/data/schema``; return the files that changed."""
    make_folder(root, root / SCHEMA_DIR)
    changed = []
    for name, text in render_schemas().items():
        path = root / SCHEMA_DIR / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_file(root, path, text)  # never through a link, never outside the project
            changed.append(path)
    return changed
