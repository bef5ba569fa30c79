"""The export's documents follow typed models (macros/site/export_models.py); their published JSON Schemas are
generated from those models; every field of a role's data reaches roles.json or is left out with a reason."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from macros.data.models import RaciActivity, Role
from macros.site import export_models
from macros.site.export_models import (DOCUMENTS, ROLE_FIELDS_NOT_EXPORTED, ROLE_FIELDS_RENAMED, Activity,
                                      RoleRecord)

ROOT = Path(__file__).resolve().parent.parent


def exported(site: Path, name: str) -> dict:
    return json.loads((site / "api" / f"{name}.json").read_text(encoding="utf-8"))


def test_committed_export_schemas_are_the_generated_ones() -> None:
    """`make schemas` writes them; a model changed without it fails here."""
    committed = {path.name: path.read_text(encoding="utf-8")
                 for path in sorted((ROOT / export_models.API_SCHEMA_FOLDER).glob("*.schema.json"))}
    assert committed == export_models.render_api_schemas(), "run `make schemas` and commit the result"


@pytest.mark.parametrize("name", ["roles", "raci", "career"])
def test_each_document_the_build_writes_is_one_of_its_model(built_site: Path, name: str) -> None:
    document = exported(built_site, name)
    DOCUMENTS[name].model_validate(document)
    assert document["version"] == getattr(export_models, f"{name.upper()}_VERSION")
    assert (built_site / "api" / f"{name}.schema.json").read_text(encoding="utf-8") == \
        export_models.render_api_schemas()[f"{name}.schema.json"]


@pytest.mark.parametrize("data, record, left_out, renamed", [
    (Role, RoleRecord, ROLE_FIELDS_NOT_EXPORTED, ROLE_FIELDS_RENAMED),
    (RaciActivity, Activity, {}, {}),
], ids=["role", "activity"])
def test_every_field_of_the_data_is_exported_or_left_out_with_a_reason(data, record, left_out, renamed) -> None:
    """A field added to data/roles/*.yaml (macros.data.models.Role) must reach roles.json, under its name or the
    one ROLE_FIELDS_RENAMED gives it, or be listed in ROLE_FIELDS_NOT_EXPORTED with why; a field added to an
    activity of data/activities.yaml must reach raci.json."""
    exported_names = {field.alias or name for name, field in record.model_fields.items()}
    for name in data.model_fields:
        if name in left_out:
            assert renamed.get(name, name) not in exported_names, f"{name} is exported and listed as left out"
        else:
            assert renamed.get(name, name) in exported_names, f"the export has no place for {data.__name__}.{name}"
    assert set(left_out) <= set(data.model_fields), "a reason for a field the data has no more"


@pytest.mark.parametrize("change", ["a new key", "a key removed", "a level out of range", "a letter not in RACI"])
def test_a_document_that_strays_from_its_model_is_refused(built_site: Path, change: str) -> None:
    """What makes the tests above able to fail: a document the export writes with a field its model does not
    know, or without one, or with a value out of range, is refused."""
    roles, raci = exported(built_site, "roles"), exported(built_site, "raci")
    roles, raci = copy.deepcopy(roles), copy.deepcopy(raci)
    if change == "a new key":
        roles["roles"][0]["salary"] = "面议"
    elif change == "a key removed":
        del roles["roles"][0]["faq"]
    elif change == "a level out of range":
        roles["roles"][0]["skills"][0]["level"] = 5
    else:
        raci["activities"][0]["raci"][roles["roles"][0]["slug"]] = "X"
    with pytest.raises(ValidationError):
        DOCUMENTS["roles"].model_validate(roles)
        DOCUMENTS["raci"].model_validate(raci)


def test_roles_json_carries_each_roles_questions_at_their_faq_page_anchor(built_site: Path, handbook) -> None:
    roles = {record["slug"]: record for record in exported(built_site, "roles")["roles"]}
    faq_page = (built_site / "faq" / "index.html").read_text(encoding="utf-8")
    for role in handbook.roles:
        questions = roles[role.slug]["faq"]
        assert [(q["id"], q["question"], q["answer"]) for q in questions] == [
            (entry.id, entry.question, entry.answer) for entry in role.faq]
        for question in questions:
            assert question["url"].endswith(f"/faq/#{question['id']}")
            assert f'id="{question["id"]}"' in faq_page


def test_raci_json_says_who_decides_where_the_as_post_does_not_exist(built_site: Path, handbook) -> None:
    activities = {activity["id"]: activity for activity in exported(built_site, "raci")["activities"]}
    with_fallback = [activity for activity in handbook.activities.activities if activity.fallback is not None]
    assert with_fallback, "the real data names fallbacks (data/activities.yaml)"
    for activity in handbook.activities.activities:
        expected = activity.fallback and {"holder": activity.fallback.holder, "note": activity.fallback.note}
        assert activities[activity.id]["fallback"] == expected
