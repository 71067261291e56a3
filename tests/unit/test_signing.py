"""swdesk.signing: office keys, trust lists and signed decisions (docs/review-formats.md)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime, timedelta, timezone
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swdesk.domain.errors import UserFixableError
from swdesk.signing import (
    MAX_DECISION_BYTES,
    OUTCOMES,
    REASON_CODES,
    STAGES,
    Decision,
    OfficeIdentity,
    OfficeKey,
    ReviewLevel,
    SignedDecision,
    SigningError,
    TrustList,
    build_trust_file,
    check_decision_trust,
    decrypt_office_key,
    encrypt_office_key,
    export_public_key,
    generate_office_key,
    keystore,
    read_decision,
    read_public_key,
    read_trust_file,
    sign_decision,
)
from swdesk.signing.canonical import canonical_file, signed_bytes
from swdesk.signing.decision import decision_to_json
from swdesk.signing.envelope import write_envelope

CST = timezone(timedelta(hours=8))
ISSUED_AT = datetime(2025, 3, 1, 9, 0, tzinfo=CST)


@cache
def keys() -> dict[str, OfficeKey]:
    """One key per office, made once for the module (key generation is cheap, but the
    hypothesis test must not depend on function-scoped fixtures)."""
    return {
        "province": generate_office_key("广东省民政厅", "广东省", ReviewLevel.PROVINCE),
        "city": generate_office_key("深圳市民政局", "广东省深圳市", ReviewLevel.CITY),
        "county": generate_office_key("南山区民政局", "广东省深圳市南山区", "county"),
        "stranger": generate_office_key("深圳市民政局", "广东省深圳市", ReviewLevel.CITY),
    }


def make_decision(by: str = "city", **changes: Any) -> Decision:
    values: dict[str, Any] = {
        "application_uid": "0b6f2c8e-5d1a-4c7e-9a43-3f1e2d4c5b6a",
        "application_version": 2,
        "bundle_id": "a" * 64,
        "content_digest": "b" * 64,
        "applicant_name": "张三",
        "stage": "first",
        "outcome": "rejected",
        "reasons": (("hours_short", "差 12 学时"), ("other", "请补充\n说明")),
        "late_accepted_reason": "",
        "registration_from": None,
        "registration_to": None,
        "decided_at": datetime(2025, 3, 2, 10, 30, tzinfo=CST),
        "sequence": 1,
        "previous_hash": "",
        "office": keys()[by].identity,
    }
    values.update(changes)
    return Decision(**values)


def final_approval(by: str = "province") -> Decision:
    return make_decision(
        by,
        stage="final",
        outcome="approved",
        reasons=(),
        registration_from=date(2025, 7, 1),
        registration_to=date(2028, 6, 30),
        sequence=7,
        previous_hash="c" * 64,
    )


def trust_file(*offices: str) -> bytes:
    return build_trust_file(
        keys()["province"],
        [keys()[name].identity for name in offices],
        issued_at=ISSUED_AT,
        sequence=3,
    )


def sign_body(key: OfficeKey, body: dict[str, Any]) -> bytes:
    """A decision file for any body (bypassing sign_decision's checks), validly signed."""
    return write_envelope("swdesk-decision", "decision", body, key.sign(signed_bytes(body)))


def rewrite(data: bytes, change: Any) -> bytes:
    """The file parsed, changed by `change(value)` and written canonically again."""
    value = json.loads(data)
    change(value)
    return canonical_file(value)


def error_code(data: bytes, reader: Any) -> str | None:
    try:
        reader(data, file="f")
    except SigningError as exc:
        return exc.code
    return None


@pytest.fixture
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keystore, "SCRYPT_N", 2**4)


def test_codes_are_those_of_the_contract() -> None:
    assert REASON_CODES == (
        "hours_short",
        "data_wrong",
        "material_unclear",
        "photo_unfit",
        "not_in_window",
        "other",
    )
    assert (STAGES, OUTCOMES) == (("first", "final"), ("approved", "rejected"))


# -- identities and keys ------------------------------------------------------------------


def test_fingerprint_is_sha256_of_the_raw_public_key() -> None:
    identity = keys()["city"].identity
    assert identity.fingerprint == hashlib.sha256(identity.public_key).hexdigest()
    assert identity.short_fingerprint == identity.fingerprint[:16]
    groups = identity.fingerprint_groups.split(" ")
    assert len(groups) == 16 and all(len(g) == 4 for g in groups)
    assert "".join(groups) == identity.fingerprint.upper()


def test_identity_json_round_trip_and_strictness() -> None:
    identity = keys()["county"].identity
    assert identity.level is ReviewLevel.COUNTY
    assert OfficeIdentity.from_json(identity.to_json()) == identity
    for broken in (
        {**identity.to_json(), "extra": 1},
        {**identity.to_json(), "level": "town"},
        {**identity.to_json(), "name": ""},
        {**identity.to_json(), "public_key": "AAAA"},
    ):
        with pytest.raises(SigningError) as info:
            OfficeIdentity.from_json(broken)
        assert info.value.code == "key_invalid"
    with pytest.raises(ValueError):
        OfficeIdentity("名称", "地区", ReviewLevel.CITY, b"short")


def test_office_key_signs_and_hides_its_private_key() -> None:
    key = keys()["city"]
    assert key.identity.verifies(key.sign(b"data"), b"data")
    assert not key.identity.verifies(key.sign(b"data"), b"other")
    assert "private" not in repr(key)
    with pytest.raises(ValueError):
        OfficeKey(keys()["city"].identity, keys()["county"].private_key)


def test_key_encrypt_decrypt_round_trip(fast_scrypt: None) -> None:
    key = keys()["city"]
    blob = encrypt_office_key(key, "正确的密码")
    assert json.loads(blob)["n"] == 2**4
    unlocked = decrypt_office_key(blob, "正确的密码")
    assert unlocked == key
    assert key.identity.verifies(unlocked.sign(b"x"), b"x")
    assert encrypt_office_key(key, "正确的密码") != blob  # fresh salt and nonce


@pytest.mark.real_key_costs
def test_key_encryption_uses_the_real_scrypt_parameters() -> None:
    key = keys()["province"]
    blob = encrypt_office_key(key, "pw")
    value = json.loads(blob)
    assert (value["kdf"], value["n"], value["r"], value["p"]) == ("scrypt", 2**15, 8, 1)
    assert decrypt_office_key(blob, "pw") == key


def test_wrong_password(fast_scrypt: None) -> None:
    blob = encrypt_office_key(keys()["city"], "pw")
    with pytest.raises(SigningError) as info:
        decrypt_office_key(blob, "PW")
    assert info.value.code == "wrong_password"
    assert isinstance(info.value, UserFixableError)
    with pytest.raises(ValueError):
        encrypt_office_key(keys()["city"], "")


def test_tampered_key_blob_is_refused(fast_scrypt: None) -> None:
    blob = encrypt_office_key(keys()["city"], "pw")
    for i in range(len(blob)):
        changed = bytearray(blob)
        changed[i] ^= 0x01
        with pytest.raises(SigningError) as info:
            decrypt_office_key(bytes(changed), "pw")
        assert info.value.code in {"wrong_password", "key_invalid", "format_unsupported"}


def test_relabelled_key_blob_is_refused(fast_scrypt: None) -> None:
    """The identity is the AES-GCM associated data: renaming or re-levelling fails."""
    blob = encrypt_office_key(keys()["city"], "pw")
    for field, value in (("name", "广东省民政厅"), ("level", "province")):
        relabelled = rewrite(blob, lambda v, f=field, x=value: v["identity"].update({f: x}))
        with pytest.raises(SigningError) as info:
            decrypt_office_key(relabelled, "pw")
        assert info.value.code == "wrong_password"


def test_key_blob_cannot_ask_for_unbounded_scrypt_cost(fast_scrypt: None) -> None:
    blob = encrypt_office_key(keys()["city"], "pw")
    for n in (2**30, 3 * 2**4, True):
        with pytest.raises(SigningError) as info:
            decrypt_office_key(rewrite(blob, lambda v, n=n: v.update(n=n)), "pw")
        assert info.value.code == "key_invalid"


def test_public_key_file_round_trip() -> None:
    identity = keys()["county"].identity
    data = export_public_key(identity)
    assert data.endswith(b"}\n")
    assert read_public_key(data, file="a.swdkey") == identity


def test_public_key_file_refusals() -> None:
    data = export_public_key(keys()["county"].identity)
    assert error_code(data.replace(b'{"format"', b'{ "format"'), read_public_key) == "key_invalid"
    assert (
        error_code(rewrite(data, lambda v: v.update(format_version=2)), read_public_key)
        == "format_unsupported"
    )
    assert (
        error_code(rewrite(data, lambda v: v.update(format="swdesk-decision")), read_public_key)
        == "key_invalid"
    )
    assert error_code(trust_file(), read_public_key) == "key_invalid"
    with pytest.raises(SigningError) as info:
        read_public_key(b"\xff", file="bad.swdkey")
    assert info.value.params["file"] == "bad.swdkey"
    assert info.value.one_line().startswith("bad.swdkey: not a valid office key (")


# -- trust lists ----------------------------------------------------------------------------


def test_trust_file_round_trip() -> None:
    data = trust_file("city", "county", "city")
    trust = read_trust_file(data, file="gd.swdtrust")
    province, city, county = (keys()[n].identity for n in ("province", "city", "county"))
    assert trust.issuer == province
    assert set(trust.offices) == {province, city, county} and len(trust.offices) == 3
    assert [o.fingerprint for o in trust.offices] == sorted(o.fingerprint for o in trust.offices)
    assert (trust.issued_at, trust.sequence) == (ISSUED_AT, 3)
    assert trust.digest == hashlib.sha256(data).hexdigest()
    assert trust.find(city.fingerprint) == city
    assert trust.find(city.fingerprint_groups) == city
    assert trust.find(keys()["stranger"].identity.fingerprint) is None
    assert trust_file("county", "city") == data  # deterministic


def test_trust_file_any_flipped_byte_is_refused() -> None:
    data = trust_file()
    for i in range(len(data)):
        changed = bytearray(data)
        changed[i] ^= 0x01
        code = error_code(bytes(changed), read_trust_file)
        assert code in {"trust_invalid", "bad_signature", "format_unsupported"}, i


def test_trust_file_issuer_must_be_a_province() -> None:
    with pytest.raises(ValueError):
        build_trust_file(keys()["city"], [], issued_at=ISSUED_AT, sequence=1)
    city = keys()["city"]
    body = {
        "issuer": city.identity.to_json(),
        "offices": [city.identity.to_json()],
        "issued_at": ISSUED_AT.isoformat(),
        "sequence": 1,
    }
    data = write_envelope("swdesk-trust-list", "trust", body, city.sign(signed_bytes(body)))
    with pytest.raises(SigningError) as info:
        read_trust_file(data, file="t")
    assert info.value.code == "trust_invalid"
    assert "province" in info.value.reason


def test_trust_file_re_signed_by_another_key_is_refused() -> None:
    other = generate_office_key("广东省民政厅", "广东省", "province")
    data = rewrite(
        trust_file("city"),
        lambda v: v.update(
            signature=json.loads(
                build_trust_file(other, [keys()["city"].identity], issued_at=ISSUED_AT, sequence=3)
            )["signature"]
        ),
    )
    assert error_code(data, read_trust_file) == "bad_signature"


def test_trust_file_issuer_must_be_listed_and_offices_unique() -> None:
    province = keys()["province"]
    city = keys()["city"].identity.to_json()

    def signed_trust(offices: list[dict[str, Any]]) -> bytes:
        body = {
            "issuer": province.identity.to_json(),
            "offices": offices,
            "issued_at": ISSUED_AT.isoformat(),
            "sequence": 1,
        }
        return write_envelope("swdesk-trust-list", "trust", body, province.sign(signed_bytes(body)))

    assert error_code(signed_trust([city]), read_trust_file) == "trust_invalid"
    assert (
        error_code(signed_trust([province.identity.to_json(), city, city]), read_trust_file)
        == "trust_invalid"
    )


# -- decisions ------------------------------------------------------------------------------


def test_decision_round_trip() -> None:
    for decision, key in (
        (make_decision(), "city"),
        (final_approval(), "province"),
        (
            make_decision(
                "county", outcome="approved", reasons=(), late_accepted_reason="因病逾期，材料齐全"
            ),
            "county",
        ),
    ):
        data = sign_decision(keys()[key], decision)
        signed = read_decision(data, file="d.swddec")
        assert signed.decision == decision
        assert signed.raw == data
        assert signed.digest == hashlib.sha256(data).hexdigest()
        assert len(signed.signature) == 64
        assert json.loads(data)["decision"] == decision_to_json(decision)


def test_decision_reasons_given_as_lists_become_tuples() -> None:
    decision = make_decision(reasons=[["photo_unfit", ""]])
    assert decision.reasons == (("photo_unfit", ""),)
    assert read_decision(sign_decision(keys()["city"], decision), file="d").decision == decision


def test_decision_any_flipped_byte_is_refused() -> None:
    data = sign_decision(keys()["city"], make_decision())
    for i in range(len(data)):
        for mask in (0x01, 0x20, 0x80):
            changed = bytearray(data)
            changed[i] ^= mask
            code = error_code(bytes(changed), read_decision)
            # format_unsupported only where the format_version digit was hit
            assert code in {"bad_signature", "decision_invalid", "format_unsupported"}, (i, mask)


def test_decision_signed_by_another_key_is_refused() -> None:
    decision = make_decision()
    body = decision_to_json(decision)
    forged = write_envelope(
        "swdesk-decision", "decision", body, keys()["stranger"].sign(signed_bytes(body))
    )
    assert error_code(forged, read_decision) == "bad_signature"
    with pytest.raises(ValueError):
        sign_decision(keys()["stranger"], decision)


def test_decision_with_swapped_office_key_is_untrusted() -> None:
    """Signed correctly by a key not in the trust list, though named like a listed office."""
    signed = read_decision(sign_decision(keys()["stranger"], make_decision("stranger")), file="d")
    trust = read_trust_file(trust_file("city"), file="t")
    with pytest.raises(SigningError) as info:
        check_decision_trust(signed, trust)
    assert info.value.code == "untrusted_office"


def _trust_check(decision: Decision, key: str, trust: TrustList) -> str | None:
    signed = read_decision(sign_decision(keys()[key], decision), file="d")
    try:
        check_decision_trust(signed, trust)
    except SigningError as exc:
        return exc.code
    return None


def test_decision_trust_levels() -> None:
    trust = read_trust_file(trust_file("city", "county"), file="t")
    assert _trust_check(make_decision("city"), "city", trust) is None
    assert _trust_check(make_decision("county"), "county", trust) is None
    assert _trust_check(final_approval("province"), "province", trust) is None
    assert _trust_check(final_approval("city"), "city", trust) == "wrong_level"
    assert _trust_check(final_approval("county"), "county", trust) == "wrong_level"
    assert _trust_check(make_decision("province"), "province", trust) == "wrong_level"


def test_decision_from_office_outside_the_trust_list() -> None:
    trust = read_trust_file(trust_file("county"), file="t")
    assert _trust_check(make_decision("city"), "city", trust) == "untrusted_office"


def test_decision_office_named_differently_from_the_trust_list() -> None:
    trust = read_trust_file(trust_file("city"), file="t")
    city = keys()["city"]
    renamed_identity = dataclasses.replace(city.identity, name="另一个民政局")
    renamed = OfficeKey(renamed_identity, city.private_key)
    signed = read_decision(sign_decision(renamed, make_decision(office=renamed_identity)), file="d")
    with pytest.raises(SigningError) as info:
        check_decision_trust(signed, trust)
    assert info.value.code == "untrusted_office"
    assert info.value.params["office"] == "另一个民政局"


@pytest.mark.parametrize(
    "change",
    [
        {"reasons": (("too_late", ""),)},
        {"stage": "second"},
        {"outcome": "maybe"},
        {"outcome": "rejected", "reasons": ()},
        {"stage": "final", "outcome": "approved", "reasons": ()},
        {
            "stage": "final",
            "outcome": "approved",
            "reasons": (),
            "registration_from": date(2025, 7, 1),
        },
        {
            "stage": "final",
            "outcome": "approved",
            "reasons": (),
            "registration_from": date(2028, 7, 1),
            "registration_to": date(2025, 6, 30),
        },
        {"registration_from": date(2025, 7, 1), "registration_to": date(2028, 6, 30)},
        {"bundle_id": "A" * 64},
        {"applicant_name": " 张三"},
        {"sequence": 2},
        {"previous_hash": "d" * 64},
        {"application_version": 0},
    ],
)
def test_decision_rules_are_enforced_on_sign_and_read(change: dict[str, Any]) -> None:
    decision = make_decision(**change)
    key = keys()["city"]
    with pytest.raises(SigningError) as info:
        sign_decision(key, decision)
    assert info.value.code == "decision_invalid"
    body = decision_to_json(decision)
    assert error_code(sign_body(key, body), read_decision) == "decision_invalid"


@pytest.mark.parametrize(
    "field, value",
    [
        ("registration_to", "2028-02-30"),
        ("registration_to", "2028-6-30"),
        ("decided_at", "2025-03-02T10:30:00"),  # no UTC offset
        ("decided_at", "2025-03-02 10:30:00+08:00"),  # not the canonical form
        ("application_version", True),
        ("application_version", 2**60),
        ("reasons", [["hours_short", ""]]),
        ("reasons", [{"code": "hours_short"}]),
    ],
)
def test_decision_field_encodings_are_strict(field: str, value: Any) -> None:
    body = decision_to_json(final_approval())
    body[field] = value
    assert error_code(sign_body(keys()["province"], body), read_decision) == "decision_invalid"


def test_decision_file_with_duplicate_keys_is_refused() -> None:
    data = sign_decision(keys()["city"], make_decision())
    duplicated = data.replace(b'"stage":"first"', b'"stage":"first","stage":"final"')
    with pytest.raises(SigningError) as info:
        read_decision(duplicated, file="d")
    assert info.value.code == "decision_invalid"
    assert "twice" in info.value.reason


@pytest.mark.parametrize(
    "text",
    [
        b'{"a":NaN}\n',
        b'{"a":1.5}\n',
        b'{"a":Infinity}\n',
        b"[1]\n",
        b'"x"\n',
        b"",
        b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
        b'{"a":' + b"9" * 5000 + b"}\n",
        b'{"a":"\\ud800"}\n',
        b"\xef\xbb\xbf{}\n",
    ],
)
def test_malformed_json_is_refused(text: bytes) -> None:
    assert error_code(text, read_decision) == "decision_invalid"
    assert error_code(text, read_trust_file) == "trust_invalid"
    assert error_code(text, read_public_key) == "key_invalid"


def test_oversized_decision_is_refused() -> None:
    data = sign_decision(keys()["city"], make_decision())
    padded = data[:-2] + b" " * (MAX_DECISION_BYTES - len(data) + 1) + data[-2:]
    with pytest.raises(SigningError) as info:
        read_decision(padded, file="d")
    assert info.value.code == "decision_invalid"
    assert "256 KB" in info.value.reason


def test_decision_non_canonical_forms_are_refused() -> None:
    data = sign_decision(keys()["city"], make_decision())
    assert error_code(data[:-1], read_decision) == "decision_invalid"  # no newline
    assert error_code(data.replace(b"{", b"{ ", 1), read_decision) == "decision_invalid"
    assert error_code(data.replace("张".encode(), b"\\u5f20"), read_decision) == "decision_invalid"
    value = json.loads(data)
    sig = value["signature"]
    # the unused low bits of the last base64 character must be zero
    value["signature"] = sig[:-3] + ("B" if sig[-3] == "A" else "A") + "=="
    assert error_code(canonical_file(value), read_decision) in {"decision_invalid", "bad_signature"}


def test_unknown_decision_format_version_is_unsupported() -> None:
    data = sign_decision(keys()["city"], make_decision())
    with pytest.raises(SigningError) as info:
        read_decision(rewrite(data, lambda v: v.update(format_version=2)), file="d")
    assert info.value.code == "format_unsupported"
    assert (
        error_code(rewrite(data, lambda v: v.update(format_version="1")), read_decision)
        == "decision_invalid"
    )


def test_signed_decision_is_the_documented_shape() -> None:
    data = sign_decision(keys()["city"], make_decision())
    value = json.loads(data)
    assert set(value) == {"format", "format_version", "decision", "signature"}
    assert (value["format"], value["format_version"]) == ("swdesk-decision", 1)
    assert keys()["city"].identity.verifies(
        read_decision(data, file="d").signature,
        json.dumps(
            value["decision"], ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode(),
    )
    assert isinstance(read_decision(data, file="d"), SignedDecision)


# -- property: mutations never escape as another exception ---------------------------------


@cache
def valid_decision_file() -> bytes:
    return sign_decision(keys()["province"], final_approval())


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(valid_decision_file())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["replace", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "replace" and data:
            data[at] = draw(st.integers(0, 255).filter(lambda b, old=data[at]: b != old))
        elif kind == "delete" and data:
            del data[at : at + draw(st.integers(1, 16))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_decision_is_refused_cleanly(data: bytes) -> None:
    try:
        signed = read_decision(data, file="m.swddec")
    except SigningError as exc:
        assert exc.code in {"decision_invalid", "bad_signature", "format_unsupported"}
    else:  # only possible when the mutations cancelled out
        assert data == valid_decision_file()
        assert signed.decision == final_approval()
