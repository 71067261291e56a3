"""The (re-)registration application: its draft and its states. The fix list is
`fix_list`, what the form prints `application_form` (apart, so that a start to the
dashboard, which reads the latest draft, does not build their classes). Standard library
only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ApplicationKind(StrEnum):
    FIRST = "first"  # 首次登记
    RENEWAL = "renewal"  # 再登记


class ApplicationState(StrEnum):
    DRAFT = "draft"  # 草稿
    EXPORTED = "exported"  # 已导出，待审核
    REJECTED = "rejected"  # 未通过 (set when a decision comes back)
    APPROVED = "approved"  # 审核通过 (set when a final approval comes back)


class MaterialRole(StrEnum):
    PHOTO = "photo"  # 近期免冠证件照
    IDENTITY_CHANGE = "identity_change"  # 身份信息变更证明
    LATE_EXPLANATION = "late_explanation"  # 逾期情况说明（扫描件，可选；文字见 late_explanation）
    OTHER = "other"  # 其他材料
    SIGNED_FORM = "signed_form"  # 签字后的申请表扫描件


@dataclass(frozen=True, slots=True)
class MaterialFile:
    role: MaterialRole
    original_name: str
    stored_name: str  # inside the data folder's evidence store (sha256 + extension)
    sha256: str
    size: int
    media_type: str


@dataclass(frozen=True, slots=True)
class ApplicationDraft:
    """What the wizard edits. Saved as a whole; exporting freezes a version."""

    practitioner_id: int
    kind: ApplicationKind
    uid: str  # the application's identifier (UUID4 text), stable across versions
    version: int = 1
    state: ApplicationState = ApplicationState.DRAFT
    phone: str = ""  # personal data as updated in the wizard
    employer: str = ""
    employer_credit_code: str = ""
    post: str = ""
    identity_changed: bool = False  # 身份信息有变更 → proof required
    late_explanation: str = ""  # 情况说明 (required on the late path)
    declaration_accepted: bool = False
    declaration_accepted_at: datetime | None = None
    materials: tuple[MaterialFile, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    exported_at: datetime | None = None
    bundle_id: str = ""  # SHA-256 of the exported manifest
    content_digest: str = ""  # printed in the form's QR code
    parent_id: int | None = None  # the rejected application this one resubmits
    id: int | None = None

    def materials_with(self, role: MaterialRole) -> tuple[MaterialFile, ...]:
        return tuple(m for m in self.materials if m.role is role)

    @property
    def photo(self) -> MaterialFile | None:
        photos = self.materials_with(MaterialRole.PHOTO)
        return photos[-1] if photos else None

    @property
    def signed_scan(self) -> MaterialFile | None:
        scans = self.materials_with(MaterialRole.SIGNED_FORM)
        return scans[-1] if scans else None
