"""A training provider's identity, its public key file and its password-encrypted key."""

from __future__ import annotations

import json

import pytest

from swdesk.signing import (
    SigningError,
    decrypt_provider_key,
    encrypt_provider_key,
    export_provider_key,
    generate_provider_key,
    read_provider_key,
)
from swdesk.signing.canonical import canonical_file
from swdesk.signing.provider import ProviderIdentity, credit_code_problem

CODE = "11320000MB151840XJ"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("", "missing"),
        ("11320000mb151840xj", "normal form"),
        ("11320000MB151840XA", "check character"),
        ("11320000MB151840", "alphabet"),
        ("I1320000MB151840XJ", "alphabet"),
    ],
)
def test_a_credit_code_must_be_valid_and_normalised(code: str, words: str) -> None:
    problem = credit_code_problem(code)
    assert problem is not None and words in problem


def test_an_identity_refuses_a_bad_name_or_code() -> None:
    with pytest.raises(ValueError):
        ProviderIdentity("", CODE, bytes(32))
    with pytest.raises(ValueError):
        ProviderIdentity("协会", "123", bytes(32))
    with pytest.raises(ValueError):
        ProviderIdentity("协会\n", CODE, bytes(32))


def test_the_public_key_file_round_trips_and_is_refused_when_edited() -> None:
    key = generate_provider_key("甘肃省社会工作协会", CODE)
    data = export_provider_key(key.identity)
    assert read_provider_key(data, file="p.swdkey") == key.identity
    value = json.loads(data)
    value["provider"]["credit_code"] = "11320000MB151840XA"
    with pytest.raises(SigningError) as caught:
        read_provider_key(canonical_file(value), file="p.swdkey")
    assert caught.value.code == "provider_key_invalid"
    value["format_version"] = 2
    with pytest.raises(SigningError) as caught:
        read_provider_key(canonical_file(value), file="p.swdkey")
    assert caught.value.code == "format_unsupported"


def test_the_private_key_opens_only_with_its_password_and_identity() -> None:
    key = generate_provider_key("甘肃省社会工作协会", CODE)
    blob = encrypt_provider_key(key, "correct horse")
    opened = decrypt_provider_key(blob, "correct horse")
    assert opened == key and opened.sign(b"x") == key.sign(b"x")
    with pytest.raises(SigningError) as caught:
        decrypt_provider_key(blob, "wrong")
    assert caught.value.code == "wrong_password"
    value = json.loads(blob)
    value["identity"]["name"] = "别的协会"  # relabelled: the associated data no longer matches
    with pytest.raises(SigningError) as caught:
        decrypt_provider_key(canonical_file(value), "correct horse")
    assert caught.value.code == "wrong_password"
    value["format"] = "swdesk-office-secret-key"  # an office key is not a provider key
    with pytest.raises(SigningError) as caught:
        decrypt_provider_key(canonical_file(value), "correct horse")
    assert caught.value.code == "provider_key_invalid"
    with pytest.raises(ValueError):
        encrypt_provider_key(key, "")
