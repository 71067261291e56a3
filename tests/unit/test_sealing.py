"""The sealing primitives: data keys wrapped under a PIN, sealed columns and files."""

from __future__ import annotations

import pytest

from swdesk.storage.sealing import (
    Keyring,
    ProfileKey,
    ProfileLocked,
    SealBroken,
    file_owner,
    open_file,
    unwrap_key,
    wrap_key,
)

LOW_COST = 10  # scrypt 2^10: the same code at a test's speed


def test_only_the_right_pin_unwraps_the_data_key() -> None:
    key = ProfileKey.generate(7)
    wrapped = wrap_key(key, "2468", log2_n=LOW_COST)
    assert wrapped.startswith(f"scrypt1${LOW_COST}$8$1$")
    assert unwrap_key(wrapped, "2468", 7) == key
    assert unwrap_key(wrapped, "2469", 7) is None
    assert wrap_key(key, "2468", log2_n=LOW_COST) != wrapped  # a fresh salt and nonce


@pytest.mark.real_key_costs
def test_a_pin_wraps_the_key_at_the_production_cost() -> None:
    """2^16 with r=8: 64 MiB per guess, slow to guess a PIN on a GPU."""
    wrapped = wrap_key(ProfileKey.generate(2), "2468")
    assert wrapped.startswith("scrypt1$16$8$1$")
    assert unwrap_key(wrapped, "2468", 2) is not None


def test_other_tests_wrap_at_the_low_cost_the_suite_sets() -> None:
    assert wrap_key(ProfileKey.generate(2), "2468").startswith(f"scrypt1${LOW_COST}$")


@pytest.mark.parametrize(
    "damage",
    [
        lambda w: w.replace("scrypt1", "scrypt2"),
        lambda w: w.rsplit("$", 1)[0] + "$AAAA",
        lambda w: w + "$extra",
        lambda w: "",
        lambda w: w.replace(f"${LOW_COST}$", "$40$"),  # an absurd cost is refused, not computed
    ],
)
def test_damaged_wrapped_keys_unwrap_to_nothing(damage) -> None:  # type: ignore[no-untyped-def]
    wrapped = wrap_key(ProfileKey.generate(1), "2468", log2_n=LOW_COST)
    assert unwrap_key(damage(wrapped), "2468", 1) is None


def test_sealed_values_are_bound_to_their_context() -> None:
    key = ProfileKey.generate(3)
    sealed = key.seal(b"620802198709236133", b"practitioner 3")
    assert b"620802" not in sealed
    assert key.open(sealed, b"practitioner 3") == b"620802198709236133"
    with pytest.raises(SealBroken):
        key.open(sealed, b"practitioner 4")  # copied onto another row
    with pytest.raises(SealBroken):
        ProfileKey.generate(3).open(sealed, b"practitioner 3")
    tampered = bytearray(sealed)
    tampered[-1] ^= 1
    with pytest.raises(SealBroken):
        key.open(bytes(tampered), b"practitioner 3")


def test_sealed_files_name_their_owner_and_are_bound_to_their_name() -> None:
    key = ProfileKey.generate(12)
    data = b"%PDF-1.7 certificate"
    sealed = key.seal_file(data, "a.pdf.enc")
    assert file_owner(sealed) == 12 and file_owner(data) is None
    assert open_file(key, sealed, "a.pdf.enc") == data
    with pytest.raises(SealBroken):
        open_file(key, sealed, "b.pdf.enc")
    with pytest.raises(SealBroken):
        open_file(ProfileKey(13, key.secret), sealed, "a.pdf.enc")


def test_content_names_depend_on_the_key() -> None:
    data = b"the same photo"
    first, second = ProfileKey.generate(1), ProfileKey.generate(1)
    assert first.content_name(data) == first.content_name(data)
    assert first.content_name(data) != second.content_name(data)
    assert len(first.content_name(data)) == 64


def test_the_keyring_forgets() -> None:
    ring = Keyring()
    key = ProfileKey.generate(5)
    ring.add(key)
    assert ring.require(5) is key
    ring.forget_all()
    with pytest.raises(ProfileLocked) as locked:
        ring.require(5)
    assert locked.value.code == "profile_locked"
    assert "secret" not in repr(key) or key.secret.hex() not in repr(key)


def test_the_keyring_forgets_one_profile_and_keeps_the_others() -> None:
    ring = Keyring()
    first, second = ProfileKey.generate(5), ProfileKey.generate(6)
    ring.add(first)
    ring.add(second)
    assert ring.get(5) is first and ring.get(6) is second
    assert ring.get(7) is None  # never unlocked: no key, no exception
    ring.forget(5)
    assert ring.get(5) is None
    assert ring.require(6) is second
    ring.forget(5)  # forgetting a locked profile again is harmless
    assert ring.get(6) is second
