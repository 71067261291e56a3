"""Rule packs and working calendars against their JSON Schemas (`schema.json`,
`calendar-schema.json`, written as draft 2020-12): compiled once per process by
fastjsonschema after `core.json_schema.for_draft7` (imported only when a pack or calendar
is validated: the digests of those that passed are cached, see `loader`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

from swdesk.core.json_schema import fault_of, for_draft7

__all__ = ["compiled", "schema_bytes", "schema_reason"]


@cache
def schema_bytes(schema_name: str) -> bytes:
    """The shipped schema file `schema_name` of this package, as bytes."""
    return files("swdesk.rulepacks").joinpath(schema_name).read_bytes()


@cache
def compiled(schema_name: str) -> Callable[[Any], Any]:
    """The validator of `schema_name`: raises fastjsonschema's JsonSchemaValueException at
    the first fault."""
    import fastjsonschema

    schema = for_draft7(json.loads(schema_bytes(schema_name).decode("utf-8")))
    validate: Callable[[Any], Any] = fastjsonschema.compile(schema, use_default=False)
    return validate


def schema_reason(validate: Callable[[Any], Any], data: Any) -> str | None:
    """Where and why `data` breaks the schema ("table.key: what is wrong"), or None."""
    import fastjsonschema

    try:
        validate(data)
    except fastjsonschema.JsonSchemaValueException as error:
        return fault_of(error).reason(".")
    return None
