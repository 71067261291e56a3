"""What verifying an imported file needs of the reviewer's office (`importer`): where
its copy goes (`CopyPlace`, for `verifying.verify_file`), and the check of a forwarded
first-level decision against the office's trust list, read from its database.

Apart from `verifying`, which needs no database, so that the import's worker processes
(`file_check`) import neither SQLAlchemy nor the review store.
"""

from __future__ import annotations

from pathlib import Path

from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.offices import OfficeStore
from swdesk.reviewstore.vocabulary import DecisionOutcome, ReviewStage
from swdesk.signing import check_decision_trust, read_trust_file

from .context import ReviewContext
from .verifying import CopyPlace, VerifiedFile

__all__ = ["FileVerifier"]


class FileVerifier:
    """What verifying a file needs of the context's office: where its copy goes, and the
    trust list a forwarded first-level decision is checked against."""

    def __init__(self, context: ReviewContext) -> None:
        self.context = context

    @property
    def place(self) -> CopyPlace:
        return CopyPlace(self.context.bundles.scratch_dir, self.context.root)

    def check_first_decision(self, verified: VerifiedFile, path: Path) -> None:
        """The decision forwarded with the bundle: trusted first-level office, an approval
        of exactly this bundle. Called inside the batch's write transaction: reads through
        a read session (a second write session would wait for the batch's own lock)."""
        signed, bundle = verified.first_decision, verified.bundle
        if signed is None:
            return
        with self.context.database.read_session() as session:
            stored = OfficeStore(session).current_trust()
        if stored is None:
            raise UserFixableError("trust_list_missing", file=path.name)
        trust = read_trust_file(stored.raw, file="trust")
        check_decision_trust(signed, trust)
        decision = signed.decision
        app = bundle.application["application"]
        problems = {
            "stage": decision.stage != ReviewStage.FIRST,
            "outcome": decision.outcome != DecisionOutcome.APPROVED,
            "bundle_id": decision.bundle_id != bundle.bundle_id,
            "content_digest": decision.content_digest != bundle.content_digest,
            "application": (decision.application_uid, decision.application_version)
            != (app["uid"], app["version"]),
        }
        wrong = [name for name, bad in problems.items() if bad]
        if wrong:
            raise UserFixableError(
                "forward_decision_mismatch", file=path.name, fields=",".join(wrong)
            )
