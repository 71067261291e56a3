"""Signed decision files (`.swddec`, docs/review-formats.md §5): writing, reading and
checking them against a trust list.

`read_decision` proves a file is intact and signed by the office it names; only
`check_decision_trust` says whether that office may decide at that stage. Replay and
ordering (sequence, previous_hash) are for the caller, who knows what it has seen.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .canonical import signed_bytes
from .decision import Decision, decision_problem, decision_to_json, parse_decision
from .envelope import open_envelope, write_envelope
from .errors import SigningError, refused_as
from .identity import OfficeKey, ReviewLevel, parse_identity
from .trust import TrustList

__all__ = [
    "DECISION_FORMAT",
    "DECISION_SUFFIX",
    "MAX_DECISION_BYTES",
    "SignedDecision",
    "check_decision_trust",
    "read_decision",
    "sign_decision",
]

DECISION_FORMAT = "swdesk-decision"
DECISION_SUFFIX = ".swddec"
MAX_DECISION_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class SignedDecision:
    """A decision read from a file whose signature matched: the `decision`, its 64-byte
    `signature`, the file's exact bytes `raw` and their SHA-256 hex `digest` (what the
    office's next decision names as `previous_hash`)."""

    decision: Decision
    signature: bytes
    raw: bytes
    digest: str


def sign_decision(key: OfficeKey, decision: Decision) -> bytes:
    """The `.swddec` file of `decision`, signed with `key`.

    ValueError (a caller bug) when `key` is not the key of `decision.office`;
    SigningError "decision_invalid" (param `reason`) when the decision breaks the rules
    (`decision_problem`)."""
    if key.identity != decision.office:
        raise ValueError("the key does not belong to the decision's office")
    problem = decision_problem(decision)
    if problem:
        raise SigningError("decision_invalid", reason=problem)
    body = decision_to_json(decision)
    data = write_envelope(DECISION_FORMAT, "decision", body, key.sign(signed_bytes(body)))
    if len(data) > MAX_DECISION_BYTES:
        raise SigningError("decision_invalid", reason="the decision is larger than 256 KB")
    return data


def read_decision(data: bytes, *, file: str) -> SignedDecision:
    """Read a `.swddec` file strictly and verify its signature with the office key it
    carries. Raises SigningError "decision_invalid", "bad_signature" or
    "format_unsupported" (params `file`, `reason`)."""
    with refused_as("decision_invalid", file=file):
        envelope = open_envelope(
            data,
            format_name=DECISION_FORMAT,
            body_key="decision",
            signed=True,
            max_bytes=MAX_DECISION_BYTES,
        )
        body = envelope.body
        office = parse_identity(body.get("office"), "decision.office")
        if not office.verifies(envelope.signature, signed_bytes(body)):
            raise SigningError(
                "bad_signature", file=file, reason="the decision's signature does not match"
            )
        decision = parse_decision(body)
    return SignedDecision(
        decision, envelope.signature, bytes(data), hashlib.sha256(data).hexdigest()
    )


def check_decision_trust(signed: SignedDecision, trust: TrustList) -> None:
    """Refuse a decision whose office is not in `trust` exactly as named there
    ("untrusted_office"), or whose office's level may not decide its stage
    ("wrong_level": the final review is the province's, the first a county's or city's).
    Params: `office`, `fingerprint` (short), `level`, `stage`, `reason`."""
    decision = signed.decision
    office = decision.office
    params = {
        "office": office.name,
        "fingerprint": office.short_fingerprint,
        "level": str(office.level),
        "stage": decision.stage,
    }
    listed = trust.find(office.fingerprint)
    if listed is None:
        raise SigningError(
            "untrusted_office", **params, reason="the office's key is not in the trust list"
        )
    if listed != office:
        raise SigningError(
            "untrusted_office",
            **params,
            reason="the trust list names this key's office differently",
        )
    is_province = office.level is ReviewLevel.PROVINCE
    if (decision.stage == "final") != is_province:
        raise SigningError(
            "wrong_level",
            **params,
            reason=f"a {office.level} office may not sign a {decision.stage} review",
        )
