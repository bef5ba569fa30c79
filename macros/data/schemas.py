"""JSON Schemas for the data files, generated from the model so editors flag what ``check`` would.

The committed files under ``data/schema/`` are the output of :func:`write_schemas`; a test fails when they
differ from what the model generates, so the two can never drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from . import models as model
from .models import Doc, MaxItems, MinItems, Pattern, Range
from .read import DATA_FILES

SCHEMA_DIR = Path("data/schema")
# One schema per kind of data file: data/<name>.yaml -> data/schema/<name>.schema.json; roles share one.
SCHEMA_FILES: dict[str, type] = {
    "role.schema.json": model.Role,
    **{name.replace(".yaml", ".schema.json"): cls for name, cls in DATA_FILES.items()},
}


def schema_for(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one top-level record type."""
    definitions: dict[str, Any] = {}
    root = _object(cls, definitions)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": cls.__name__,
        "description": _first_line(cls.__doc__),
        **root,
    }
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if text else ""


def _object(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, include_extras=True)
    properties = {}
    required = []
    for spec in dataclasses.fields(cls):
        if not spec.init:
            continue
        properties[spec.name] = _property(hints[spec.name], definitions)
        if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            required.append(spec.name)
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _property(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    marks: list = []
    while get_origin(hint) is typing.Annotated:
        args = get_args(hint)
        hint, marks = args[0], [*marks, *args[1:]]
    out: dict[str, Any] = {}
    origin = get_origin(hint)
    if dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder first: records may nest
            definitions[name] = {"description": _first_line(hint.__doc__), **_object(hint, definitions)}
        out["$ref"] = f"#/$defs/{name}"
    elif origin is tuple:
        out.update(type="array", items=_property(get_args(hint)[0], definitions))
    elif origin is dict:
        key, value = get_args(hint)
        out.update(type="object", additionalProperties=_property(value, definitions))
    elif origin in (typing.Union, types.UnionType):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        out["anyOf"] = [_property(options[0], definitions), {"type": "null"}]
    elif origin is Literal:
        out["enum"] = list(get_args(hint))
    elif hint is int:
        out["type"] = "integer"
    elif hint is dt.date:
        out.update(type="string", format="date")
    elif hint is str:
        out.update(type="string", minLength=1)
    for mark in marks:
        if isinstance(mark, Pattern):
            out["pattern"] = mark.regex
        elif isinstance(mark, Range):
            out.update(minimum=mark.low, maximum=mark.high)
        elif isinstance(mark, MinItems):
            out["minItems"] = mark.count
        elif isinstance(mark, MaxItems):
            out["maxItems"] = mark.count
        elif isinstance(mark, Doc):
            out["description"] = mark.text
    return out


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
