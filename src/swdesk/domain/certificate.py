"""The electronic registration certificate (电子登记证书): what is printed on it, already in
Chinese, and the verifiable text of its QR code. Standard library only.

The certificate is produced by the practitioner's swdesk from a verified final approval; it
proves nothing by itself. Its QR code names the decision file (by SHA-256), so anyone holding
the signed `.swddec` file can check that the certificate matches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

QR_PREFIX = "SWDCERT1"
TITLE = "社会工作者登记证书（电子）"


def certificate_qr_payload(decision_digest: str, application_uid: str, valid_to: date) -> str:
    """`SWDCERT1|<decision digest>|<application uid>|<valid to, ISO date>`."""
    return f"{QR_PREFIX}|{decision_digest}|{application_uid}|{valid_to.isoformat()}"


def parse_certificate_qr(payload: str) -> tuple[str, str, date]:
    """(decision digest, application uid, valid to) from a certificate's QR text; raises
    ValueError when it is not one."""
    parts = payload.strip().split("|")
    if len(parts) != 4 or parts[0] != QR_PREFIX:
        raise ValueError("not a swdesk certificate code")
    _prefix, digest, uid, valid_to = parts
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest) or not uid:
        raise ValueError("not a swdesk certificate code")
    return digest, uid, date.fromisoformat(valid_to)


def certificate_serial(decision_digest: str) -> str:
    """The certificate's number, derived from the decision digest: DJ + 16 hex digits in
    groups of four (e.g. "DJ-1A2B-3C4D-5E6F-7A8B"); one decision, one number."""
    head = decision_digest[:16].upper()
    return "DJ-" + "-".join(head[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True, slots=True)
class CertificateData:
    """Everything printed on the certificate (labels already in Chinese).

    The ID number is printed in full: it is the holder's own certificate, as on the
    national system's printed certificates.
    """

    holder_name: str  # 姓名
    gender_label: str  # 性别: 男 / 女
    id_number: str  # 公民身份号码, in full
    level_label: str  # 证书级别, e.g. 助理社会工作师
    certificate_number: str  # 证书管理号
    registration_label: str  # 登记类别: 再登记 / 首次登记
    valid_from: date
    valid_to: date  # the last valid day
    office_name: str  # the office that made the final decision
    decided_on: date
    decision_digest: str  # SHA-256 of the decision file (64 hex)
    application_uid: str
    photo_jpeg: bytes | None = None  # the application's normalised photo, if any

    @property
    def serial(self) -> str:
        """电子证书编号."""
        return certificate_serial(self.decision_digest)

    @property
    def qr_payload(self) -> str:
        return certificate_qr_payload(self.decision_digest, self.application_uid, self.valid_to)

    @property
    def title(self) -> str:
        return TITLE
