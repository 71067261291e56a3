"""Property-based: any changed, cut or added byte of a bundle ends in a clean rejection
(BundleError) or, when the bytes are unchanged, an identical verification — never another
exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bundle import write

from swdesk.bundle import BundleError, verify_bundle

_ORIGINAL: dict[str, bytes] = {}


def original() -> tuple[bytes, str]:
    if "bytes" not in _ORIGINAL:
        with tempfile.TemporaryDirectory() as folder:
            info = write(Path(folder))
            _ORIGINAL["bytes"] = info.path.read_bytes()
            _ORIGINAL["id"] = info.bundle_id.encode()
    return _ORIGINAL["bytes"], _ORIGINAL["id"].decode()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(original()[0])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["change", "cut", "add", "truncate", "append"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "change" and data:
            data[at] = draw(st.integers(0, 255).filter(lambda b, old=data[at]: b != old))
        elif kind == "cut" and data:
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "add":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "truncate":
            del data[at:]
        else:
            data += draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_are_rejected_cleanly_or_identical(data: bytes) -> None:
    source, bundle_id = original()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.swdapp"
        path.write_bytes(data)
        try:
            verified = verify_bundle(path)
        except BundleError as error:
            assert error.code and error.one_line()
            return
    assert data == source and verified.bundle_id == bundle_id
