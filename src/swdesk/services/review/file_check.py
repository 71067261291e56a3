"""Checking one file for the import without the database: verified (`verifying.verify_file`)
and the automatic checks run (`checks.run_checks`), as one picklable job (`CheckJob`) whose
result (`CheckedFile`) says what was found or why the file is refused.

`check_file` is the entry function of the import's worker processes (`check_pool`): a plain
function of this module, so a process started with "spawn" finds it by name; the importer
calls it in its own process too, for a few files. What needs the database (the trust list
of a forwarded decision, duplicates, replays) is the importer's, in its transaction.

A refusal comes back as a `Refusal` (code and params), never raised: an exception does not
cross a process boundary with its params intact. An exception nobody foresaw is refused as
"import_failed" with its type as the reason, and its traceback travels with it for the
importer to log (never the file's name nor the message: they may hold personal data).
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from swdesk.domain.errors import UserFixableError
from swdesk.domain.rulepack import RulePack
from swdesk.reviewstore.vocabulary import ReviewStage

from .checks import run_checks
from .import_records import first_level_day
from .models import CheckResult, RecordVerdict
from .verifying import CopyPlace, VerifiedFile, verify_file

if TYPE_CHECKING:  # a job names its providers; only a job that has some imports them
    from swdesk.signing import ProviderIdentity

__all__ = ["CheckJob", "CheckedFile", "Refusal", "check_file", "refusal_of"]


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a file is refused: the code and params of its UserFixableError; `where` is the
    traceback of an exception nobody foresaw ("import_failed"), for the log."""

    code: str
    params: dict[str, Any]
    where: str = ""

    def error(self) -> UserFixableError:
        return UserFixableError(self.code, **self.params)


def refusal_of(exc: BaseException) -> Refusal:
    """The refusal for an exception while verifying or checking a file."""
    if isinstance(exc, UserFixableError):
        return Refusal(exc.code, dict(exc.params))
    where = "".join(traceback.format_tb(exc.__traceback__))
    return Refusal("import_failed", {"reason": type(exc).__name__}, where)


@dataclass(frozen=True, slots=True)
class CheckJob:
    """One file to verify and check for an office (`stage`, `place`, `pack`) as on the
    day `received_on`; `declaration_max_days` and `providers` (the training providers of the
    office's trust list) as in `run_checks`."""

    path: Path
    stage: ReviewStage
    place: CopyPlace
    pack: RulePack
    received_on: date
    declaration_max_days: int
    providers: tuple[ProviderIdentity, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """What checking one file found: the verified copy (None when verification refused
    it: `refused`), the checks' results (None when they refused it: `checks_refused`) and
    the verdict on each attendance record. The copy is the importer's to store or delete."""

    path: Path
    verified: VerifiedFile | None = None
    refused: Refusal | None = None
    checks: list[CheckResult] = field(default_factory=list)
    checks_refused: Refusal | None = None
    records: tuple[RecordVerdict, ...] = ()


def check_file(job: CheckJob) -> CheckedFile:
    """Verify the file of `job` and run the automatic checks on it (see the module)."""
    path = job.path
    try:
        verified = verify_file(path, job.stage, job.place)
    except Exception as exc:  # noqa: BLE001 - one file's failure is that file's verdict
        return CheckedFile(path, refused=refusal_of(exc))
    bundle = verified.bundle
    try:
        run = run_checks(
            bundle.application,
            {entry.name for entry in bundle.members},
            bundle.read_member,
            job.pack,
            received_on=job.received_on,
            file=path.name,
            declaration_max_days=job.declaration_max_days,
            first_level_decided_on=first_level_day(verified.first_decision),
            providers=job.providers,
        )
    except Exception as exc:  # noqa: BLE001 - the importer decides when it counts
        return CheckedFile(path, _light(verified), checks_refused=refusal_of(exc))
    return CheckedFile(path, _light(verified), checks=run.results, records=run.records)


def _light(verified: VerifiedFile) -> VerifiedFile:
    """Without the member bytes kept for the checks: the importer needs none of them."""
    return replace(verified, bundle=verified.bundle.without_kept_bytes())
