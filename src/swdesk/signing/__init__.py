"""Signed review files: office keys (`.swdkey`), the province's trust list (`.swdtrust`)
and review decisions (`.swddec`), training providers' keys and their continuing-education
attendance records (`.swdce`), with Ed25519 signatures over canonical JSON. The formats
are specified in docs/review-formats.md.

A pure library on `cryptography` and the standard library: no Qt, no database, no other
swdesk package but `swdesk.domain` (for the error base class) and `swdesk.core` (the lazy names).

The package's names load on first use (PEP 562): a module that needs one kind of signed
file (the import's worker processes read attendance records and decisions) does not import
what the others need, such as the key store's scrypt and ciphers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from swdesk.core.lazy_names import lazy_names

if TYPE_CHECKING:
    from .ce_record import (
        CE_RECORD_FORMAT,
        CE_RECORD_SUFFIX,
        MAX_CE_RECORD_BYTES,
        CeRecord,
        OpenedCeRecord,
        attendee_id_digest,
        ce_record_problem,
        open_ce_record,
        read_ce_record,
        sign_ce_record,
    )
    from .decision import OUTCOMES, REASON_CODES, STAGES, Decision, decision_problem
    from .decision_file import (
        DECISION_FORMAT,
        DECISION_SUFFIX,
        MAX_DECISION_BYTES,
        SignedDecision,
        check_decision_trust,
        read_decision,
        sign_decision,
    )
    from .errors import SIGNING_ERROR_CODES, SigningError
    from .identity import (
        KEY_FILE_FORMAT,
        KEY_FILE_SUFFIX,
        OfficeIdentity,
        OfficeKey,
        ReviewLevel,
        export_public_key,
        generate_office_key,
        read_public_key,
    )
    from .keystore import decrypt_office_key, encrypt_office_key
    from .provider import (
        PROVIDER_KEY_FORMAT,
        ProviderIdentity,
        ProviderKey,
        decrypt_provider_key,
        encrypt_provider_key,
        export_provider_key,
        generate_provider_key,
        read_provider_key,
    )
    from .trust import TRUST_FORMAT, TRUST_SUFFIX, TrustList, build_trust_file, read_trust_file

__all__ = [
    "CE_RECORD_FORMAT",
    "CE_RECORD_SUFFIX",
    "MAX_CE_RECORD_BYTES",
    "PROVIDER_KEY_FORMAT",
    "CeRecord",
    "OpenedCeRecord",
    "ProviderIdentity",
    "ProviderKey",
    "attendee_id_digest",
    "ce_record_problem",
    "decrypt_provider_key",
    "encrypt_provider_key",
    "export_provider_key",
    "generate_provider_key",
    "open_ce_record",
    "read_ce_record",
    "read_provider_key",
    "sign_ce_record",
    "DECISION_FORMAT",
    "DECISION_SUFFIX",
    "KEY_FILE_FORMAT",
    "KEY_FILE_SUFFIX",
    "MAX_DECISION_BYTES",
    "OUTCOMES",
    "REASON_CODES",
    "SIGNING_ERROR_CODES",
    "STAGES",
    "TRUST_FORMAT",
    "TRUST_SUFFIX",
    "Decision",
    "OfficeIdentity",
    "OfficeKey",
    "ReviewLevel",
    "SignedDecision",
    "SigningError",
    "TrustList",
    "build_trust_file",
    "check_decision_trust",
    "decision_problem",
    "decrypt_office_key",
    "encrypt_office_key",
    "export_public_key",
    "generate_office_key",
    "read_decision",
    "read_public_key",
    "read_trust_file",
    "sign_decision",
]

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "CE_RECORD_FORMAT": ".ce_record",
        "CE_RECORD_SUFFIX": ".ce_record",
        "MAX_CE_RECORD_BYTES": ".ce_record",
        "PROVIDER_KEY_FORMAT": ".provider",
        "CeRecord": ".ce_record",
        "OpenedCeRecord": ".ce_record",
        "ProviderIdentity": ".provider",
        "ProviderKey": ".provider",
        "attendee_id_digest": ".ce_record",
        "ce_record_problem": ".ce_record",
        "decrypt_provider_key": ".provider",
        "encrypt_provider_key": ".provider",
        "export_provider_key": ".provider",
        "generate_provider_key": ".provider",
        "open_ce_record": ".ce_record",
        "read_ce_record": ".ce_record",
        "read_provider_key": ".provider",
        "sign_ce_record": ".ce_record",
        "DECISION_FORMAT": ".decision_file",
        "DECISION_SUFFIX": ".decision_file",
        "KEY_FILE_FORMAT": ".identity",
        "KEY_FILE_SUFFIX": ".identity",
        "MAX_DECISION_BYTES": ".decision_file",
        "OUTCOMES": ".decision",
        "REASON_CODES": ".decision",
        "SIGNING_ERROR_CODES": ".errors",
        "STAGES": ".decision",
        "TRUST_FORMAT": ".trust",
        "TRUST_SUFFIX": ".trust",
        "Decision": ".decision",
        "OfficeIdentity": ".identity",
        "OfficeKey": ".identity",
        "ReviewLevel": ".identity",
        "SignedDecision": ".decision_file",
        "SigningError": ".errors",
        "TrustList": ".trust",
        "build_trust_file": ".trust",
        "check_decision_trust": ".decision_file",
        "decision_problem": ".decision",
        "decrypt_office_key": ".keystore",
        "encrypt_office_key": ".keystore",
        "export_public_key": ".identity",
        "generate_office_key": ".identity",
        "read_decision": ".decision_file",
        "read_public_key": ".identity",
        "read_trust_file": ".trust",
        "sign_decision": ".decision_file",
    },
)
