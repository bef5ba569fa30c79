"""JSON Schemas for the data files, generated from the model so editors flag what ``check`` would.

The committed files under ``data/schema/`` are the output of :func:`write_schemas`; a test fails when they
differ from what the model generates, so the two can never drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import models
from .read import DATA_FILES

SCHEMA_DIR = Path("data/schema")
# One schema per kind of data file: data/<name>.yaml -> data/schema/<name>.schema.json; roles share one.
SCHEMA_FILES: dict[str, type[models.Record]] = {
    "role.schema.json": models.Role,
    **{name.replace(".yaml", ".schema.json"): model for name, model in DATA_FILES.items()},
    "vocabulary.schema.json": models.Vocabulary,  # optional file, read by the lint (macros.data.lint)
}


def schema_for(model: type[models.Record]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one top-level record type, as pydantic describes it."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}


def render_schemas() -> dict[str, str]:
    """File name -> JSON text of every data schema, as committed under ``data/schema/``."""
    return {
        name: json.dumps(schema_for(cls), ensure_ascii=False, indent=2) + "\n"
        for name, cls in SCHEMA_FILES.items()
    }


def write_schemas(root: Path) -> list[Path]:
    """Write the schemas under ``<root>/data/schema``; return the files that changed."""
    changed = []
    directory = root / SCHEMA_DIR
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in render_schemas().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
