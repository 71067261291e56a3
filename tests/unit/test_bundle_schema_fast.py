"""The schema check swdesk runs (fastjsonschema, on the schemas rewritten for draft 7 by
`core.json_schema.for_draft7`) agrees with jsonschema, the reference validator of draft
2020-12 (a test dependency only), on the real documents and on thousands of mutated ones,
and every refusal comes with a reason naming the field."""

from __future__ import annotations

import copy
import json
import tempfile
import zipfile
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from test_bundle import write

from json_mutations import mutate, paths_of
from swdesk.bundle.checks import fast_validator, load_schema, schema_fault, schema_problem
from swdesk.bundle.validator_source import SCHEMA_NAMES, generated_source, module_name

_SAMPLES: dict[str, Any] = {}


def sample(name: str) -> Any:
    """manifest.json and application.json of a real bundle written by the bundle writer."""
    if not _SAMPLES:
        with tempfile.TemporaryDirectory() as folder:
            info = write(Path(folder))
            with zipfile.ZipFile(info.path) as archive:
                _SAMPLES["manifest"] = json.loads(archive.read("manifest.json"))
                _SAMPLES["application"] = json.loads(archive.read("application.json"))
    return copy.deepcopy(_SAMPLES[name])


def fast_says_valid(name: str, value: Any) -> bool:
    try:
        fast_validator(name)(value)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def reference(name: str) -> Draft202012Validator:
    """jsonschema on the schema as shipped (references, 2020-12 keywords and all)."""
    return Draft202012Validator(
        load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def reference_says_valid(name: str, value: Any) -> bool:
    return reference(name).is_valid(value)


@pytest.mark.parametrize("name", ["manifest", "application"])
def test_the_shipped_schemas_are_valid_draft_2020_12(name: str) -> None:
    Draft202012Validator.check_schema(load_schema(name))


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 10**6)
    | st.floats(allow_nan=False)
    | st.sampled_from(
        [
            "",
            "2026-02-30",
            "2026-11-28",
            "x" * 300,
            "0.5",
            "12.25",
            "张晓梅",
            "evidence/" + "a" * 64 + ".pdf",
            "photo.jpg",
            "training",
            "\u200b",
            "line\n",
            "a\x00b",
            "tab\tand\r\nnewline",
            "\x7f",
            "two\x0bwords",
        ]
    )
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def mutated(draw: st.DrawFn, name: str) -> Any:
    return mutate(draw, sample(name), JSON_VALUES, st.text(max_size=8))


@pytest.mark.parametrize("name", ["manifest", "application"])
def test_the_real_documents_are_valid_for_both(name: str) -> None:
    assert fast_says_valid(name, sample(name)) and reference_says_valid(name, sample(name))
    assert schema_problem(name, sample(name)) is None


@pytest.mark.parametrize("name", ["manifest", "application"])
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_and_reference_agree_on_mutated_documents(name: str, data: st.DataObject) -> None:
    document = data.draw(mutated(name))
    assert fast_says_valid(name, document) == reference_says_valid(name, document)
    if not reference_says_valid(name, document):
        fault = schema_fault(name, document)
        assert fault is not None and fault.message
        # the fault is where the reference validator finds one too
        paths = {
            tuple(str(p) for p in e.absolute_path) for e in reference(name).iter_errors(document)
        }
        assert any(
            fault.path[: len(p)] == p or p[: len(fault.path)] == fault.path for p in paths
        ), (fault, paths)


def test_an_impossible_calendar_day_is_refused_by_both() -> None:
    document = sample("application")
    dates = [
        p
        for p in paths_of(document)
        if p and isinstance(p[-1], str) and p[-1].endswith(("date", "_on", "_from", "_to"))
    ]
    assert dates, "the sample has dates"
    parent = document
    for step in dates[0][:-1]:
        parent = parent[step]
    parent[dates[0][-1]] = "2026-02-30"
    assert fast_says_valid("application", document) == reference_says_valid("application", document)


def recorded_sample(name: str) -> Any:
    """manifest.json and application.json (version 3, an activity backed by an attendance
    record) of the golden bundle with a record."""
    golden = Path(__file__).resolve().parents[1] / "golden" / "v1" / "application-recorded.swdapp"
    with zipfile.ZipFile(golden) as archive:
        return json.loads(archive.read(f"{name}.json"))


@pytest.mark.parametrize("name", ["manifest", "application"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_and_reference_agree_on_mutated_documents_with_a_record(
    name: str, data: st.DataObject
) -> None:
    document = data.draw(_mutated_recorded(name))
    assert fast_says_valid(name, document) == reference_says_valid(name, document)


@st.composite
def _mutated_recorded(draw: st.DrawFn, name: str) -> Any:
    return mutate(draw, recorded_sample(name), RECORD_VALUES, st.text(max_size=8))


RECORD_VALUES = (
    JSON_VALUES
    | st.sampled_from([1, 2, 3, 4])
    | st.sampled_from(
        [
            "records/5f0c6a52-8e1d-4b7a-9c3e-2d4f6a8b0c1e.swdce",
            "records/5F0C6A52-8E1D-4B7A-9C3E-2D4F6A8B0C1E.swdce",
            "records/5f0c6a52-8e1d-4b7a-9c3e-2d4f6a8b0c1e.swdce\n",
            "ce_record",
            "application/vnd.swdesk.ce-record+json",
        ]
    )
)


@pytest.mark.parametrize("version", [1, 2])
def test_a_record_needs_version_3_for_both(version: int) -> None:
    document = recorded_sample("application")
    assert fast_says_valid("application", document) and reference_says_valid(
        "application", document
    )
    document["format_version"] = version
    assert not fast_says_valid("application", document)
    assert not reference_says_valid("application", document)
    fault = schema_fault("application", document)
    assert fault is not None and fault.path[:1] == ("activities",)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_the_shipped_validators_are_what_fastjsonschema_generates_from_the_schemas(
    name: str,
) -> None:
    """The validators ship as generated modules; one left stale by a schema change (or a new
    fastjsonschema release) would check the old schema: run scripts/generate_validators.py."""
    shipped = files("swdesk.bundle.validators").joinpath(f"{module_name(name)}.py")
    assert shipped.read_text(encoding="utf-8") == generated_source(name), (
        f"{module_name(name)}.py is stale: run scripts/generate_validators.py"
    )
