"""What happened and what to do, for every `UserFixableError` code (context "Messages"),
and the one sentence for a bug.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from swdesk.domain.errors import UserFixableError

from .fields import field_label
from .values import fill_named

log = logging.getLogger(__name__)

translate = QCoreApplication.translate


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
            "Messages",
            'The file "%(file)s" cannot be read. Check that it exists and that '
            "you may open it, then try again.",
        ),
        "file_too_large": translate(
            "Messages",
            'The file "%(file)s" is larger than %(max_mb)s MB. Scan it at a lower '
            "resolution or split it, then add it again.",
        ),
        "file_empty": translate("Messages", 'The file "%(file)s" is empty.'),
        "file_type_not_allowed": translate(
            "Messages",
            'The file "%(file)s" is not a PDF, JPEG or PNG file. Save or scan the '
            "proof in one of these formats.",
        ),
        "disk_full": translate(
            "Messages",
            "The disk is full. Free some space or choose another place, then try "
            "again. Nothing you entered was lost.",
        ),
        "not_writable": translate(
            "Messages", 'swdesk cannot write to "%(path)s". Choose a folder you may write to.'
        ),
        "wrong_pin": translate("Messages", "The PIN of profile %(profile)s is missing or wrong."),
        "pin_locked_out": translate(
            "Messages", "Too many wrong PINs in a row. Try again in %(seconds)s seconds."
        ),
        "profile_locked": translate(
            "Messages",
            "This profile is protected by a PIN. Open it from the profile list with its PIN first.",
        ),
        "sealed_data_damaged": translate(
            "Messages",
            'The encrypted file "%(file)s" could not be opened: it was changed or '
            "damaged. Restore a backup.",
        ),
        "database_corrupt": translate(
            "Messages",
            'The database "%(path)s" is damaged and was left untouched. Restore a '
            "backup or ask your IT support for help.",
        ),
        "database_missing": translate(
            "Messages",
            'The database "%(path)s" is missing or empty, but this data folder '
            "still holds your saved files. swdesk did not create a new, empty "
            "database over them.",
        ),
        "database_read_only": translate(
            "Messages",
            'The database "%(path)s" cannot be written (the file or its folder is '
            "read-only). Nothing was changed.",
        ),
        "database_unreadable": translate(
            "Messages",
            'The database "%(path)s" cannot be read (no permission, or the disk '
            "reports an error). Nothing was changed.",
        ),
        "database_too_new": translate(
            "Messages",
            'The database "%(path)s" was written by a newer version of swdesk. '
            "Install the newer version; the file was left untouched.",
        ),
        "database_locked": translate(
            "Messages",
            'The database "%(path)s" is locked by another program. Close it and '
            "start swdesk again.",
        ),
        "server_url_invalid": translate(
            "Messages",
            '"%(url)s" is not the address of a database server. Write it as '
            "postgresql://server/database, for example postgresql://192.168.1.20/review.",
        ),
        "server_unreachable": translate(
            "Messages",
            "The database server %(server)s cannot be reached. Check that the server is running "
            "and this computer is on the office network, then try again.",
        ),
        "server_login_failed": translate(
            "Messages",
            "The database server %(server)s refused the user name or password. Check them with "
            "the office's administrator.",
        ),
        "server_password_needed": translate(
            "Messages",
            "The database server %(server)s asks for a password, and none was given.",
        ),
        "server_database_missing": translate(
            "Messages",
            "The database server has no database %(server)s. Check the address, or ask the "
            "administrator to create the database.",
        ),
        "server_disk_full": translate(
            "Messages",
            "The disk of the database server %(server)s is full. Nothing was saved; ask the "
            "administrator to free space.",
        ),
        "server_read_only": translate(
            "Messages",
            "The database %(server)s can only be read (a standby server). Connect to the main "
            "server to make changes.",
        ),
        "server_no_permission": translate(
            "Messages",
            "The database user may not change the database %(server)s. Ask the administrator for "
            "the rights swdesk needs.",
        ),
        "server_driver_missing": translate(
            "Messages",
            "This swdesk cannot reach database servers (its PostgreSQL support is not "
            "installed), so it cannot open %(server)s.",
        ),
        "review_server_not_initialised": translate(
            "Messages",
            "No review office is set up in the database %(server)s yet. Set the office up "
            "there first, or check the address.",
        ),
        "review_server_already_initialised": translate(
            "Messages",
            "A review office is already set up in the database %(server)s. Open it instead.",
        ),
        "migrate_target_not_empty": translate(
            "Messages",
            "The office cannot be moved to %(target)s: it already holds data. Move it to a new, "
            "empty database or folder.",
        ),
        "migrate_source_not_ready": translate(
            "Messages",
            "The office in %(source)s is not ready to be moved. Open it once in this swdesk, "
            "close it, then move it again.",
        ),
        "migrate_check_failed": translate(
            "Messages",
            "The copy of the office did not pass its check (%(reason)s), so nothing was kept at "
            '%(target)s. Check the office with "swdesk review verify", then try again.',
        ),
        "already_running": translate(
            "Messages",
            'swdesk is already open on this data folder ("%(path)s"). Switch to '
            "that window, or close it first.",
        ),
        "rulepack_invalid": translate(
            "Messages",
            'The file with the registration rules of your province ("%(file)s") '
            "is damaged, so swdesk cannot check your hours. Install swdesk again.",
        ),
        "rulepack_unknown": translate(
            "Messages",
            'This version of swdesk has no registration rules for "%(pack)s". '
            "Choose the rules that apply to you in your profile, or install the "
            "newest swdesk.",
        ),
        "bundle_unreadable": translate(
            "Messages",
            'The bundle "%(file)s" cannot be read. Check the USB stick or copy the file again.',
        ),
        "not_a_bundle": translate("Messages", '"%(file)s" is not a swdesk application bundle.'),
        "manifest_invalid": translate(
            "Messages",
            'The bundle "%(file)s" has a damaged list of contents (manifest.json): %(reason)s',
        ),
        "format_unsupported": translate(
            "Messages",
            'The bundle "%(file)s" was made by a newer swdesk. Install the newer '
            "version to open it.",
        ),
        "member_missing": translate(
            "Messages", 'The bundle "%(file)s" is incomplete: "%(member)s" is missing.'
        ),
        "member_unlisted": translate(
            "Messages",
            'The bundle "%(file)s" contains "%(member)s", which its list of '
            "contents does not mention: it was changed after export.",
        ),
        "member_duplicate": translate(
            "Messages", 'The bundle "%(file)s" contains "%(member)s" twice.'
        ),
        "member_unsafe_name": translate(
            "Messages",
            'The bundle "%(file)s" contains a file with an unsafe name '
            '("%(member)s") and was refused.',
        ),
        "member_not_stored": translate(
            "Messages",
            'The bundle "%(file)s" was repacked by another program ("%(member)s" '
            "is compressed, encrypted or a link).",
        ),
        "member_size_mismatch": translate(
            "Messages",
            'In the bundle "%(file)s", "%(member)s" has the wrong size: the file '
            "was changed or damaged.",
        ),
        "member_hash_mismatch": translate(
            "Messages",
            'In the bundle "%(file)s", "%(member)s" was changed or damaged (its '
            "SHA-256 does not match).",
        ),
        "bundle_too_large": translate(
            "Messages", 'The bundle "%(file)s" is larger than swdesk accepts.'
        ),
        "member_wrong_type": translate(
            "Messages",
            'In the bundle "%(file)s", "%(member)s" is not what its name says '
            "(its content is not a %(expected)s file); the bundle was refused.",
        ),
        "pdf_too_complex": translate(
            "Messages",
            'In the bundle "%(file)s", the PDF "%(member)s" would take far '
            "too much memory or time to read (%(reason)s); it was not opened.",
        ),
        "too_many_members": translate(
            "Messages", 'The bundle "%(file)s" contains too many files and was refused.'
        ),
        "application_invalid": translate(
            "Messages", 'The application data in "%(file)s" is not valid: %(reason)s'
        ),
        "content_digest_mismatch": translate(
            "Messages",
            'The bundle "%(file)s" does not match its content digest: it was changed after export.',
        ),
        "bundle_not_canonical": translate(
            "Messages",
            'The bundle "%(file)s" was changed after export (its bytes differ from '
            "what swdesk wrote).",
        ),
        "fix_list_open": translate(
            "Messages", "The application cannot be exported yet: one item of the fix list is open."
        )
        if p.get("count") == 1
        else translate(
            "Messages",
            "The application cannot be exported yet: %(count)s items of the fix list are open.",
        ),
        "file_changed": translate(
            "Messages", 'The file "%(file)s" changed while the bundle was written. Try again.'
        ),
        "bundle_field_invalid": translate(
            "Messages",
            '"%(field_label)s" contains characters an application bundle cannot '
            "hold (such as a tab or a line break). Open it where it was entered "
            "(the profile, the training record or the application's personal "
            "data), save it again, and export again. Nothing was written.",
        ),
        "application_not_discardable": translate(
            "Messages",
            "This application was exported and the office may already have it, so "
            "it cannot be discarded. To withdraw it, tell the office; to change it, "
            "edit it and export the new version.",
        ),
        "photo_not_image": translate(
            "Messages", '"%(file)s" is not a JPEG or PNG photo that can be opened.'
        ),
        "photo_too_small": translate(
            "Messages",
            'The photo "%(file)s" is too small (%(width)s×%(height)s pixels); it '
            "needs at least %(min_width)s×%(min_height)s.",
        ),
        "photo_file_too_large": translate(
            "Messages", 'The photo "%(file)s" is larger than %(max_mb)s MB.'
        ),
        "photo_too_many_pixels": translate(
            "Messages",
            'The photo "%(file)s" has far too many pixels to be a photo; it was not opened.',
        ),
        "validation_failed": translate("Messages", "Some fields need fixing; see the form."),
        "pin_wrong": translate("Messages", "Wrong PIN. Try again."),
        "wrong_password": translate("Messages", "Wrong password. Try again."),
        "user_disabled": translate(
            "Messages",
            'The account "%(user)s" is disabled. Ask the office head to enable a new '
            "account for you.",
        ),
        "head_only": translate(
            "Messages",
            "Only the office head may do this (signing and exporting decisions, "
            "trust lists, retention and staff). You are signed in as %(user)s, a "
            "reviewer.",
        ),
        "office_key_locked": translate(
            "Messages",
            "Your sign-in does not hold the office key, which signing needs. Sign in "
            "with the office password, or ask a head with the key to give you a copy.",
        ),
        "decision_pending": translate(
            "Messages",
            "A decision by %(decided_by)s already awaits the head's signature for this "
            "application. The head signs it or sends it back first.",
        ),
        "nothing_pending": translate(
            "Messages", "No decision awaits a signature for this application."
        ),
        "username_invalid": translate(
            "Messages",
            'User name "%(username)s" is not allowed: use 2 to %(max)s lower-case '
            "letters, digits, dots, dashes or underscores, starting with a letter.",
        ),
        "username_taken": translate(
            "Messages", 'The user name "%(username)s" is already taken: choose another.'
        ),
        "user_unknown": translate("Messages", 'There is no account "%(username)s".'),
        "display_name_invalid": translate(
            "Messages",
            "Name: use at most %(max)s characters, without control characters.",
        ),
        "role_unknown": translate("Messages", 'Unknown role "%(role)s": use head or reviewer.'),
        "last_head": translate(
            "Messages",
            '"%(username)s" is the last active office head and cannot be disabled: '
            "add another head first.",
        ),
        "no_active_head": translate(
            "Messages",
            "This office has no active head. Restore a backup of the reviewer folder.",
        ),
        "key_invalid": translate(
            "Messages", '"%(file)s" is not a valid office key file: %(reason)s'
        ),
        "trust_invalid": translate("Messages", '"%(file)s" is not a valid trust file: %(reason)s'),
        "decision_invalid": translate(
            "Messages", '"%(file)s" is not a valid decision file: %(reason)s'
        ),
        "bad_signature": translate(
            "Messages",
            'The signature of "%(file)s" does not match: the file was altered and was not used.',
        ),
        "untrusted_office": translate(
            "Messages",
            '"%(file)s" was signed by an office that is not in the trusted list. '
            "Import the province's current trust file first.",
        ),
        "wrong_level": translate(
            "Messages",
            '"%(file)s" was signed by an office that may not decide at this review stage.',
        ),
        "trust_list_missing": translate(
            "Messages",
            "No list of trusted review offices has been imported yet. Import the "
            "province's trust file (.swdtrust) first.",
        ),
        "trust_list_outdated": translate(
            "Messages", '"%(file)s" is older than the trust list already imported.'
        ),
        "trust_issuer_changed": translate(
            "Messages",
            '"%(file)s" was issued with a different province key. Check the new '
            "fingerprint with the province by phone before importing it.",
        ),
        "trust_fingerprint_mismatch": translate(
            "Messages",
            'The fingerprint given does not match the one of "%(file)s" '
            "(%(fingerprint)s). Nothing was imported.",
        ),
        "trust_unconfirmed": translate(
            "Messages",
            "The trust list was not confirmed (fingerprint %(fingerprint)s). Nothing was changed.",
        ),
        "profile_unknown": translate(
            "Messages", "There is no profile with the number %(profile)s in this data folder."
        ),
        "wrong_extension": translate(
            "Messages",
            '"%(file)s" does not end in %(expected)s: choose a file name with that extension.',
        ),
        "decision_wrong_application": translate(
            "Messages",
            '"%(file)s" decides on an application that was not exported from this computer.',
        ),
        "decision_wrong_bundle": translate(
            "Messages",
            '"%(file)s" judged a different bundle than the one you exported for this application.',
        ),
        "decision_already_applied": translate(
            "Messages", 'The decision "%(file)s" has already been imported.'
        ),
        "decision_outdated": translate(
            "Messages", '"%(file)s" is older than a decision already imported for this application.'
        ),
        "decision_chain_broken": translate(
            "Messages",
            '"%(file)s" does not fit the office\'s sequence of decisions; it may be '
            "forged. Contact the review office.",
        ),
        "decision_certificate_missing": translate(
            "Messages", "This decision has no electronic registration certificate."
        ),
        "certificate_missing": translate(
            "Messages", "This decision has no electronic registration certificate."
        ),
        "certificate_mismatch": translate(
            "Messages", "The certificate does not match the decision file."
        ),
        "application_unknown": translate("Messages", "This application is not in the queue."),
        "application_locked": translate(
            "Messages", "This application was already approved at this level and is locked."
        ),
        "application_superseded": translate(
            "Messages", "A newer version of this application has arrived; decide on that one."
        ),
        "application_claimed": translate(
            "Messages",
            "%(claimed_by)s is working on this application. Take it over to decide it anyway.",
        ),
        "application_changed": translate(
            "Messages",
            "This application changed since you opened it: reopen it to see what changed.",
        ),
        "wrong_stage": translate(
            "Messages", "This application is not at the stage this office decides."
        ),
        "late_reason_required": translate(
            "Messages", "The application is late: write why it is accepted."
        ),
        "bundle_file_missing": translate(
            "Messages", "The stored copy of this bundle is missing from the reviewer folder."
        ),
        "comment_too_long": translate("Messages", "A comment is too long."),
        "decision_replayed": translate(
            "Messages", '"%(file)s" carries a decision that was already used (replayed).'
        ),
        "forward_decision_mismatch": translate(
            "Messages",
            'In "%(file)s", the first-level decision does not judge the bundle it came with.',
        ),
        "forward_invalid": translate(
            "Messages", '"%(file)s" is not a forward package written by swdesk: %(reason)s'
        ),
        "forward_not_expected": translate(
            "Messages",
            '"%(file)s" is a forward package for the province; this office does '
            "the first review and imports application bundles (.swdapp).",
        ),
        "forward_package_required": translate(
            "Messages",
            '"%(file)s" has no first-level decision: the province imports forward '
            "packages (.swdfwd) from the city or county offices.",
        ),
        "key_mismatch": translate("Messages", "The office key does not match this office."),
        "not_province": translate("Messages", "Only the province office publishes trust files."),
        "office_invalid": translate(
            "Messages", "The office name or region is not valid: %(reason)s"
        ),
        "outcome_unknown": translate("Messages", "Choose approve or reject."),
        "password_missing": translate(
            "Messages", "No password given: use --password-file or SWDESK_REVIEW_PASSWORD."
        ),
        "password_too_short": translate(
            "Messages", "The password is too short: use at least %(min)s characters."
        ),
        "reason_required": translate("Messages", "A rejection needs at least one reason."),
        "reason_unknown": translate("Messages", "Unknown reason code: %(reason)s"),
        "review_already_initialised": translate(
            "Messages", "Reviewer mode is already set up in this data folder."
        ),
        "trust_not_built": translate(
            "Messages", "No trust file has been published or imported by this office yet."
        ),
        "trust_not_ours": translate(
            "Messages",
            '"%(file)s" does not list this office; ask the province for the current trust file.',
        ),
        "trust_outdated": translate(
            "Messages", '"%(file)s" is older than the trust list already in force.'
        ),
        "backup_invalid": translate(
            "Messages",
            '"%(file)s" is not a swdesk backup that can be restored (%(reason)s). '
            "Nothing was changed.",
        ),
        "backup_corrupt": translate(
            "Messages",
            'The backup "%(file)s" is damaged (%(member)s). If it was just '
            "written, the USB stick may be faulty: try another one.",
        ),
        "review_not_initialised": translate(
            "Messages", "Reviewer mode is not set up in this data folder yet."
        ),
        # -- storage problems of output files and the reviewer folder
        "file_exists": translate(
            "Messages", 'A file called "%(file)s" is already there. Choose another name or folder.'
        ),
        "folder_missing": translate(
            "Messages",
            'The folder "%(path)s" no longer exists (was the USB stick '
            "removed?). Choose a folder that exists, then try again.",
        ),
        "review_read_only": translate(
            "Messages",
            'swdesk cannot write to the reviewer folder "%(folder)s" (it is '
            "read-only). Nothing was changed.",
        ),
        "import_failed": translate(
            "Messages",
            '"%(file)s" could not be imported: swdesk met a problem it did not '
            "expect while checking it (written to the log). The other files were "
            "imported or refused on their own.",
        ),
        "review_io_error": translate(
            "Messages",
            'The disk of the reviewer folder "%(folder)s" reported an error. '
            "Check the disk; nothing was changed.",
        ),
        "review_database_damaged": translate(
            "Messages",
            'The reviewer database in "%(folder)s" is damaged and was left '
            "untouched. Restore a backup of the reviewer folder.",
        ),
        "review_database_missing": translate(
            "Messages",
            'The reviewer database in "%(path)s" is missing, although the '
            "folder holds stored applications or backups. Restore a backup of the "
            "reviewer folder; nothing was changed.",
        ),
        "review_data_without_database": translate(
            "Messages",
            '"%(path)s" holds stored applications or backups of an earlier '
            "review office, but no usable database. Restore that database first, "
            "or move the old files aside to set up a new office.",
        ),
    }
    template = sentences.get(error.code)
    if template is None:  # a code without its sentence: a plain message, the code logged
        log.warning("no sentence for the error code %s", error.code)
        return translate(
            "Messages",
            "This could not be done. Nothing was changed; please "
            "try again, and report it if it happens again.",
        )
    return fill_named(template, p)


def bug_text() -> str:
    return translate(
        "Messages",
        "Something unexpected went wrong; it has been written to the log. Your "
        "saved data is safe. Please try again, and report it if it happens again.",
    )
