"""Training providers in the province's trust list: listed beside the offices, found by
fingerprint, and every malformed listing refused; a list of offices alone keeps its bytes."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from swdesk.domain.credit_code import credit_code_check_char
from swdesk.signing import (
    ProviderIdentity,
    ReviewLevel,
    SigningError,
    build_trust_file,
    generate_office_key,
    generate_provider_key,
    read_trust_file,
)
from swdesk.signing.canonical import signed_bytes
from swdesk.signing.envelope import write_envelope
from swdesk.signing.trust import TRUST_FORMAT

AT = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
PROVINCE = generate_office_key("甘肃省民政厅", "甘肃省", ReviewLevel.PROVINCE)
CITY = generate_office_key("平凉市民政局", "甘肃省平凉市", ReviewLevel.CITY)


def credit_code(serial: int) -> str:
    stem = f"5162000050{serial:07d}"
    return stem + credit_code_check_char(stem)


ASSOCIATION = generate_provider_key("甘肃省社会工作协会", credit_code(1)).identity
UNIVERSITY = generate_provider_key("兰州大学", credit_code(2)).identity


def test_providers_are_listed_and_found_by_fingerprint() -> None:
    data = build_trust_file(
        PROVINCE,
        [CITY.identity],
        issued_at=AT,
        sequence=3,
        providers=[UNIVERSITY, ASSOCIATION, UNIVERSITY],  # given twice: listed once
    )
    trust = read_trust_file(data, file="gansu.swdtrust")
    assert [p.fingerprint for p in trust.providers] == sorted(
        [ASSOCIATION.fingerprint, UNIVERSITY.fingerprint]
    )
    spaced = " ".join(ASSOCIATION.fingerprint_groups.split()).lower()
    assert trust.find_provider(spaced) == ASSOCIATION
    assert trust.find_provider(CITY.identity.fingerprint) is None  # an office is no provider
    assert trust.find(ASSOCIATION.fingerprint) is None  # and a provider no office


def test_a_list_without_providers_is_written_as_before() -> None:
    data = build_trust_file(PROVINCE, [CITY.identity], issued_at=AT, sequence=1)
    body = json.loads(data)["trust"]
    assert "providers" not in body
    assert read_trust_file(data, file="t.swdtrust").providers == ()


def test_a_provider_holding_an_offices_key_or_two_providers_one_key_are_not_built() -> None:
    twin = ProviderIdentity("冒名协会", credit_code(3), CITY.identity.public_key)
    with pytest.raises(ValueError, match="key of an office"):
        build_trust_file(PROVINCE, [CITY.identity], issued_at=AT, sequence=1, providers=[twin])
    other = ProviderIdentity("另一协会", credit_code(4), ASSOCIATION.public_key)
    with pytest.raises(ValueError, match="share the key"):
        build_trust_file(
            PROVINCE, [CITY.identity], issued_at=AT, sequence=1, providers=[ASSOCIATION, other]
        )


def _signed_body(change: dict[str, object]) -> bytes:
    """A trust file signed by the province over a body changed by `change` (as a careless
    or hostile province tool could write it)."""
    body = json.loads(
        build_trust_file(
            PROVINCE,
            [CITY.identity],
            issued_at=AT,
            sequence=1,
            providers=[ASSOCIATION, UNIVERSITY],
        )
    )["trust"]
    body.update(change)
    return write_envelope(TRUST_FORMAT, "trust", body, PROVINCE.sign(signed_bytes(body)))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"providers": []}, "at least one"),
        ({"providers": "甘肃省社会工作协会"}, "providers"),
        (
            {
                "providers": [
                    p.to_json()
                    for p in sorted([ASSOCIATION, UNIVERSITY], key=lambda p: p.fingerprint)[::-1]
                ]
            },
            "fingerprint order",
        ),
        ({"providers": [ASSOCIATION.to_json(), ASSOCIATION.to_json()]}, "fingerprint order"),
        ({"providers": [{**ASSOCIATION.to_json(), "role": "office"}]}, "unknown key"),
        ({"providers": [{**ASSOCIATION.to_json(), "credit_code": "123"}]}, "credit_code"),
        ({"providers": [{**ASSOCIATION.to_json(), "public_key": "AAAA"}]}, "public_key"),
        (
            {
                "providers": [
                    {**ASSOCIATION.to_json(), "public_key": CITY.identity.to_json()["public_key"]}
                ]
            },
            "key of an office",
        ),
        ({"partners": []}, "unknown key"),
    ],
    ids=[
        "empty",
        "not a list",
        "out of order",
        "twice",
        "extra key",
        "bad credit code",
        "short key",
        "an office's key",
        "another key",
    ],
)
def test_malformed_provider_listings_are_refused(change: dict[str, object], reason: str) -> None:
    with pytest.raises(SigningError) as refused:
        read_trust_file(_signed_body(change), file="bad.swdtrust")
    assert refused.value.code == "trust_invalid"
    assert reason in str(refused.value.params["reason"]), refused.value.params
    assert refused.value.params["file"] == "bad.swdtrust"


def test_an_edited_provider_breaks_the_signature() -> None:
    data = build_trust_file(
        PROVINCE, [CITY.identity], issued_at=AT, sequence=1, providers=[ASSOCIATION]
    )
    edited = data.replace("甘肃省社会工作协会".encode(), "甘肃省社会工作学会".encode())
    assert edited != data
    with pytest.raises(SigningError) as refused:
        read_trust_file(edited, file="t.swdtrust")
    assert refused.value.code == "bad_signature"
