"""The continuing-education log: list, add, edit and delete activities with evidence files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from swdesk.domain.counting import Cycle
from swdesk.domain.errors import FieldIssue, ValidationFailed
from swdesk.domain.models import RECORD_FIELDS, Activity, EvidenceFile
from swdesk.domain.normalise import normalise_free_text, normalise_line
from swdesk.domain.validation import activity_issues
from swdesk.storage.database import Database
from swdesk.storage.files import EvidenceStore
from swdesk.storage.repositories import ActivityRepository

from .clock import china_today
from .profiles import ProfileService


class ActivityService:
    def __init__(
        self,
        database: Database,
        evidence: EvidenceStore,
        profiles: ProfileService,
        clock: Callable[[], date] = china_today,
    ) -> None:
        self._db = database
        self._evidence = evidence
        self._profiles = profiles
        self._clock = clock

    def list_activities(self, practitioner_id: int, cycle: Cycle | None = None) -> list[Activity]:
        """Activities newest first; with a cycle, only those ending inside it."""
        with self._db.session() as session:
            repo = ActivityRepository(session)
            if cycle is None:
                return repo.list_for(practitioner_id)
            return repo.list_for(practitioner_id, cycle.start, cycle.end)

    def evidence_path(self, evidence: EvidenceFile) -> Path:
        """A path a viewer can open (a decrypted temporary copy for a protected profile)."""
        return self._evidence.readable_path(evidence.stored_name, evidence.original_name)

    def activity_issues(self, practitioner_id: int, activity: Activity) -> list[FieldIssue]:
        """What is wrong with `activity` under the practitioner's rule pack, by field."""
        record = self._profiles.get_record(practitioner_id)
        return activity_issues(
            activity, self._profiles.pack_for(record.practitioner), self._clock()
        )

    def save_activity(
        self, practitioner_id: int, activity: Activity, new_files: Sequence[Path] = ()
    ) -> int:
        """Validate, copy new evidence files in, then add or update the activity in one
        transaction. Nothing is saved when any part fails. An activity backed by a
        provider's signed record keeps the record's course: a change to one of those fields
        is refused (`ValidationFailed`, code "locked_by_record"); its reflections and
        evidence stay the practitioner's."""
        record = self._profiles.get_record(practitioner_id)
        pack = self._profiles.pack_for(record.practitioner)
        activity = replace(
            activity,
            title=normalise_line(activity.title),  # as checked
            organiser=normalise_line(activity.organiser),
            reflection_learnt=normalise_free_text(activity.reflection_learnt),
            reflection_change=normalise_free_text(activity.reflection_change),
        )
        issues = activity_issues(activity, pack, self._clock())
        if issues:
            raise ValidationFailed(issues)
        imported: list[EvidenceFile] = []
        try:
            for path in new_files:
                imported.append(
                    self._evidence.import_file(path, pack.evidence_max_bytes, owner=practitioner_id)
                )
            known = {e.sha256 for e in activity.evidence}
            merged = list(activity.evidence)
            for item in imported:
                if item.sha256 not in known:
                    merged.append(item)
                    known.add(item.sha256)
            activity = replace(activity, evidence=tuple(merged), practitioner_id=practitioner_id)
            with self._db.session() as session:
                repo = ActivityRepository(session)
                if activity.id is None:
                    new_id = repo.add(practitioner_id, activity)
                else:
                    _check_locked_fields(repo.get(activity.id), activity)
                    repo.update(activity)
                    new_id = activity.id
        except BaseException:
            self._forget_unreferenced([e.stored_name for e in imported])
            raise
        return new_id

    def delete_activity(self, activity_id: int) -> None:
        with self._db.session() as session:
            names = ActivityRepository(session).delete(activity_id)
        self._forget_unreferenced(names)

    def _forget_unreferenced(self, names: list[str]) -> None:
        if not names:
            return
        with self._db.session() as session:
            still_used = ActivityRepository(session).referenced_names(names)
        self._evidence.remove_unreferenced([n for n in names if n not in still_used])


def _check_locked_fields(stored: Activity, edited: Activity) -> None:
    """Refuse an edit of a field the stored activity's signed record fixes."""
    if stored.attestation is None:
        return
    issues = [
        FieldIssue(name, "locked_by_record", {"provider": stored.attestation.provider_name})
        for name in RECORD_FIELDS
        if getattr(stored, name) != getattr(edited, name)
    ]
    if issues:
        raise ValidationFailed(issues)
