"""The export under api/: valid against its published schema, equal to the data, Excel-friendly CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest


def load_json(site: Path, name: str) -> dict:
    return json.loads((site / "api" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, version", [("roles", "2.3"), ("raci", "1.2"), ("career", "1.0")])
def test_export_is_valid_against_the_schema_published_beside_it(built_site, name, version):
    document = load_json(built_site, f"{name}.json")
    schema = load_json(built_site, f"{name}.schema.json")
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert document["version"] == version
    assert document["$schema"] == f"./{name}.schema.json"


def test_roles_export_equals_the_data(built_site, handbook):
    roles = load_json(built_site, "roles.json")["roles"]
    assert [role["slug"] for role in roles] == [role.slug for role in handbook.roles]
    for exported, role in zip(roles, handbook.roles):
        assert exported["url"] == f"https://pm-handbook.github.io/handbook/roles/{role.slug}/"
        assert exported["anchors"]["raci"] == exported["url"] + "#raci"
        assert exported["name"] == role.name and exported["name_en"] == role.name_en
        assert exported["aliases"] == list(role.aliases)
        assert [area["duties"] for area in exported["responsibilities"]] == [list(a.duties) for a in role.responsibilities]
        # A skill's level is the one at the role's highest career level; `levels` gives every level.
        assert [(s["id"], s["level"], s["levels"]) for s in exported["skills"]] == [
            (s.skill, s.levels[role.career.levels[-1]], dict(s.levels)) for s in role.skills]
        assert exported["career"]["track"]["id"] == role.career.track
        assert [level["id"] for level in exported["career"]["levels"]] == list(role.career.levels)
        assert exported["last_reviewed"] == role.last_reviewed.isoformat()
        # Every URL of the export is a page of the site.
        page = built_site / exported["url"].split("/handbook/", 1)[1] / "index.html"
        assert page.exists()


def test_raci_export_equals_the_data(built_site, handbook, raci_matrix):
    document = load_json(built_site, "raci.json")
    assert {a["id"]: a["raci"] for a in document["activities"]} == {
        a.id: dict(a.raci) for a in handbook.activities.activities}
    assert {a["id"]: (a["accountable"], a["reason"]) for a in document["activities"]} == {
        a.id: (raci_matrix.accountable(a).id, a.reason) for a in handbook.activities.activities}


def test_raci_export_has_the_parties_as_columns_after_the_roles(built_site, handbook, raci_matrix):
    document = load_json(built_site, "raci.json")
    assert [p["id"] for p in document["parties"]] == [p.id for p in handbook.activities.parties]
    columns = [(c["id"], c["kind"]) for c in document["columns"]]
    assert columns == [(m.id, "role" if m.is_role else "party") for m in raci_matrix.members]
    assert [kind for _id, kind in columns] == sorted((kind for _id, kind in columns), key=["role", "party"].index)


def test_raci_csv_opens_in_excel_with_chinese_intact(built_site, handbook, raci_matrix):
    raw = (built_site / "api" / "raci.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM to read Chinese"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["阶段", "活动编号", "活动"]
    assert rows[0][3:] == [member.name for member in raci_matrix.members] + ["最终负责", "理由"]
    by_id = {row[1]: row for row in rows[1:]}
    assert len(by_id) == len(handbook.activities.activities)
    for activity in handbook.activities.activities:
        *letters, owner, reason = by_id[activity.id][3:]
        assert letters == [activity.letter_of(member.id) or "" for member in raci_matrix.members]
        assert (owner, reason) == (raci_matrix.accountable(activity).name, activity.reason)
