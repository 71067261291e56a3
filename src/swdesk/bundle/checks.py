"""Checks of a bundle's JSON members shared by writer and reader: strict JSON parsing, the
JSON Schemas (`schemas/*.json`), and the rules a schema cannot say (member names agreeing
with roles, application.json referring only to members that are there).

Every function returns a reason (English, for logs and `BundleError.params["reason"]`) or
raises `JsonProblem`; callers turn that into their own error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache, partial
from importlib.resources import files
from typing import Any

import fastjsonschema

from swdesk.core.json_schema import SchemaFault, fault_of
from swdesk.core.strict_json import JsonProblem
from swdesk.core.strict_json import load_strict as load_json

from .layout import (
    PHOTO_NAME,
    REQUIRED_NAMES,
    SIGNED_FORM_PREFIX,
    MemberRole,
    member_rule,
    order_key,
)

__all__ = [
    "JsonProblem",
    "application_problem",
    "load_json",
    "manifest_problem",
    "schema_fault",
    "schema_problem",
]


def load_schema(schema_name: str) -> dict[str, Any]:
    """`schemas/<schema_name>.schema.json` as shipped (draft 2020-12; the tests check it
    against the metaschema)."""
    text = (
        files("swdesk.bundle")
        .joinpath("schemas", f"{schema_name}.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_date(text: str) -> bool:
    """RFC 3339 full-date (format "date"): four-digit year, and a real calendar day."""
    from datetime import date

    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@cache
def fast_validator(schema_name: str) -> Any:
    """The schema compiled to Python by fastjsonschema (`core.json_schema.for_draft7`), format
    "date" checked: it raises `fastjsonschema.JsonSchemaValueException` at the first fault.
    The generated code ships as a module (`validator_source`); tests compare it with the
    reference validator on mutated documents."""
    from .validators import application_schema, manifest_schema  # named: a frozen build finds them

    generated = {"manifest": manifest_schema, "application": application_schema}[schema_name]
    return partial(generated.validate, custom_formats={"date": _is_date})


def schema_fault(schema_name: str, value: Any) -> SchemaFault | None:
    """Where and why `value` first breaks the schema, or None when it matches."""
    try:
        fast_validator(schema_name)(value)
    except fastjsonschema.JsonSchemaValueException as error:
        return fault_of(error)
    return None


def schema_problem(schema_name: str, value: Any) -> str | None:
    """Why `value` does not match the schema ("field/path: what is wrong"), or None."""
    fault = schema_fault(schema_name, value)
    return None if fault is None else fault.reason()


def manifest_problem(manifest: Mapping[str, Any]) -> str | None:
    """What is wrong with a manifest that matched its schema, or None: a name twice, a role
    or media type the layout does not give that name, an evidence name that is not its
    hash, a required member missing, two signed forms, members out of canonical order."""
    names: list[str] = []
    signed_forms = 0
    for entry in manifest["members"]:
        name = entry["name"]
        rule = member_rule(name)
        if rule is None or rule.role != entry["role"] or rule.media_type != entry["media_type"]:
            return f"{name}: role or media type does not fit the name"
        if rule.role is MemberRole.EVIDENCE and not name.startswith(f"evidence/{entry['sha256']}."):
            return f"{name}: an evidence member must be named after its SHA-256"
        if rule.role is MemberRole.SIGNED_FORM:
            signed_forms += 1
        names.append(name)
    if len(set(names)) != len(names):
        duplicate = next(n for n in names if names.count(n) > 1)
        return f"{duplicate}: listed twice"
    missing = [n for n in REQUIRED_NAMES if n not in names]
    if missing:
        return f"{missing[0]}: required member not listed"
    if signed_forms > 1:
        return "more than one signed form"
    if names != sorted(names, key=order_key):
        return "members not in canonical order"
    return None


def application_problem(application: Any, members: Iterable[tuple[str, str]]) -> str | None:
    """Why application.json (parsed) cannot go with these (name, role) members, or None:
    the schema, then every member it names exists with a fitting role, every evidence file
    belongs to an activity, every attendance record (records/*) is named by exactly one
    activity, and every materials/* member is described exactly once.

    The signed form is neither described nor announced here (the manifest lists it):
    attaching the scan of the signed form must not change application.json, or the content
    digest printed on that very form would no longer match (docs/bundle-format.md,
    "Content digest")."""
    problem = schema_problem("application", application)
    if problem:
        return problem
    roles = dict(members)
    evidence = {n for n, r in roles.items() if r == MemberRole.EVIDENCE}
    referenced: set[str] = set()
    for index, activity in enumerate(application["activities"]):
        for name in activity["evidence"]:
            if name not in evidence:
                return f"activities/{index}/evidence: {name} is not in the bundle"
            referenced.add(name)
    if evidence - referenced:
        return f"{min(evidence - referenced)}: evidence not referred to by any activity"
    problem = _record_problem(application["activities"], roles)
    if problem:
        return problem
    described: set[str] = set()
    for index, material in enumerate(application["materials"]):
        name, role = material["member"], material["role"]
        if roles.get(name) is None:
            return f"materials/{index}: {name} is not in the bundle"
        if not _material_fits(role, name):
            return f"materials/{index}: role {role} does not fit {name}"
        if name in described:
            return f"materials/{index}: {name} described twice"
        described.add(name)
    undescribed = [n for n, r in roles.items() if r == MemberRole.MATERIAL and n not in described]
    if undescribed:
        return f"{min(undescribed)}: not described in materials"
    return None


def _record_problem(activities: list[Any], roles: Mapping[str, str]) -> str | None:
    """Every activity's "record" is an attendance record member, named by no other
    activity; every attendance record member is some activity's record."""
    records = {n for n, r in roles.items() if r == MemberRole.CE_RECORD}
    named: set[str] = set()
    for index, activity in enumerate(activities):
        name = activity.get("record")
        if name is None:
            continue
        if name not in records:
            return f"activities/{index}/record: {name} is not in the bundle"
        if name in named:
            return f"activities/{index}/record: {name} backs another activity too"
        named.add(name)
    if records - named:
        return f"{min(records - named)}: record not referred to by any activity"
    return None


def _material_fits(role: str, name: str) -> bool:
    if role == "photo":
        return name == PHOTO_NAME
    if role == "signed_form":
        return name.startswith(SIGNED_FORM_PREFIX)
    return name.startswith(f"materials/{role}-")
