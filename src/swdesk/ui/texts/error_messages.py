"""What happened and what to do, for every `UserFixableError` code (context "Messages"),
and the one sentence for a bug. The reviewer office's sentences (its folder or server,
people, trust, decisions) are in `review_error_messages`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from swdesk.domain.errors import UserFixableError

from .fields import field_label
from .review_error_messages import review_sentences
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
        **review_sentences(),
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
        "ce_record_provider_unknown": translate(
            "Messages",
            '"%(file)s" was issued by %(provider)s, a training provider the province\'s '
            "trust list in force does not name, so its signature cannot be checked. Import "
            "the province's newer trust list (Records menu), then import the record again.",
        ),
        "ce_record_other_person": translate(
            "Messages",
            '"%(file)s" was issued to another person (%(name)s), not to the holder of this '
            "profile's ID number. It was not added.",
        ),
        "ce_record_duplicate": translate(
            "Messages",
            'The attendance record "%(file)s" (%(title)s) is already in the training log; '
            "it was not added again.",
        ),
        "too_many_files": translate(
            "Messages",
            'The folder "%(file)s" holds %(count)s files; choose at most %(max)s at a time.',
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
        "profile_unknown": translate(
            "Messages", "There is no profile with the number %(profile)s in this data folder."
        ),
        "wrong_extension": translate(
            "Messages",
            '"%(file)s" does not end in %(expected)s: choose a file name with that extension.',
        ),
        "certificate_missing": translate(
            "Messages", "This decision has no electronic registration certificate."
        ),
        "certificate_mismatch": translate(
            "Messages", "The certificate does not match the decision file."
        ),
        "application_unknown": translate("Messages", "This application is not in the queue."),
        "application_superseded": translate(
            "Messages", "A newer version of this application has arrived; decide on that one."
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
        "not_province": translate("Messages", "Only the province office publishes trust files."),
        "outcome_unknown": translate("Messages", "Choose approve or reject."),
        "reason_required": translate("Messages", "A rejection needs at least one reason."),
        "reason_unknown": translate("Messages", "Unknown reason code: %(reason)s"),
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
        # -- storage problems of output files
        "file_exists": translate(
            "Messages", 'A file called "%(file)s" is already there. Choose another name or folder.'
        ),
        "folder_missing": translate(
            "Messages",
            'The folder "%(path)s" no longer exists (was the USB stick '
            "removed?). Choose a folder that exists, then try again.",
        ),
        "import_failed": translate(
            "Messages",
            '"%(file)s" could not be imported: swdesk met a problem it did not '
            "expect while checking it (written to the log). The other files were "
            "imported or refused on their own.",
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
