"""The JSON Schemas under data/schema are generated from the model and accept the real data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros.data.schemas import SCHEMA_FILES, render_schemas

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "data" / "schema"


def test_committed_schemas_equal_the_generated_ones():
    for name, text in render_schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, (
            f"data/schema/{name} is stale: run `python -m macros schemas`")
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(SCHEMA_FILES)


def _as_json(value):
    """YAML dates become ISO strings, as an editor's YAML language server sees them."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


DATA_FILES = sorted((ROOT / "data").rglob("*.yaml"))


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.relative_to(ROOT).as_posix() for p in DATA_FILES])
def test_real_data_is_valid_against_its_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = json.loads((path.parent / first.split("$schema=", 1)[1]).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        _as_json(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_schema_rejects_what_check_rejects():
    schema = json.loads((SCHEMA_DIR / "role.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    bad = {"slug": "Bad_Slug", "responsibilites": []}
    messages = [error.message for error in validator.iter_errors(bad)]
    assert any("does not match" in message for message in messages)
    assert any("'responsibilites' was unexpected" in message for message in messages)


def test_committed_guide_examples_are_the_generated_ones(handbook):
    from macros.maintain.examples import render_examples

    committed = (ROOT / "data" / "guide-examples.json").read_text(encoding="utf-8")
    assert committed == render_examples(ROOT, handbook), (
        "data/guide-examples.json is stale: run `python -m macros schemas`")
