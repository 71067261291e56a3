"""swdesk's canonical JSON is RFC 8785 (JCS) for the values swdesk writes: objects with
ASCII keys, arrays, strings (any Unicode scalar values: no lone surrogates), integers within
±(2⁵³−1), booleans and null; no floats. Checked against the `rfc8785` package, for both
writers (the bundle's `canonical_json` and the signing package's `signed_bytes`). The
trailing newline swdesk adds to a file is not part of RFC 8785 and is stripped before the
comparison (docs/review-formats.md §1)."""

from __future__ import annotations

import string
from typing import Any

import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from swdesk.bundle import canonical_json
from swdesk.signing.canonical import MAX_INT, canonical_file, signed_bytes

KEYS = st.text(alphabet=string.ascii_letters + string.digits + "_-.", min_size=0, max_size=12)
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
SCALARS = st.none() | st.booleans() | st.integers(-MAX_INT, MAX_INT) | TEXT
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=30,
)
OBJECTS = st.dictionaries(KEYS, VALUES, max_size=6)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_bundle_canonical_json_is_rfc8785(value: Any) -> None:
    data = canonical_json(value)
    assert data.endswith(b"\n")
    assert data[:-1] == rfc8785.dumps(value)


@settings(max_examples=300, deadline=None)
@given(OBJECTS)
def test_signed_bytes_are_rfc8785(value: dict[str, Any]) -> None:
    assert signed_bytes(value) == rfc8785.dumps(value)
    assert canonical_file(value) == rfc8785.dumps(value) + b"\n"


def test_the_escapes_swdesk_writes_are_rfc8785s() -> None:
    value = {"text": '"\\/\b\f\n\r\t\x00\x1f\x7f é 深圳 \U0001f600 \u2028'}
    assert signed_bytes(value) == rfc8785.dumps(value)
    assert b"\\u001f" in signed_bytes(value) and "深圳".encode() in signed_bytes(value)
