"""What goes into an application bundle: members and application.json (the lowest format
version that holds it: 3 when an activity carries a provider's signed attendance record, 2
when the registration's number is known, else 1; see docs/bundle-format.md). Only this
cycle's counted activities, not the whole database, and the signed records behind them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from swdesk.core.timestamps import stamp
from swdesk.domain.application import ApplicationDraft, MaterialFile, MaterialRole
from swdesk.domain.counting import total_hours
from swdesk.domain.models import Activity, PractitionerRecord
from swdesk.domain.rulepack import RulePack
from swdesk.domain.rules import RegistrationStatus

from . import form_labels as zh

_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


@dataclass(frozen=True, slots=True)
class BundlePlan:
    members: tuple[Any, ...]  # swdesk.bundle.BundleMember, without the form PDF
    content_digest: str
    exported_at: datetime
    application: dict[str, Any]

    def members_with_form(self, pdf: bytes) -> list[Any]:
        from swdesk.bundle import BundleMember

        form = BundleMember(name="form.pdf", role="form", media_type="application/pdf", data=pdf)
        first, rest = self.members[0], self.members[1:]
        return [first, form, *rest]


def _hours(value: Any) -> str:
    text = f"{value.quantize(value.__class__('0.1')):f}"
    return text[:-2] if text.endswith(".0") else text


def _ext(media_type: str) -> str:
    return _EXTENSIONS.get(media_type, "bin")


def _material_member(material: MaterialFile, index: int) -> str:
    if material.role is MaterialRole.SIGNED_FORM:
        return f"signed-form.{_ext(material.media_type)}"
    if material.role is MaterialRole.PHOTO:
        return "photo.jpg"
    return f"materials/{material.role.value}-{index}.{_ext(material.media_type)}"


def plan_bundle(
    draft: ApplicationDraft,
    record: PractitionerRecord,
    status: RegistrationStatus,
    counted: Sequence[Activity],
    pack: RulePack,
    source_for: Callable[[str], dict[str, Any]],
    exported_at: datetime,
    resubmission_of: str | None = None,
    records: Mapping[str, bytes] | None = None,
) -> BundlePlan:
    """The bundle of `draft`: `records` holds the signed attendance record file behind each
    counted activity that has one, by record id (`Activity.attestation`)."""
    from swdesk.bundle import (
        CE_RECORD_MEDIA_TYPE,
        BundleMember,
        application_format_version,
        content_digest,
        record_member_name,
    )

    p = record.practitioner
    certificate = record.current_certificate
    registration = record.latest_registration
    members: list[Any] = []
    evidence_names: dict[str, str] = {}
    activities_json = []
    for activity in sorted(counted, key=lambda a: (a.start_date, a.end_date)):
        names = []
        for evidence in activity.evidence:
            name = f"evidence/{evidence.sha256}.{_ext(evidence.media_type)}"
            if name not in evidence_names:
                evidence_names[name] = evidence.stored_name
                members.append(
                    BundleMember(
                        name=name,
                        role="evidence",
                        media_type=evidence.media_type,
                        **source_for(evidence.stored_name),
                        sha256=evidence.sha256,
                    )
                )
            names.append(name)
        entry: dict[str, Any] = {
            "title": activity.title,
            "organiser": activity.organiser,
            "activity_type": activity.activity_type.value,
            "content_area": activity.content_area.value,
            "start_date": activity.start_date.isoformat(),
            "end_date": activity.end_date.isoformat(),
            "hours": _hours(activity.hours),
            "evidence": names,
        }
        attestation = activity.attestation
        if attestation is not None and records and attestation.record_id in records:
            entry["record"] = member = record_member_name(attestation.record_id)
            members.append(
                BundleMember(
                    name=member,
                    role="ce_record",
                    media_type=CE_RECORD_MEDIA_TYPE,
                    data=records[attestation.record_id],
                    sha256=attestation.digest,
                )
            )
        activities_json.append(entry)
    materials_json = []
    counters: dict[MaterialRole, int] = {}
    for material in draft.materials:
        counters[material.role] = counters.get(material.role, 0) + 1
        name = _material_member(material, counters[material.role])
        role = {"photo": "photo", "signed_form": "signed_form"}.get(material.role.value, "material")
        members.append(
            BundleMember(
                name=name,
                role=role,
                media_type=material.media_type,
                **source_for(material.stored_name),
                sha256=material.sha256,
            )
        )
        if material.role is not MaterialRole.SIGNED_FORM:  # see docs/bundle-format.md §4
            materials_json.append(
                {
                    "role": material.role.value,
                    "member": name,
                    "original_name": material.original_name,
                }
            )
    application: dict[str, Any] = {
        "format_version": 0,  # set below: the lowest version that holds the content
        "application": {
            "uid": draft.uid,
            "version": draft.version,
            "kind": draft.kind.value,
            "created_at": stamp(draft.created_at or exported_at),
        },
        "applicant": {
            "name": p.name,
            "gender": p.gender.value,
            "birth_date": p.birth_date.isoformat(),
            "id_number": p.id_number,
            "phone": draft.phone,
            "employer": draft.employer,
            "employer_credit_code": draft.employer_credit_code,
            "post": draft.post,
            "years_in_social_work": p.years_in_social_work,
            "county": p.county,
        },
        "certificate": {
            "level": certificate.level.value,
            "number": certificate.number,
            "obtained_on": certificate.obtained_on.isoformat(),
        }
        if certificate
        else None,
        "registration": {
            "valid_from": registration.valid_from.isoformat(),
            "valid_to": registration.valid_to.isoformat(),
            **({"number": registration.number} if registration.number else {}),
        }
        if registration
        else None,
        "rule_pack": {"id": pack.id, "version": str(pack.version)},
        "hours": {
            "required": _hours(status.required_hours),
            "counted": _hours(total_hours(counted)),
        },
        "is_late": bool(status.is_late),
        "late_explanation": draft.late_explanation.strip() if status.is_late else "",
        "activities": activities_json,
        "materials": materials_json,
        "declaration": {
            "accepted": True,
            "accepted_at": stamp(draft.declaration_accepted_at or exported_at),
            "text": zh.DECLARATION,
        },
        "resubmission_of": resubmission_of,
    }
    # a reviewer whose swdesk reads only version 1 still reads an application without a
    # registration number or signed records
    application["format_version"] = application_format_version(application)
    data = (json.dumps(application, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()
    app_member = BundleMember(
        name="application.json", role="application", media_type="application/json", data=data
    )
    all_members = [app_member, *members]
    pairs = [(m.name, _sha256_of(m)) for m in all_members]
    return BundlePlan(tuple(all_members), content_digest(pairs), exported_at, application)


def _sha256_of(member: Any) -> str:
    if member.sha256:
        return str(member.sha256)
    if member.data is not None:
        return hashlib.sha256(member.data).hexdigest()
    digest = hashlib.sha256()
    try:
        with open(member.path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as error:
        from swdesk.domain.errors import UserFixableError

        raise UserFixableError("file_unreadable", file=Path(member.path).name) from error
    return digest.hexdigest()
