"""Every user-visible text derived from domain codes, translated with Qt.

The domain and services speak in codes (`FieldIssue`, `UserFixableError`, `NextAction`);
this module is the one place that turns them into sentences in the UI's language.
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from swdesk.core.formatting import hours_text
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
    RegistrationState,
)
from swdesk.domain.errors import FieldIssue, UserFixableError

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


def fmt_date(value: date | None) -> str:
    if value is None:
        return "—"
    return value.isoformat()  # 2026-11-28: the usual written form in China, and unambiguous


def fmt_hours(value: Decimal | float | int) -> str:
    """Hours on screen: rounded to tenths, 7.50 → "7.5", 12 → "12"."""
    return hours_text(value, places=1)


def gender_label(value: Gender) -> str:
    return {
        Gender.MALE: translate("Labels", "Male"),
        Gender.FEMALE: translate("Labels", "Female"),
    }[value]


def level_label(value: CertificateLevel) -> str:
    return {
        CertificateLevel.ASSISTANT: translate("Labels", "Assistant Social Worker"),
        CertificateLevel.INTERMEDIATE: translate("Labels", "Social Worker"),
        CertificateLevel.SENIOR: translate("Labels", "Senior Social Worker"),
    }[value]


def registration_kind_label(value: RegistrationKind) -> str:
    return {
        RegistrationKind.FIRST: translate("Labels", "First registration"),
        RegistrationKind.RENEWAL: translate("Labels", "Re-registration"),
    }[value]


def activity_type_label(value: ActivityType) -> str:
    return {
        ActivityType.TRAINING: translate("Labels", "Training course"),
        ActivityType.LECTURE: translate("Labels", "Lecture"),
        ActivityType.SEMINAR: translate("Labels", "Seminar or exchange"),
        ActivityType.DEGREE: translate("Labels", "Social-work degree education"),
        ActivityType.RESEARCH: translate("Labels", "Research, book or paper"),
        ActivityType.ASSOCIATION: translate("Labels", "Association continuing education"),
        ActivityType.ONLINE: translate("Labels", "Designated online platform"),
    }[value]


def content_area_label(value: ContentArea) -> str:
    return {
        ContentArea.VALUES_ETHICS: translate("Labels", "Professional values and ethics"),
        ContentArea.LAWS_POLICIES: translate("Labels", "Laws, regulations and policies"),
        ContentArea.THEORY_PRACTICE: translate("Labels", "Social-work theory and practice"),
        ContentArea.RELATED_KNOWLEDGE: translate("Labels", "Related knowledge and skills"),
    }[value]


def state_label(value: RegistrationState) -> str:
    return {
        RegistrationState.NOT_REGISTERED: translate("Labels", "Not registered"),
        RegistrationState.VALID: translate("Labels", "Valid"),
        RegistrationState.WINDOW_NOT_OPEN: translate(
            "Labels", "Valid · re-registration window not yet open"),
        RegistrationState.WINDOW_OPEN: translate("Labels", "Re-registration window open"),
        RegistrationState.OVERDUE: translate("Labels", "Expired · not re-registered"),
        RegistrationState.AWAITING_SUBMISSION: translate(
            "Labels", "Exported, not yet submitted"),
        RegistrationState.UNDER_REVIEW: translate("Labels", "Under review"),
    }[value]


def field_label(name: str) -> str:
    labels = {
        "name": translate("Fields", "Name"),
        "gender": translate("Fields", "Gender"),
        "birth_date": translate("Fields", "Date of birth"),
        "id_number": translate("Fields", "Citizen ID number"),
        "phone": translate("Fields", "Phone"),
        "employer": translate("Fields", "Employer"),
        "employer_credit_code": translate("Fields", "Unified social credit code"),
        "post": translate("Fields", "Post"),
        "years_in_social_work": translate("Fields", "Years in social work"),
        "county": translate("Fields", "County or district"),
        "photo": translate("Fields", "Photo"),
        "level": translate("Fields", "Certificate level"),
        "number": translate("Fields", "Certificate number"),
        "certificate_number": translate("Fields", "Certificate number"),
        "late_explanation": translate("Fields", "Written explanation of the late application"),
        "obtained_on": translate("Fields", "Date obtained"),
        "valid_from": translate("Fields", "Registered from"),
        "valid_to": translate("Fields", "Registered until"),
        "registration_number": translate("Fields", "Registration certificate number"),
        "title": translate("Fields", "Title"),
        "organiser": translate("Fields", "Organiser"),
        "activity_type": translate("Fields", "Type"),
        "content_area": translate("Fields", "Content area"),
        "start_date": translate("Fields", "Start date"),
        "end_date": translate("Fields", "End date"),
        "hours": translate("Fields", "Hours"),
        "reflection_learnt": translate("Fields", "What I learnt"),
        "reflection_change": translate("Fields", "What it changes in my practice"),
        "evidence": translate("Fields", "Evidence files"),
        "pin": translate("Fields", "PIN"),
        "office": translate("Fields", "Office name"),
        "region": translate("Fields", "Region code"),
        "password": translate("Fields", "Password"),
        "repeat": translate("Fields", "Repeat password"),
    }
    return labels.get(name, name)


def _issue_sentence(code: str, params: dict[str, Any]) -> str:
    p = {k: (fmt_hours(v) if isinstance(v, Decimal) else v) for k, v in params.items()}
    sentences = {
        "required": translate("Messages", "This field is required."),
        "too_long": translate("Messages", "Too long: at most %(max)s characters."),
        "too_short": translate("Messages", "Too short: at least %(min)s characters."),
        "name_characters": translate(
            "Messages", "Use Chinese characters or letters only (a middle dot · is allowed)."),
        "name_length": translate("Messages", "A name has 2 to 30 characters."),
        "id_format": translate(
            "Messages", "An ID number has 18 characters: 17 digits, then a digit or X."),
        "id_check_digit": translate(
            "Messages", "The check digit does not match: please check every digit again."),
        "id_birth_date_invalid": translate(
            "Messages", "The date of birth inside the ID number is not a real date."),
        "id_birth_date_mismatch": translate(
            "Messages", "The ID number says a different date of birth than the one entered."),
        "id_gender_mismatch": translate(
            "Messages", "The ID number says a different gender than the one entered."),
        "id_birth_in_future": translate(
            "Messages", "The date of birth inside the ID number lies in the future."),
        "credit_code_format": translate(
            "Messages", "A unified social credit code has 18 characters (digits and capital "
                        "letters except I, O, S, V, Z)."),
        "credit_code_check_char": translate(
            "Messages", "The last character of the credit code does not match: check it again."),
        "phone_format": translate(
            "Messages", "Enter a mobile number (11 digits starting with 1) or a landline with "
                        "area code, e.g. 0933-8212345."),
        "age_range": translate("Messages", "The date of birth gives an age outside 16 to 100."),
        "birth_in_future": translate("Messages", "The date of birth lies in the future."),
        "years_range": translate(
            "Messages", "Years in social work must be between 0 and %(max)s."),
        "county_format": translate(
            "Messages", "Enter the county's 6-digit area code, e.g. 620802."),
        "evidence_type": translate(
            "Messages", "Evidence must be a PDF, JPEG or PNG file."),
        "evidence_too_large": translate(
            "Messages", "An evidence file is larger than the rules of your province allow."),
        "county_unknown": translate(
            "Messages", "Choose a county or district of the province whose rules apply to "
                        "you."),
        "number_format": translate(
            "Messages", "Use letters, digits and hyphens only, at most 40 characters."),
        "in_future": translate("Messages", "This date lies in the future."),
        "registration_number_characters": translate(
            "Messages", "Enter the number as printed on the registration certificate, at "
                        "most %(max)s characters: it contains a character that cannot be "
                        "printed."),
        "year_out_of_range": translate(
            "Messages", "This date is not plausible: use a year from %(min_year)s to "
                        "%(max_year)s."),
        "before_adulthood": translate(
            "Messages", "This date is before the holder's 18th birthday."),
        "end_before_start": translate("Messages", "The end date is before the start date."),
        "valid_to_before_valid_from": translate(
            "Messages", "The end of the registration is before its start."),
        "hours_not_number": translate("Messages", "Enter hours as a number, e.g. 8 or 7.5."),
        "hours_not_positive": translate("Messages", "Hours must be more than zero."),
        "hours_precision": translate("Messages", "Use at most one decimal place, e.g. 7.5."),
        "hours_exceed_days": translate(
            "Messages", "%(hours)s hours in one day is more than the %(max_hours)s hours "
                        "the rules allow for one day.") if p.get("days") == 1 else translate(
            "Messages", "%(hours)s hours in %(days)s days is more than the %(max_hours)s "
                        "hours the rules allow for these dates."),
        "hours_exceed_days_assumed": translate(
            "Messages", "%(hours)s hours in one day is more than the %(max_hours)s hours "
                        "swdesk assumes for a day. No published rule limits the hours of a "
                        "day, so the record is saved; keep the certificate showing the hours, "
                        "the office may ask about it.") if p.get("days") == 1 else translate(
            "Messages", "%(hours)s hours in %(days)s days is more than the %(max_hours)s "
                        "hours swdesk assumes for these dates. No published rule limits the "
                        "hours of a day, so the record is saved; keep the certificate showing "
                        "the hours, the office may ask about it."),
        "pin_format": translate("Messages", "A PIN has %(min)s to %(max)s digits."),
        "pin_mismatch": translate("Messages", "The two PINs differ."),
        "password_mismatch": translate("Messages", "The two passwords differ."),
        "photo_missing": translate("Messages", "Add a recent ID photo."),
        "photo_unreadable": translate(
            "Messages", "\"%(file)s\" is not a JPEG or PNG photo that can be opened."),
        # the photo checks of media/photo.py, with the real limits (a code of the
        # UserFixableError raised there, shown next to the photo field)
        "photo_not_image": translate(
            "Messages", "\"%(file)s\" is not a JPEG or PNG photo that can be opened (it may be "
                        "damaged or in another format). Save the photo as JPEG and choose it "
                        "again."),
        "photo_too_small": translate(
            "Messages", "The photo \"%(file)s\" has %(width)s×%(height)s pixels; a photo needs "
                        "at least %(min_width)s×%(min_height)s. Choose a larger photo."),
        "photo_file_too_large": translate(
            "Messages", "The photo \"%(file)s\" is larger than %(max_mb)s MB, the most swdesk "
                        "reads. Choose a smaller copy of it."),
        "photo_too_many_pixels": translate(
            "Messages", "The photo \"%(file)s\" has %(width)s×%(height)s pixels; swdesk opens a "
                        "photo of this kind up to %(max_megapixels)s megapixels. Save a smaller "
                        "copy (e.g. 3000×4000 pixels) and choose it."),
    }
    template = sentences.get(code)
    if template is None:  # a code without its sentence: a plain message, the code logged
        log.warning("no sentence for the field issue code %s", code)
        return translate("Messages", "This value cannot be used. Check it and try again.")
    try:
        return template % p
    except (KeyError, ValueError, TypeError):
        return template


def issue_text(issue: FieldIssue, with_field: bool = False) -> str:
    """The sentence for a field issue, optionally prefixed with the field's label."""
    sentence = _issue_sentence(issue.code, dict(issue.params))
    if with_field:
        return translate("Messages", "%(field)s: %(problem)s") % {
            "field": field_label(issue.field), "problem": sentence}
    return sentence


def error_text(error: UserFixableError) -> str:
    """What happened and what to do, for an error the user can fix."""
    p = dict(error.params)
    p.setdefault("file", "")
    p.setdefault("path", "")
    p.setdefault("member", "")
    p.setdefault("reason", "")
    p.setdefault("min", 8)
    p.setdefault("folder", p["path"])
    p["field_label"] = field_label(str(p.get("field", "")))
    sentences = {
        "file_unreadable": translate(
            "Messages", "The file \"%(file)s\" cannot be read. Check that it exists and that "
                        "you may open it, then try again."),
        "file_too_large": translate(
            "Messages", "The file \"%(file)s\" is larger than %(max_mb)s MB. Scan it at a lower "
                        "resolution or split it, then add it again."),
        "file_empty": translate("Messages", "The file \"%(file)s\" is empty."),
        "file_type_not_allowed": translate(
            "Messages", "The file \"%(file)s\" is not a PDF, JPEG or PNG file. Save or scan the "
                        "proof in one of these formats."),
        "disk_full": translate(
            "Messages", "The disk is full. Free some space or choose another place, then try "
                        "again. Nothing you entered was lost."),
        "not_writable": translate(
            "Messages", "swdesk cannot write to \"%(path)s\". Choose a folder you may write to."),
        "wrong_pin": translate(
            "Messages", "The PIN of profile %(profile)s is missing or wrong."),
        "pin_locked_out": translate(
            "Messages", "Too many wrong PINs in a row. Try again in %(seconds)s seconds."),
        "profile_locked": translate(
            "Messages", "This profile is protected by a PIN. Open it from the profile list "
                        "with its PIN first."),
        "sealed_data_damaged": translate(
            "Messages", "The encrypted file \"%(file)s\" could not be opened: it was changed or "
                        "damaged. Restore a backup."),
        "database_corrupt": translate(
            "Messages", "The database \"%(path)s\" is damaged and was left untouched. Restore a "
                        "backup or ask your IT support for help."),
        "database_missing": translate(
            "Messages", "The database \"%(path)s\" is missing or empty, but this data folder "
                        "still holds your saved files. swdesk did not create a new, empty "
                        "database over them."),
        "database_read_only": translate(
            "Messages", "The database \"%(path)s\" cannot be written (the file or its folder is "
                        "read-only). Nothing was changed."),
        "database_unreadable": translate(
            "Messages", "The database \"%(path)s\" cannot be read (no permission, or the disk "
                        "reports an error). Nothing was changed."),
        "database_too_new": translate(
            "Messages", "The database \"%(path)s\" was written by a newer version of swdesk. "
                        "Install the newer version; the file was left untouched."),
        "database_locked": translate(
            "Messages", "The database \"%(path)s\" is locked by another program. Close it and "
                        "start swdesk again."),
        "already_running": translate(
            "Messages", "swdesk is already open on this data folder (\"%(path)s\"). Switch to "
                        "that window, or close it first."),
        "rulepack_invalid": translate(
            "Messages", "The file with the registration rules of your province (\"%(file)s\") "
                        "is damaged, so swdesk cannot check your hours. Install swdesk again."),
        "rulepack_unknown": translate(
            "Messages", "This version of swdesk has no registration rules for \"%(pack)s\". "
                        "Choose the rules that apply to you in your profile, or install the "
                        "newest swdesk."),
        "bundle_unreadable": translate(
            "Messages", "The bundle \"%(file)s\" cannot be read. Check the USB stick or copy the "
                        "file again."),
        "not_a_bundle": translate(
            "Messages", "\"%(file)s\" is not a swdesk application bundle."),
        "manifest_invalid": translate(
            "Messages", "The bundle \"%(file)s\" has a damaged list of contents (manifest.json): "
                        "%(reason)s"),
        "format_unsupported": translate(
            "Messages", "The bundle \"%(file)s\" was made by a newer swdesk. Install the newer "
                        "version to open it."),
        "member_missing": translate(
            "Messages", "The bundle \"%(file)s\" is incomplete: \"%(member)s\" is missing."),
        "member_unlisted": translate(
            "Messages", "The bundle \"%(file)s\" contains \"%(member)s\", which its list of "
                        "contents does not mention: it was changed after export."),
        "member_duplicate": translate(
            "Messages", "The bundle \"%(file)s\" contains \"%(member)s\" twice."),
        "member_unsafe_name": translate(
            "Messages", "The bundle \"%(file)s\" contains a file with an unsafe name "
                        "(\"%(member)s\") and was refused."),
        "member_not_stored": translate(
            "Messages", "The bundle \"%(file)s\" was repacked by another program (\"%(member)s\" "
                        "is compressed, encrypted or a link)."),
        "member_size_mismatch": translate(
            "Messages", "In the bundle \"%(file)s\", \"%(member)s\" has the wrong size: the file "
                        "was changed or damaged."),
        "member_hash_mismatch": translate(
            "Messages", "In the bundle \"%(file)s\", \"%(member)s\" was changed or damaged (its "
                        "SHA-256 does not match)."),
        "bundle_too_large": translate(
            "Messages", "The bundle \"%(file)s\" is larger than swdesk accepts."),
        "member_wrong_type": translate(
            "Messages", "In the bundle \"%(file)s\", \"%(member)s\" is not what its name says "
                        "(its content is not a %(expected)s file); the bundle was refused."),
        "pdf_too_complex": translate(
            "Messages", "In the bundle \"%(file)s\", the PDF \"%(member)s\" would take far "
                        "too much memory or time to read (%(reason)s); it was not opened."),
        "too_many_members": translate(
            "Messages", "The bundle \"%(file)s\" contains too many files and was refused."),
        "application_invalid": translate(
            "Messages", "The application data in \"%(file)s\" is not valid: %(reason)s"),
        "content_digest_mismatch": translate(
            "Messages", "The bundle \"%(file)s\" does not match its content digest: it was "
                        "changed after export."),
        "bundle_not_canonical": translate(
            "Messages", "The bundle \"%(file)s\" was changed after export (its bytes differ from "
                        "what swdesk wrote)."),
        "fix_list_open": translate(
            "Messages", "The application cannot be exported yet: one item of the fix list is "
                        "open.") if p.get("count") == 1 else translate(
            "Messages", "The application cannot be exported yet: %(count)s items of the fix "
                        "list are open."),
        "file_changed": translate(
            "Messages", "The file \"%(file)s\" changed while the bundle was written. Try again."),
        "bundle_field_invalid": translate(
            "Messages", "\"%(field_label)s\" contains characters an application bundle cannot "
                        "hold (such as a tab or a line break). Open it where it was entered "
                        "(the profile, the training record or the application's personal "
                        "data), save it again, and export again. Nothing was written."),
        "application_not_discardable": translate(
            "Messages", "This application was exported and the office may already have it, so "
                        "it cannot be discarded. To withdraw it, tell the office; to change it, "
                        "edit it and export the new version."),
        "photo_not_image": translate(
            "Messages", "\"%(file)s\" is not a JPEG or PNG photo that can be opened."),
        "photo_too_small": translate(
            "Messages", "The photo \"%(file)s\" is too small (%(width)s×%(height)s pixels); it "
                        "needs at least %(min_width)s×%(min_height)s."),
        "photo_file_too_large": translate(
            "Messages", "The photo \"%(file)s\" is larger than %(max_mb)s MB."),
        "photo_too_many_pixels": translate(
            "Messages", "The photo \"%(file)s\" has far too many pixels to be a photo; it was "
                        "not opened."),
        "validation_failed": translate("Messages", "Some fields need fixing; see the form."),
        "pin_wrong": translate("Messages", "Wrong PIN. Try again."),
        "wrong_password": translate("Messages", "Wrong password. Try again."),
        "key_invalid": translate(
            "Messages", "\"%(file)s\" is not a valid office key file: %(reason)s"),
        "trust_invalid": translate(
            "Messages", "\"%(file)s\" is not a valid trust file: %(reason)s"),
        "decision_invalid": translate(
            "Messages", "\"%(file)s\" is not a valid decision file: %(reason)s"),
        "bad_signature": translate(
            "Messages", "The signature of \"%(file)s\" does not match: the file was altered and "
                        "was not used."),
        "untrusted_office": translate(
            "Messages", "\"%(file)s\" was signed by an office that is not in the trusted list. "
                        "Import the province's current trust file first."),
        "wrong_level": translate(
            "Messages", "\"%(file)s\" was signed by an office that may not decide at this review "
                        "stage."),
        "trust_list_missing": translate(
            "Messages", "No list of trusted review offices has been imported yet. Import the "
                        "province's trust file (.swdtrust) first."),
        "trust_list_outdated": translate(
            "Messages", "\"%(file)s\" is older than the trust list already imported."),
        "trust_issuer_changed": translate(
            "Messages", "\"%(file)s\" was issued with a different province key. Check the new "
                        "fingerprint with the province by phone before importing it."),
        "trust_fingerprint_mismatch": translate(
            "Messages", "The fingerprint given does not match the one of \"%(file)s\" "
                        "(%(fingerprint)s). Nothing was imported."),
        "trust_unconfirmed": translate(
            "Messages", "The trust list was not confirmed (fingerprint %(fingerprint)s). "
                        "Nothing was changed."),
        "profile_unknown": translate(
            "Messages", "There is no profile with the number %(profile)s in this data folder."),
        "wrong_extension": translate(
            "Messages", "\"%(file)s\" does not end in %(expected)s: choose a file name with "
                        "that extension."),
        "decision_wrong_application": translate(
            "Messages", "\"%(file)s\" decides on an application that was not exported from this "
                        "computer."),
        "decision_wrong_bundle": translate(
            "Messages", "\"%(file)s\" judged a different bundle than the one you exported for "
                        "this application."),
        "decision_already_applied": translate(
            "Messages", "The decision \"%(file)s\" has already been imported."),
        "decision_outdated": translate(
            "Messages", "\"%(file)s\" is older than a decision already imported for this "
                        "application."),
        "decision_chain_broken": translate(
            "Messages", "\"%(file)s\" does not fit the office's sequence of decisions; it may be "
                        "forged. Contact the review office."),
        "decision_certificate_missing": translate(
            "Messages", "This decision has no electronic registration certificate."),
        "certificate_missing": translate(
            "Messages", "This decision has no electronic registration certificate."),
        "certificate_mismatch": translate(
            "Messages", "The certificate does not match the decision file."),
        "application_unknown": translate("Messages", "This application is not in the queue."),
        "application_locked": translate(
            "Messages", "This application was already approved at this level and is locked."),
        "application_superseded": translate(
            "Messages", "A newer version of this application has arrived; decide on that one."),
        "wrong_stage": translate(
            "Messages", "This application is not at the stage this office decides."),
        "late_reason_required": translate(
            "Messages", "The application is late: write why it is accepted."),
        "bundle_file_missing": translate(
            "Messages", "The stored copy of this bundle is missing from the reviewer folder."),
        "comment_too_long": translate("Messages", "A comment is too long."),
        "decision_replayed": translate(
            "Messages", "\"%(file)s\" carries a decision that was already used (replayed)."),
        "forward_decision_mismatch": translate(
            "Messages", "In \"%(file)s\", the first-level decision does not judge the bundle it "
                        "came with."),
        "forward_invalid": translate(
            "Messages", "\"%(file)s\" is not a forward package written by swdesk: %(reason)s"),
        "forward_not_expected": translate(
            "Messages", "\"%(file)s\" is a forward package for the province; this office does "
                        "the first review and imports application bundles (.swdapp)."),
        "forward_package_required": translate(
            "Messages", "\"%(file)s\" has no first-level decision: the province imports forward "
                        "packages (.swdfwd) from the city or county offices."),
        "key_mismatch": translate(
            "Messages", "The office key does not match this office."),
        "not_province": translate(
            "Messages", "Only the province office publishes trust files."),
        "office_invalid": translate(
            "Messages", "The office name or region is not valid: %(reason)s"),
        "outcome_unknown": translate("Messages", "Choose approve or reject."),
        "password_missing": translate(
            "Messages", "No password given: use --password-file or SWDESK_REVIEW_PASSWORD."),
        "password_too_short": translate(
            "Messages", "The password is too short: use at least %(min)s characters."),
        "reason_required": translate(
            "Messages", "A rejection needs at least one reason."),
        "reason_unknown": translate("Messages", "Unknown reason code: %(reason)s"),
        "review_already_initialised": translate(
            "Messages", "Reviewer mode is already set up in this data folder."),
        "trust_not_built": translate(
            "Messages", "No trust file has been published or imported by this office yet."),
        "trust_not_ours": translate(
            "Messages", "\"%(file)s\" does not list this office; ask the province for the current "
                        "trust file."),
        "trust_outdated": translate(
            "Messages", "\"%(file)s\" is older than the trust list already in force."),
        "backup_invalid": translate(
            "Messages", "\"%(file)s\" is not a swdesk backup that can be restored (%(reason)s). "
                        "Nothing was changed."),
        "backup_corrupt": translate(
            "Messages", "The backup \"%(file)s\" is damaged (%(member)s). If it was just "
                        "written, the USB stick may be faulty: try another one."),
        "review_not_initialised": translate(
            "Messages", "Reviewer mode is not set up in this data folder yet."),
        # -- storage problems of output files and the reviewer folder
        "file_exists": translate(
            "Messages", "A file called \"%(file)s\" is already there. Choose another name or "
                        "folder."),
        "folder_missing": translate(
            "Messages", "The folder \"%(path)s\" no longer exists (was the USB stick "
                        "removed?). Choose a folder that exists, then try again."),
        "review_read_only": translate(
            "Messages", "swdesk cannot write to the reviewer folder \"%(folder)s\" (it is "
                        "read-only). Nothing was changed."),
        "import_failed": translate(
            "Messages", "\"%(file)s\" could not be imported: swdesk met a problem it did not "
                        "expect while checking it (written to the log). The other files were "
                        "imported or refused on their own."),
        "review_io_error": translate(
            "Messages", "The disk of the reviewer folder \"%(folder)s\" reported an error. "
                        "Check the disk; nothing was changed."),
        "review_database_damaged": translate(
            "Messages", "The reviewer database in \"%(folder)s\" is damaged and was left "
                        "untouched. Restore a backup of the reviewer folder."),
        "review_database_missing": translate(
            "Messages", "The reviewer database in \"%(path)s\" is missing, although the "
                        "folder holds stored applications or backups. Restore a backup of the "
                        "reviewer folder; nothing was changed."),
        "review_data_without_database": translate(
            "Messages", "\"%(path)s\" holds stored applications or backups of an earlier "
                        "review office, but no usable database. Restore that database first, "
                        "or move the old files aside to set up a new office."),
    }
    template = sentences.get(error.code)
    if template is None:  # a code without its sentence: a plain message, the code logged
        log.warning("no sentence for the error code %s", error.code)
        return translate("Messages", "This could not be done. Nothing was changed; please "
                                     "try again, and report it if it happens again.")
    try:
        return template % p
    except (KeyError, ValueError, TypeError):
        return template


def bug_text() -> str:
    return translate(
        "Messages", "Something unexpected went wrong; it has been written to the log. Your "
                    "saved data is safe. Please try again, and report it if it happens again.")


def key_date_label(code: str) -> str:
    return {
        "reminder": translate("Labels", "Start preparing (reminder)"),
        "window_opens": translate("Labels", "Re-registration window opens"),
        "expires": translate("Labels", "Registration expires"),
        "first_registration_due": translate("Labels", "First registration due"),
    }.get(code, code)


def basis_text(citation: Any) -> str:
    """The "依据" line of a requirement: the document, article (条), date and where it was
    published, so a practitioner can show the office the same text (`Citation`)."""
    if citation is None:
        return ""
    if citation.basis == "assumption":
        return translate("Labels", "Basis: no published rule found; swdesk assumes this, and "
                                   "the office may decide otherwise.")
    if citation.basis == "design":
        return translate("Labels", "Basis: a setting of swdesk, not an official rule.")
    parts = [citation.document + (citation.article or "")]
    if citation.article and not citation.article_checked:
        parts.append(translate("Labels", "article number as a secondary source gives it"))
    if citation.date:
        parts.append(citation.date)  # YYYY-MM-DD, the form fmt_date writes too
    if citation.published_in:
        parts.append(citation.published_in)
    if not citation.verified:
        parts.append(translate("Labels", "not checked against the official publication"))
    chinese = QLocale().language() == QLocale.Language.Chinese
    opening, separator, closing = ("（", "；", "）") if chinese else (" (", "; ", ")")
    text = parts[0] + (opening + separator.join(parts[1:]) + closing if len(parts) > 1 else "")
    return translate("Labels", "Basis: %1").replace("%1", text)


def first_registration_text(status: Any) -> str:
    """The first-registration deadline on the dashboard: the date and the days left, or
    plainly that it has passed."""
    due = status.first_registration_due
    if due is None:
        return ""
    days = status.days_to_first_registration_due
    if days > 1:
        text = translate("Messages", "First registration is due by %1: %n days left.", "",
                         days)
    elif days == 1:
        text = translate("Messages", "First registration is due by %1: 1 day left.")
    elif days == 0:
        text = translate("Messages", "First registration is due by %1: today is the last day.")
    elif days == -1:
        text = translate("Messages", "The first-registration period ended yesterday, on %1. "
                                     "Apply now and ask the office whether it still accepts "
                                     "a late first registration.")
    else:
        text = translate("Messages", "The first-registration period ended on %1, %n days "
                                     "ago. Apply now and ask the office whether it still "
                                     "accepts a late first registration.", "", -days)
    return text.replace("%1", fmt_date(due))


def clock_warning_text(today: date, latest_seen: date) -> str:
    """The dashboard's banner when the computer's date is before a day already seen."""
    return translate(
        "Messages", "The computer's date (%1, China time) is earlier than %2, a day swdesk "
                    "has already seen (its last start or a recorded activity). Check the "
                    "computer's date and time: every deadline here is judged by it.").replace(
        "%1", fmt_date(today)).replace("%2", fmt_date(latest_seen))


def office_name(params: Any) -> str:
    """The review office named in `params` (office_zh, office_en), in the UI's language; a
    generic name when the rule pack names none."""
    chinese = QLocale().language() == QLocale.Language.Chinese
    name = str(params.get("office_zh" if chinese else "office_en", "") or
               params.get("office_zh", ""))
    return name or translate("Messages", "the civil-affairs office of your county or city")


def next_action_text(status: Any) -> str:
    """One sentence: what the practitioner should do next, from the rule engine's result."""
    code = status.next_action.code
    needed = fmt_hours(status.hours_needed)
    required = fmt_hours(status.required_hours)
    expires = fmt_date(status.expires_on)
    opens = fmt_date(status.window_opens_on)
    per_month = fmt_hours(status.catch_up.hours_per_month) if status.catch_up else "0"
    values = {"needed": needed, "required": required, "expires": expires, "opens": opens,
              "per_month": per_month, "office": office_name(status.next_action.params),
              "deadline": fmt_date(status.next_action.params.get("deadline"))}
    if code == "first_registration_needed" and "deadline" in status.next_action.params:
        late = status.next_action.params.get("days_left", 0) < 0
        code = "first_registration_late" if late else "first_registration_by"
    sentences = {
        "first_registration_needed": translate(
            "Messages", "Apply for first registration, then record it in your profile."),
        "first_registration_by": translate(
            "Messages", "Apply for first registration by %(deadline)s, then record it in "
                        "your profile."),
        "first_registration_late": translate(
            "Messages", "Apply for first registration now: the one-year period ended on "
                        "%(deadline)s. Then record it in your profile."),
        "keep_logging": translate(
            "Messages", "Keep recording your training: %(needed)s more hours are needed by "
                        "%(expires)s (about %(per_month)s hours a month)."),
        "hours_complete_wait_window": translate(
            "Messages", "Your hours are complete. Apply for re-registration when the window "
                        "opens on %(opens)s."),
        "prepare_window_soon": translate(
            "Messages", "The window opens on %(opens)s: finish the %(needed)s hours still "
                        "needed and get your photo and documents ready."),
        "apply_now": translate(
            "Messages", "Apply for re-registration now: the window closes on %(expires)s."),
        "finish_hours_then_apply": translate(
            "Messages", "Complete the %(needed)s hours still needed before %(expires)s, then "
                        "apply for re-registration."),
        "late_apply_with_explanation": translate(
            "Messages", "Your registration expired on %(expires)s. Late re-registration needs "
                        "%(required)s hours (%(needed)s still missing) and a written "
                        "explanation."),
        "add_certificate": translate(
            "Messages", "Record your certificate (level, number, date obtained) in your "
                        "profile."),
        "late_apply": translate(
            "Messages", "Your registration expired on %(expires)s. Complete %(needed)s more "
                        "hours (%(required)s in all), then apply for late re-registration."),
        "wait_for_review": translate(
            "Messages", "Your application is being reviewed; wait for the decision."),
        "hand_in_application": translate(
            "Messages", "Your application is exported but not yet submitted. Hand the USB "
                        "stick with the bundle and the printed form, signed, to %(office)s. "
                        "swdesk shows it as under review once a decision file from the office "
                        "is imported."),
    }
    template = sentences.get(code)
    if template is None:
        log.warning("no sentence for the next action %s", code)
        return translate("Messages", "Check your profile and your training records.")
    return template % values


def fix_item_text(item: Any) -> str:
    """One line of the fix list (补正清单): what is wrong."""
    p = dict(item.params)
    values = {k: (fmt_hours(v) if isinstance(v, Decimal) else fmt_date(v)
                  if isinstance(v, date) else v) for k, v in p.items()}
    if "issue" in p and "field" in p:
        values["problem"] = _issue_sentence(str(p["issue"]), {})
        values["field"] = field_label(str(p["field"]))
    code = item.code
    if code == "unprintable_characters":  # swdesk.domain.printable
        values["field"] = field_label(str(p.get("field", "")))
        if "activity" in p:
            code = "unprintable_characters_activity"
    sentences = {
        "profile_invalid": translate("Messages", "Profile — %(field)s: %(problem)s"),
        "personal_invalid": translate("Messages", "Personal data — %(field)s: %(problem)s"),
        "certificate_missing": translate(
            "Messages", "Your certificate (level, number, date obtained) is not recorded."),
        "not_registered": translate(
            "Messages", "No registration is recorded: re-registration needs a current one."),
        "window_not_open": translate(
            "Messages", "The re-registration window is not open yet; it opens on %(opens)s."),
        "hours_short": translate(
            "Messages", "%(counted)s of %(required)s hours in this cycle: %(needed)s hours are "
                        "still missing."),
        "hours_short_assumed": translate(
            "Messages", "Note: %(counted)s of %(required)s hours; the office may ask for "
                        "%(needed)s more. The %(required)s hours are an assumption, not a "
                        "published rule, so this does not hold back the export."),
        "activity_without_evidence": translate(
            "Messages", "\"%(title)s\" has no evidence file."),
        "evidence_file_missing": translate(
            "Messages", "The evidence file \"%(file)s\" of \"%(title)s\" is no longer in the data "
                        "folder; attach it again."),
        "already_registered": translate(
            "Messages", "You are already registered until %(expires)s: a first registration "
                        "is not needed."),
        "photo_missing": translate("Messages", "A recent ID photo is missing."),
        "identity_proof_missing": translate(
            "Messages", "Your identity data changed: attach the proof of the change."),
        "late_explanation_missing": translate(
            "Messages", "The registration has expired: write the explanation (情况说明), at "
                        "least %(min)s characters.") if getattr(item, "blocking", True) else
        translate("Messages", "Note: the registration has expired; offices usually ask for a "
                              "written explanation (情况说明). This does not hold back the "
                              "export."),
        "material_file_missing": translate(
            "Messages", "The material \"%(file)s\" is no longer in the data folder; attach it "
                        "again."),
        "declaration_not_accepted": translate(
            "Messages", "The declaration has not been accepted."),
        "registration_number_missing": translate(
            "Messages", "The number of the registration certificate ending on %(valid_to)s "
                        "(登记证书编号) is not recorded: enter it from the certificate, or the "
                        "office looks it up."),
        "unprintable_characters": translate(
            "Messages", "%(field)s: no font swdesk ships can draw %(chars)s, so the printed "
                        "form shows an empty box there. Write it in by hand on the printed "
                        "form."),
        "unprintable_characters_activity": translate(
            "Messages", "\"%(activity)s\", %(field)s: no font swdesk ships can draw "
                        "%(chars)s, so the printed form shows an empty box there. Write it in "
                        "by hand on the printed form."),
    }
    template = sentences.get(code)
    if template is None:
        log.warning("no sentence for the fix-list item %s", item.code)
        return translate("Messages", "Something in the application still needs fixing.")
    try:
        return template % values
    except (KeyError, ValueError, TypeError):
        return template


# -- reviewer mode ------------------------------------------------------------------------

def review_state_label(code: str) -> str:
    return {
        "pending": translate("Review", "Awaiting review"),
        "superseded": translate("Review", "Superseded by a newer version"),
        "first_approved": translate("Review", "First review passed"),
        "first_rejected": translate("Review", "First review failed"),
        "final_approved": translate("Review", "Final review passed"),
        "final_rejected": translate("Review", "Final review failed"),
    }.get(code, code)


def review_stage_label(code: str) -> str:
    return {"first": translate("Review", "First review"),
            "final": translate("Review", "Final review")}.get(code, code)


def outcome_label(code: str) -> str:
    return {"approved": translate("Review", "approved"),
            "rejected": translate("Review", "rejected")}.get(code, code)


REASON_CODES = ("hours_short", "data_wrong", "material_unclear", "photo_unfit",
                "not_in_window", "other")


def reason_label(code: str) -> str:
    return {
        "hours_short": translate("Review", "Hours short"),
        "data_wrong": translate("Review", "Data wrong"),
        "material_unclear": translate("Review", "Material unclear"),
        "photo_unfit": translate("Review", "Photo unfit"),
        "not_in_window": translate("Review", "Not in the application window"),
        "other": translate("Review", "Other"),
    }.get(code, code)


def check_label(code: str) -> str:
    return {
        "id_check_digit": translate("Review", "ID number check digit"),
        "hours_requirement": translate("Review", "Hours against the requirement"),
        "activities_in_cycle": translate("Review", "Activities inside the cycle"),
        "window": translate("Review", "Application window and late rules"),
        "declaration_date": translate("Review", "Declaration date against the date received"),
        "materials_present": translate("Review", "Required materials present"),
        "photo_acceptable": translate("Review", "Photo acceptable"),
        "pdf_matches_json": translate("Review", "Form PDF matches the application data"),
    }.get(code, code)


def calendar_unknown_text(years: tuple[int, ...] | list[int]) -> str:
    """The note beside a review deadline reaching years no State Council holiday notice in
    swdesk's calendar covers: their days are counted Monday to Friday."""
    return translate("Review", "The holidays of %1 are not known: working days in that year "
                     "are counted Monday to Friday.").replace(
        "%1", ", ".join(str(y) for y in years))


def import_status_label(code: str) -> str:
    return {
        "imported": translate("Review", "Imported"),
        "duplicate": translate("Review", "Already imported"),
        "refused": translate("Review", "Refused"),
        "cancelled": translate("Review", "Not imported (cancelled)"),
    }.get(code, code)


def level_of_review_label(code: str) -> str:
    return {
        "county": translate("Review", "County (first review)"),
        "city": translate("Review", "City (first review)"),
        "province": translate("Review", "Province (final review)"),
    }.get(code, code)


def check_detail_text(check: Any) -> str:
    """The numbers behind an automatic check, as a short sentence."""
    p = dict(check.params or {})
    code = check.code
    if code == "id_check_digit":
        issues = p.get("issues") or []
        return translate("Review", "the check digit is right") if not issues else "; ".join(
            _issue_sentence(str(i), {}) for i in issues)
    if code == "hours_requirement":
        text = translate("Review", "%1 of %2 hours counted in the cycle (%3 claimed)")
        text = text.replace("%1", str(p.get("counted", ""))).replace(
            "%2", str(p.get("required", ""))).replace("%3", str(p.get("claimed", "")))
        if p.get("late"):
            text += translate("Review", "; late: the late requirement applies")
        if p.get("assumed_required"):  # a late figure the rule pack marks as an assumption
            text += translate("Review", "; %1 hours may be asked of a late application "
                                        "(an assumption, not a published rule)").replace(
                "%1", str(p["assumed_required"]))
        return text
    if code == "activities_in_cycle":
        outside = p.get("outside") or []
        text = translate("Review", "%1 activities, cycle %2 – %3").replace(
            "%1", str(p.get("count", ""))).replace("%2", str(p.get("period_start", ""))).replace(
            "%3", str(p.get("period_end", "")))
        if outside:
            text += translate("Review", "; outside the cycle: no. %1").replace(
                "%1", ", ".join(str(i + 1) for i in outside))
        after = p.get("after_received") or []
        if after:
            text += translate("Review", "; ending after the date received (%1), not "
                              "counted: no. %2").replace(
                "%1", str(p.get("received_on", ""))).replace(
                "%2", ", ".join(str(i + 1) for i in after))
        return text
    if code == "declaration_date":
        return _declaration_date_text(p)
    if code == "window":
        if p.get("first_registration"):
            return translate("Review", "first registration: no window applies")
        text = translate("Review", "received %1; window %2 – %3") if p.get(
            "basis") != "first_level" else translate(
            "Review", "declared %1 (received by the first level no later than its "
            "decision); window %2 – %3")
        text = text.replace(
            "%1", str(p.get("applied_on", ""))).replace(
            "%2", str(p.get("window_opens", ""))).replace("%3", str(p.get("window_closes", "")))
        problems = {
            "too_early": translate("Review", "before the window opens"),
            "late_not_declared": translate("Review", "after expiry but not declared late"),
            "late_flag_wrong": translate("Review", "declared late although in time"),
            "late_explanation_missing": translate("Review", "late without an explanation"),
            "no_valid_to": translate("Review", "no registration end date"),
        }
        if p.get("problem"):
            text += "; " + problems.get(str(p["problem"]), str(p["problem"]))
        return text
    if code == "materials_present":
        missing = p.get("missing") or []
        if not missing:
            return translate("Review", "form, photo and evidence present")
        return translate("Review", "missing: %1").replace(
            "%1", ", ".join(_material_label(str(m)) for m in missing))
    if code == "photo_acceptable":
        if check.passed:
            return translate("Review", "%1×%2 pixels").replace(
                "%1", str(p.get("width", ""))).replace("%2", str(p.get("height", "")))
        params = {k: v for k, v in p.items() if k != "problem"}
        params.setdefault("file", "photo.jpg")
        return error_text(UserFixableError(str(p.get("problem", "")), **params))
    if code == "pdf_matches_json":
        if p.get("problem") == "too_large":
            return translate("Review", "the form PDF is too large to be checked")
        if p.get("problem"):
            return translate("Review", "the form PDF cannot be read")
        mismatch = p.get("mismatch") or []
        if not mismatch:
            return translate("Review", "name, ID number, hours and application number agree")
        return translate("Review", "not found in the form PDF: %1").replace(
            "%1", ", ".join(_form_item_label(str(m)) for m in mismatch))
    log.warning("no wording for the details of check %s", code)
    return ""


def _declaration_date_text(p: dict[str, Any]) -> str:
    """Check "declaration_date": the applicant's declaration date against the date the
    office received the application."""
    if p.get("problem") == "missing":
        return translate("Review", "the declaration has no date; received %1").replace(
            "%1", str(p.get("received_on", "")))
    text = translate("Review", "declared %1, received %2 (%3 days apart)") if not p.get(
        "first_level") else translate("Review", "declared %1, first-level decision %2 (%3 "
                                      "days apart)")
    text = text.replace(
        "%1", str(p.get("declared_on", ""))).replace(
        "%2", str(p.get("received_on", ""))).replace("%3", str(p.get("days_apart", "")))
    if p.get("problem") == "after_received":
        text += translate("Review", "; dated after the date received: the applicant's "
                          "computer clock was wrong")
    elif p.get("problem") == "long_before":
        text += translate("Review", "; more than %1 days before the date received: check "
                          "the applicant's computer clock and why the application came "
                          "late").replace("%1", str(p.get("max_days", "")))
    return text


def _material_label(name: str) -> str:
    return {
        "form.pdf": translate("Review", "the application form"),
        "photo.jpg": translate("Review", "the photo"),
        "evidence": translate("Review", "evidence of some activities"),
        "late_explanation": translate("Review", "the explanation of the late application"),
    }.get(name, name)


def _form_item_label(key: str) -> str:
    return {
        "name": translate("Review", "name"),
        "id_number": translate("Review", "ID number"),
        "uid": translate("Review", "application number"),
        "version": translate("Review", "version"),
        "hours": translate("Review", "total hours"),
    }.get(key, key)
