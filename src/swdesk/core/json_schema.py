"""JSON Schemas (written as draft 2020-12) prepared for fastjsonschema, the one validator
swdesk runs, and its first error worded as a reason. Standard library only: the callers
compile the result (`fastjsonschema.compile`) and pass its exception to `fault_of`.

fastjsonschema implements draft 7, about 30 times faster than a reference validator, and
compiles each schema once into plain Python. The shipped schemas use a few 2020-12 keywords;
`for_draft7` rewrites them into draft-7 keywords with the same meaning:

- `$defs` become `definitions`, each compiled once into a function its references call
  (the rule packs' citation is used twenty times: inlined, it made the generated code four
  times larger and its compilation three times slower), or, with `inline=True`, every
  reference is replaced by what it refers to (the bundle schemas: small, and checked once per
  member of every bundle, where the calls cost 40 % more time); a `$ref` with siblings
  becomes one part of an `allOf` (draft 7 ignores a reference's siblings); `$schema`, `$id`
  and the annotations (`description`, `title`) are dropped;
- `unevaluatedProperties: false` beside a referenced object (a rule table: the citation's
  properties plus `value`) becomes `additionalProperties: false` over the properties the
  table and the schemas it refers to or is made of (`allOf`) declare;
- `dependentRequired` becomes draft 7's `dependencies`;
- `{"oneOf": [{"type": "null"}, X]}` becomes X accepting null too (when X's keywords only
  concern its own type), so an invalid X is reported at its own field, not as "not exactly
  one of";
- `{"not": {"pattern": "[C]"}}` (no character of class C) becomes the positive pattern
  `^[^C]*\\Z`, and `{"not": {"type": "object", "required": [N]}}` becomes
  `{"properties": {N: false}}`: fastjsonschema runs `not` by raising and catching an
  exception per value (an application's activities lack "record" below format version 3:
  ten exceptions, 40 % of its validation).

tests/unit/test_bundle_schema_fast.py and tests/unit/test_rulepack_schema_fast.py check the
shipped schemas against the 2020-12 metaschema and compare this validator with the reference
one (jsonschema, a test dependency) on thousands of mutated documents.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple, Protocol

__all__ = ["SchemaFault", "fault_of", "for_draft7"]


def for_draft7(schema: dict[str, Any], *, inline: bool = False) -> dict[str, Any]:
    """`schema` (draft 2020-12, local `#/$defs/` references only) rewritten for a draft-7
    validator, with the same meaning (see the module's documentation). `inline`: every
    reference replaced by what it refers to (larger code, slower to compile, faster to run:
    for a small schema checked often, like a bundle's)."""
    defs: dict[str, Any] = schema.get("$defs", {})

    def declared(node: dict[str, Any]) -> set[str]:
        """The property names `node` declares itself or through its references and allOf."""
        names = set(node.get("properties", {}))
        if "$ref" in node:
            names |= declared(defs[_def_name(node["$ref"], defs)])
        for part in node.get("allOf", []):
            names |= declared(part)
        return names

    def convert(node: Any) -> Any:
        if isinstance(node, list):
            return [convert(item) for item in node]
        if not isinstance(node, dict):
            return node
        result: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$defs" or key in _ANNOTATIONS:
                continue
            if key in ("properties", "patternProperties"):  # names → schemas
                result[key] = {name: convert(schema) for name, schema in value.items()}
            else:
                result[key] = convert(value)
        if result.get("unevaluatedProperties") is False and "additionalProperties" not in result:
            del result["unevaluatedProperties"]
            result["properties"] = {
                **{name: {} for name in sorted(declared(node))},
                **result.get("properties", {}),
            }
            result["additionalProperties"] = False
        ref = result.pop("$ref", None)
        if ref is None:
            return result
        name = _def_name(ref, defs)
        if inline:
            target = convert(defs[name])
            if not set(target) & set(result):
                return {**target, **result}
        else:
            target = {"$ref": f"#/definitions/{name}"}
        # draft 7 ignores the siblings of a $ref: the reference becomes one part of an allOf
        return {"allOf": [target, *result.pop("allOf", [])], **result} if result else target

    converted = {
        key: convert(value)
        for key, value in schema.items()
        if key not in ("$schema", "$id", "$defs")
    }
    if defs and not inline:
        converted["definitions"] = {name: convert(value) for name, value in defs.items()}
    return dict(_rewrite(converted))


# Keywords that only annotate (they never make a document invalid): left out of the compiled
# schema, so a reference with a description is a plain reference.
_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples"})


def _def_name(ref: str, defs: dict[str, Any]) -> str:
    prefix = "#/$defs/"
    if not ref.startswith(prefix) or ref[len(prefix) :] not in defs:
        raise ValueError(f"only local $defs references are supported: {ref}")
    return ref[len(prefix) :]


# Keywords that only ever concern a value of the schema's own type (and annotations).
_TYPE_ONLY = frozenset(
    {
        "type",
        "description",
        "title",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "pattern",
        "minLength",
        "maxLength",
        "format",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
    }
)
_CHARACTER_CLASS = re.compile(r"\[[^\[\]^]+\]")


def _rewrite(node: Any) -> Any:
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _rewrite(value) for key, value in node.items()}
    if isinstance(result.get("dependentRequired"), dict):
        result["dependencies"] = result.pop("dependentRequired")
    nullable = _nullable(result.get("oneOf"))
    if nullable is not None:
        del result["oneOf"]
        result = {**result, **nullable}
    negated = result.get("not")
    if (
        isinstance(negated, dict)
        and set(negated) == {"pattern"}
        and _CHARACTER_CLASS.fullmatch(negated["pattern"])
    ):
        del result["not"]
        positive = {"pattern": "^[^" + negated["pattern"][1:-1] + "]*\\Z"}
        result["allOf"] = [*result.get("allOf", []), positive]
    elif (
        isinstance(negated, dict)
        and set(negated) == {"type", "required"}
        and negated["type"] == "object"
        and isinstance(negated["required"], list)
        and len(negated["required"]) == 1
    ):
        # "not an object with `name`" is "no `name`" for an object, and true for the rest
        del result["not"]
        absent = {"properties": {negated["required"][0]: False}}
        result["allOf"] = [*result.get("allOf", []), absent]
    return result


def _nullable(choices: Any) -> dict[str, Any] | None:
    """For `oneOf: [{"type": "null"}, X]`: X with "null" added to its type, or None when
    that would not mean the same (X not of one other type, or a keyword of X that also
    judges null)."""
    if not isinstance(choices, list) or len(choices) != 2 or choices[0] != {"type": "null"}:
        return None
    other = choices[1]
    if (
        not isinstance(other, dict)
        or not isinstance(other.get("type"), str)
        or other["type"] == "null"
        or set(other) - _TYPE_ONLY
    ):
        return None
    return {**other, "type": ["null", other["type"]]}


class _ValidatorError(Protocol):
    """What swdesk reads of fastjsonschema's JsonSchemaValueException."""

    @property
    def message(self) -> str: ...

    @property
    def name(self) -> str | None: ...

    @property
    def path(self) -> list[str]: ...


class SchemaFault(NamedTuple):
    """The first place a document breaks its schema: `path` (keys and list indexes as
    strings, () for the document itself) and `message` (what is wrong there, English)."""

    path: tuple[str, ...]
    message: str

    def reason(self, separator: str = "/") -> str:
        """`path: message`, e.g. "applicant/id_number: must match pattern …"."""
        where = separator.join(self.path) or "(top level)"
        return f"{where}: {self.message}"


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def fault_of(error: _ValidatorError) -> SchemaFault:
    """A fastjsonschema error as a SchemaFault. The message names the rule, never the value
    (which may be an ID number); control characters of a pattern are written as \\xNN."""
    message, name = error.message, error.name or "data"
    if message.startswith(name + " "):
        message = message[len(name) + 1 :]
    message = _UNPRINTABLE.sub(lambda match: f"\\x{ord(match[0]):02x}", message)
    return SchemaFault(tuple(str(part) for part in error.path[1:]), message)
