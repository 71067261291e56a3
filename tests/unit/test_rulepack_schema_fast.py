"""The rule packs' and the working calendar's schema check (fastjsonschema, on the schemas
rewritten for draft 7 by `core.json_schema.for_draft7`: unevaluatedProperties and
dependentRequired have no draft-7 keyword of that name) agrees with jsonschema, the
reference validator of draft 2020-12 (a test dependency only), on the shipped files and on
mutated ones, and an invalid pack is refused with a reason naming the table."""

from __future__ import annotations

import copy
import json
import tomllib
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from json_mutations import mutate
from swdesk.rulepacks import RulePackError, pack_from_data
from swdesk.rulepacks.schema_check import compiled, schema_reason

SCHEMAS = {"pack": "schema.json", "calendar": "calendar-schema.json"}


@cache
def reference(kind: str) -> Draft202012Validator:
    text = files("swdesk.rulepacks").joinpath(SCHEMAS[kind]).read_text(encoding="utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _documents() -> dict[str, Any]:
    rulepacks = files("swdesk.resources").joinpath("rulepacks")
    return {
        "gansu": tomllib.loads(
            rulepacks.joinpath("gansu.toml").read_text("utf-8"), parse_float=Decimal
        ),
        "national": tomllib.loads(
            rulepacks.joinpath("national.toml").read_text("utf-8"), parse_float=Decimal
        ),
        "calendar": tomllib.loads(
            rulepacks.joinpath("calendars", "cn-working-days.toml").read_text("utf-8")
        ),
    }


def document(name: str) -> Any:
    return copy.deepcopy(_documents()[name])


KIND = {"gansu": "pack", "national": "pack", "calendar": "calendar"}


def fast_reason(kind: str, value: Any) -> str | None:
    return schema_reason(compiled(SCHEMAS[kind]), value)


@pytest.mark.parametrize("name", ["gansu", "national", "calendar"])
def test_the_shipped_files_are_valid_for_both(name: str) -> None:
    assert reference(KIND[name]).is_valid(document(name))
    assert fast_reason(KIND[name], document(name)) is None


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 10**6)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.sampled_from(
        [
            "",
            "cited",
            "assumption",
            "design",
            "x" * 700,
            "2026-02-30",
            "2024-05-01",
            "https://example.org/a",
            "a note long enough",
            "CN-GS",
            "application_date",
            "training",
            "Asia/Shanghai",
        ]
    )
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "value",
                    "basis",
                    "note",
                    "document",
                    "article",
                    "article_checked",
                    "verified",
                    "x",
                ]
            ),
            children,
            max_size=3,
        )
    ),
    max_leaves=6,
)


@st.composite
def mutated(draw: st.DrawFn, name: str) -> Any:
    keys = st.sampled_from(["value", "note", "article", "url", "extra"])
    return mutate(draw, document(name), VALUES, keys)


@pytest.mark.parametrize("name", ["gansu", "calendar"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_and_reference_agree_on_mutated_files(name: str, data: st.DataObject) -> None:
    value = data.draw(mutated(name))
    kind = KIND[name]
    reason = fast_reason(kind, value)
    assert (reason is None) == reference(kind).is_valid(value), reason
    if reason is not None:
        assert ": " in reason


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda p: p["cycle_years"].update(extra="x"), "cycle_years"),  # unevaluatedProperties
        (lambda p: p["cycle_years"].pop("value"), "cycle_years"),
        (
            lambda p: p["hours_required"]["senior"].update(value=Decimal("-1")),
            "hours_required.senior.value",
        ),
        (lambda p: p["cycle_years"].update(article="第十条"), "cycle_years"),  # dependentRequired
        (lambda p: p.update(region="GS"), "region"),
    ],
)
def test_an_invalid_pack_names_the_table(change: Any, where: str) -> None:
    pack = document("gansu")
    pack["cycle_years"].pop("article", None)
    pack["cycle_years"].pop("article_checked", None)
    change(pack)
    assert not reference("pack").is_valid(pack)
    with pytest.raises(RulePackError) as caught:
        pack_from_data(pack, file="x.toml")
    assert caught.value.reason.startswith(f"{where}: "), caught.value.reason
