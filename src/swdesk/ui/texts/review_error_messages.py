"""What happened and what to do, for the error codes of a reviewer office (context
"Messages", like every error sentence): its folder or server, the people signed in, trust
lists, decisions, moving and retention. `error_messages.error_text` looks them up with the
rest.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def review_sentences() -> dict[str, str]:
    """Code → sentence template (named placeholders, filled by `error_text`)."""
    return {
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
        "user_unknown": translate("Messages", 'There is no account "%(username)s".'),
        "key_invalid": translate(
            "Messages", '"%(file)s" is not a valid office key file: %(reason)s'
        ),
        "trust_invalid": translate("Messages", '"%(file)s" is not a valid trust file: %(reason)s'),
        "provider_key_invalid": translate(
            "Messages", '"%(file)s" is not a valid training provider key file: %(reason)s'
        ),
        "ce_record_invalid": translate(
            "Messages",
            '"%(file)s" is not a valid attendance record: %(reason)s. Ask the training '
            "provider for the file again.",
        ),
        "ce_record_too_large": translate(
            "Messages",
            '"%(file)s" is far larger than an attendance record can be, so it was not read.',
        ),
        "provider_exists": translate(
            "Messages",
            "This data folder already has a training provider with its signing key. "
            "Records it signed stay valid only with that key, so it is not replaced.",
        ),
        "provider_not_initialised": translate(
            "Messages", "This data folder has no training provider yet. Set one up first."
        ),
        "provider_name_invalid": translate(
            "Messages",
            "The provider's name is empty, longer than %(max)s characters or holds "
            "invisible characters.",
        ),
        "credit_code_invalid": translate(
            "Messages",
            "The unified social credit code is not valid (%(reason)s). Copy it from the "
            "organisation's business licence.",
        ),
        "course_invalid": translate(
            "Messages", "The course details are not valid (%(field)s: %(reason)s)."
        ),
        "roster_invalid": translate(
            "Messages",
            'Row %(row)s of the roster "%(file)s" is not valid (%(field)s: %(reason)s). '
            "No record was issued; correct the row and issue again.",
        ),
        "roster_unreadable": translate(
            "Messages",
            'The roster "%(file)s" cannot be read as an Excel workbook (.xlsx): %(reason)s.',
        ),
        "output_not_empty": translate(
            "Messages",
            'The folder "%(path)s" already holds files. Choose a new or empty folder for '
            "the records.",
        ),
        "ce_record_wrong_provider": translate(
            "Messages",
            '"%(file)s" was not signed by the training provider it names. It was not used.',
        ),
        "decision_invalid": translate(
            "Messages", '"%(file)s" is not a valid decision file: %(reason)s'
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
        "application_locked": translate(
            "Messages", "This application was already approved at this level and is locked."
        ),
        "application_claimed": translate(
            "Messages",
            "%(claimed_by)s is working on this application. Take it over to decide it anyway.",
        ),
        "application_changed": translate(
            "Messages",
            "This application changed since you opened it: reopen it to see what changed.",
        ),
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
        "office_invalid": translate(
            "Messages", "The office name or region is not valid: %(reason)s"
        ),
        "password_missing": translate(
            "Messages", "No password given: use --password-file or SWDESK_REVIEW_PASSWORD."
        ),
        "password_too_short": translate(
            "Messages", "The password is too short: use at least %(min)s characters."
        ),
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
        "review_not_initialised": translate(
            "Messages", "Reviewer mode is not set up in this data folder yet."
        ),
        "review_read_only": translate(
            "Messages",
            'swdesk cannot write to the reviewer folder "%(folder)s" (it is '
            "read-only). Nothing was changed.",
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
