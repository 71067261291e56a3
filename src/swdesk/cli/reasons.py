"""One-line English reasons for the error codes the command line prints.

Every refusal of a command is one line on stderr: `error: <code>: <reason>; key=value ...`
(the code for scripts, the reason for the person at the terminal, the details for both).
Codes without a sentence here are said in words taken from the code itself.
"""

from __future__ import annotations

__all__ = ["REASONS", "error_reason"]

REASONS: dict[str, str] = {
    # the command itself
    "interrupted": "stopped with Ctrl+C; nothing of the unfinished step was kept",
    # files and folders
    "file_unreadable": "the file cannot be read (missing, a folder, or no permission)",
    "file_empty": "the file is empty",
    "file_too_large": "the file is too large",
    "file_type_not_allowed": "the file is not a PDF, JPEG or PNG file",
    "file_exists": "a different file of that name is already there",
    "file_changed": "the file changed while it was being read",
    "folder_missing": "the folder does not exist",
    "not_writable": "cannot write there (no permission, read-only medium or not a folder)",
    "disk_full": "the disk is full",
    "wrong_extension": "the file name has the wrong extension",
    "not_a_file": "a folder was given where a file is expected",
    # the practitioner's data folder
    "database_missing": "the data folder holds saved files but no usable database",
    "database_locked": "the database is in use by another program",
    "database_read_only": "the database cannot be written",
    "database_unreadable": "the database cannot be read",
    "database_corrupt": "the database is damaged",
    "database_too_new": "the database was written by a newer swdesk",
    "already_running": "swdesk is already running on this data folder",
    "profile_unknown": "there is no profile with this number (see 'swdesk profile list')",
    "wrong_pin": "the PIN is missing or wrong",
    "pin_locked_out": "too many wrong PINs in a row; try again in a while",
    "photo_not_image": "the photo is not a JPEG or PNG image",
    "photo_too_many_pixels": "the photo has too many pixels",
    "pdf_too_complex": "the PDF is too complex to check",
    # backups
    "backup_invalid": "the file is not a swdesk backup",
    "backup_corrupt": "the backup is damaged",
    # bundles
    "bundle_unreadable": "the bundle cannot be read",
    "bundle_too_large": "the bundle is too large",
    "bundle_file_missing": "the stored bundle of the application is missing",
    # review offices
    "password_missing": "no office password (use --password-file or $SWDESK_REVIEW_PASSWORD)",
    "password_too_short": "the office password is too short",
    "wrong_password": "the password is wrong (or there is no such user)",
    "user_disabled": "this account is disabled",
    "head_only": "only the office head may do this; you are signed in as a reviewer",
    "office_key_locked": "this sign-in does not hold the office key (use the office password)",
    "decision_pending": "a reviewer's decision already awaits the head's signature",
    "nothing_pending": "no decision awaits a signature for this application",
    "username_invalid": "user names are 2-40 lower-case letters, digits, '.', '-' or '_'",
    "username_taken": "that user name is already taken",
    "user_unknown": "there is no such user",
    "display_name_invalid": "the name is too long or holds control characters",
    "role_unknown": "the role is head or reviewer",
    "last_head": "the last active head cannot be disabled",
    "no_active_head": "the office has no active head (restore a backup)",
    "migrate_target_not_empty": "the place to move the office to is not empty",
    "migrate_source_not_ready": "open the office once in this swdesk, close it, then move it",
    "migrate_check_failed": "the copy did not pass its check; nothing was kept",
    "office_check_failed": "the office's audit chain or a stored bundle does not verify",
    "review_not_initialised": "this folder has no review office yet (run 'swdesk review init')",
    "review_already_initialised": "this folder already has a review office",
    "review_database_missing": "the review folder holds saved files but no database",
    "review_data_without_database": "the review folder holds saved files but no database",
    "review_database_damaged": "the review database is damaged",
    "review_read_only": "the review folder cannot be written",
    "review_io_error": "the review folder cannot be read or written",
    "office_invalid": "the office details are not valid",
    "not_province": "only a province office may do this",
    "key_mismatch": "the key file does not belong to this office",
    "application_unknown": "there is no application with this number or uid",
    "application_locked": "the application is already decided at this level",
    "application_superseded": "a newer version of the application has arrived",
    "application_claimed": "someone else is working on this application "
    "(--take-over to do it anyway)",
    "application_changed": "the application changed since it was read: look at it again",
    "wrong_stage": "the application is not at this office's stage",
    "outcome_unknown": "the decision must be approve or reject",
    "reason_required": "a rejection needs at least one reason",
    "reason_unknown": "unknown reason code",
    "comment_too_long": "the comment is too long",
    "late_reason_required": "a late application needs --late-reason",
    "state_unknown": "unknown state",
    "record_certificate_mismatch": "the certificate does not match the record it names "
    "(an application here carries that record, but another file of it)",
    "import_refused": "some files were refused (see the lines above)",
    "import_failed": "importing a file failed",
    "audit_broken": "the audit log's hash chain is broken",
    "forward_package_required": "the province imports forward packages (.swdfwd), not bundles",
    "forward_not_expected": "a first-level office imports bundles, not forward packages",
    "forward_decision_mismatch": "the forward package's decision does not match its bundle",
    # trust and decisions (practitioner side)
    "trust_list_missing": "no trust list has been imported (run 'swdesk trust import')",
    "trust_list_outdated": "this trust list is older than the one in force",
    "trust_outdated": "this trust list is older than the one in force",
    "trust_unconfirmed": "the trust list was not confirmed (give --fingerprint)",
    "trust_fingerprint_mismatch": "the fingerprint does not match the trust list's issuer",
    "trust_issuer_changed": "the trust list is signed by a different province key",
    "trust_invalid": "the trust file is not valid",
    "trust_not_ours": "this trust list does not list this office",
    "trust_not_built": "no trust list has been imported into this office",
    "untrusted_office": "the decision's office is not in the trust list",
    "bad_signature": "the signature does not match",
    "decision_invalid": "the decision file is not valid",
    "decision_already_applied": "this decision has already been applied",
    "decision_outdated": "a later decision has already been applied",
    "decision_replayed": "this decision was already applied",
    "decision_chain_broken": "a decision of this application is missing",
    "decision_wrong_application": "the decision is for another application",
    "decision_wrong_bundle": "the decision is for another version of the bundle",
    "decision_certificate_missing": "the registration certificate is missing",
    "certificate_mismatch": "the certificate does not match the decision",
    "wrong_level": "the decision is not from the expected level",
    # training providers and their attendance records
    "provider_key_invalid": "the file is not a valid training provider key",
    "ce_record_invalid": "the file is not a valid attendance record",
    "ce_record_too_large": "the file is far larger than an attendance record can be",
    "ce_record_wrong_provider": "the attendance record was not signed by the provider it names",
    "ce_record_provider_unknown": "the record's training provider is not on the trust list in "
    "force (import the province's newer list first)",
    "ce_record_other_person": "the attendance record was issued to another person",
    "ce_record_duplicate": "this attendance record was already imported",
    "too_many_files": "the folder holds too many files",
    "provider_exists": "this data folder already has a training provider and its key",
    "provider_not_initialised": "this folder has no training provider yet "
    "(run 'swdesk provider init')",
    "provider_name_invalid": "the provider's name is empty, too long or holds control characters",
    "credit_code_invalid": "the unified social credit code is not valid",
    "course_invalid": "the course details are not valid",
    "roster_invalid": "a row of the roster is not valid; nothing was issued",
    "roster_unreadable": "the roster is not a readable .xlsx workbook",
    "output_not_empty": "the folder for the records already holds files; choose a new folder",
    "internal_error": "an unexpected error",
}


def error_reason(code: str) -> str:
    """The English sentence for `code` (words made of the code when none is known)."""
    return REASONS.get(code) or code.replace("_", " ")
