"""Adding or editing one continuing-education activity, with its evidence files.

Fields are re-checked silently as they change (against the practitioner's rules, without the
database): a fixed field loses its error at once, a field the user has not finished shows
nothing new, and the cursor never moves except to the first field in error on Save. The form
scrolls inside a dialog that fits the screen, Save and Cancel always visible; closing with
unsaved edits asks first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.core.formatting import hours_text
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.domain.errors import FieldIssue, UserFixableError, ValidationFailed
from swdesk.domain.models import Activity
from swdesk.domain.validation import activity_issues, activity_warnings
from swdesk.services.rule_packs import default_pack_id, load_pack

from .date_edits import from_qdate, make_date_edit, to_qdate
from .evidence_files import EvidenceFilesBox
from .feedback import explain_error
from .form_fields import (
    FieldSet,
    FieldWithError,
    close_unless_unsaved,
    fit_to_screen,
    grow_to_content,
    keep_on_screen,
    scroll_preferred_size,
    scrolling_body,
    show_fixed,
)
from .plain_text import plain_label
from .tasks import TaskRunner
from .texts import (
    activity_type_label,
    attestation_text,
    content_area_label,
    error_text,
    issue_text,
)

if TYPE_CHECKING:  # the services load after the first screen
    from swdesk.services.activities import ActivityService


class ActivityDialog(QDialog):
    """Emits `activity_saved(id)` once the activity and its files are stored."""

    activity_saved = Signal(int)

    def __init__(
        self,
        service: ActivityService,
        runner: TaskRunner,
        practitioner_id: int,
        today: date,
        activity: Activity | None = None,
        parent: QWidget | None = None,
        rulepack_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._practitioner_id = practitioner_id
        self._activity = activity
        self._today = today
        self._rulepack_id = rulepack_id or default_pack_id()
        self._form = FieldSet(self)
        self.fields = self._form.fields
        self._touched: set[str] = set()
        self._save_attempted = False
        self._saving = False
        self._file_problem: tuple[str, str] | None = None  # (file name, message) from a save
        self.setObjectName("activityDialog")
        self.setWindowTitle(
            self.tr("Add training") if activity is None else self.tr("Edit training")
        )
        self._build()
        if activity is not None:
            self._load(activity)
        self._connect_checks()
        self._clean = self._snapshot()
        fit_to_screen(self, scroll_preferred_size(self, self.scroll_area))

    def _field(self, key: str, editor: QWidget, accessible: str) -> FieldWithError:
        return self._form.add(key, editor, accessible)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.scroll_area, body = scrolling_body(self, "activityScroll")
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # an activity from a provider's signed record: why its course cannot be edited
        self.record_note = plain_label()
        self.record_note.setObjectName("recordNote")
        self.record_note.setWordWrap(True)
        self.record_note.hide()
        form.addRow(self.record_note)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        form.addRow(self.tr("&Title"), self._field("title", self.title_edit, self.tr("Title")))
        self.organiser_edit = QLineEdit()
        self.organiser_edit.setMaxLength(200)
        form.addRow(
            self.tr("&Organiser"),
            self._field("organiser", self.organiser_edit, self.tr("Organiser")),
        )
        self.type_combo = QComboBox()
        for kind in ActivityType:
            self.type_combo.addItem(activity_type_label(kind), kind.value)
        form.addRow(
            self.tr("T&ype"), self._field("activity_type", self.type_combo, self.tr("Type"))
        )
        self.area_combo = QComboBox()
        for area in ContentArea:
            self.area_combo.addItem(content_area_label(area), area.value)
        form.addRow(
            self.tr("Content &area"),
            self._field("content_area", self.area_combo, self.tr("Content area")),
        )
        self.start_edit = make_date_edit(self)
        self.start_edit.setDate(to_qdate(self._today))
        self.start_edit.dateChanged.connect(self._on_start_changed)
        form.addRow(
            self.tr("&Start date"),
            self._field("start_date", self.start_edit, self.tr("Start date")),
        )
        self.end_edit = make_date_edit(self)
        self.end_edit.setDate(to_qdate(self._today))
        form.addRow(
            self.tr("&End date"), self._field("end_date", self.end_edit, self.tr("End date"))
        )
        self.hours_edit = QLineEdit()
        self.hours_edit.setMaxLength(6)
        self.hours_edit.setPlaceholderText(self.tr("e.g. 8 or 7.5"))
        form.addRow(self.tr("&Hours"), self._field("hours", self.hours_edit, self.tr("Hours")))
        # what the office may question on a rule the pack only assumes: never blocks saving
        self.hours_note = plain_label()
        self.hours_note.setObjectName("hoursNote")
        self.hours_note.setWordWrap(True)
        self.hours_note.hide()
        form.addRow("", self.hours_note)
        self.learnt_edit = QPlainTextEdit()
        self.learnt_edit.setTabChangesFocus(True)
        self.learnt_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        form.addRow(
            self.tr("What I &learnt"),
            self._field("reflection_learnt", self.learnt_edit, self.tr("What I learnt")),
        )
        self.change_edit = QPlainTextEdit()
        self.change_edit.setTabChangesFocus(True)
        self.change_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        form.addRow(
            self.tr("What it &changes in my practice"),
            self._field(
                "reflection_change", self.change_edit, self.tr("What it changes in my practice")
            ),
        )
        kept = list(self._activity.evidence) if self._activity else []
        self.evidence_box = EvidenceFilesBox(kept, self._service.evidence_path)
        self.evidence_box.files_added.connect(self._on_evidence_box_files_added)
        self.evidence_box.file_removed.connect(self._recheck)
        form.addRow(
            self.tr("Evidence"),
            self._field("evidence", self.evidence_box, self.tr("Evidence files")),
        )
        layout.addWidget(self.scroll_area, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("activityButtons")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _load(self, activity: Activity) -> None:
        self.title_edit.setText(activity.title)
        self.organiser_edit.setText(activity.organiser)
        self.type_combo.setCurrentIndex(self.type_combo.findData(activity.activity_type.value))
        self.area_combo.setCurrentIndex(self.area_combo.findData(activity.content_area.value))
        self.start_edit.setDate(to_qdate(activity.start_date))
        self.end_edit.setDate(to_qdate(activity.end_date))
        self.hours_edit.setText(hours_text(activity.hours))
        self.learnt_edit.setPlainText(activity.reflection_learnt)
        self.change_edit.setPlainText(activity.reflection_change)
        if activity.attestation is not None:  # a provider's signed record: course locked
            self.record_note.setText(attestation_text(activity))
            self.record_note.show()
            show_fixed(
                [self.title_edit, self.organiser_edit, self.hours_edit],
                [self.type_combo, self.area_combo, self.start_edit, self.end_edit],
            )

    def _on_start_changed(self, value: QDate) -> None:
        if self.end_edit.date() < value:
            self.end_edit.setDate(value)

    # -- checking while editing ---------------------------------------------------------------
    def _connect_checks(self) -> None:
        for key, edit in (
            ("title", self.title_edit),
            ("organiser", self.organiser_edit),
            ("hours", self.hours_edit),
        ):
            edit.textEdited.connect(lambda _t, k=key: self._recheck(typing=k))
            edit.editingFinished.connect(lambda k=key: self._on_field_left(k))
        for key, plain in (
            ("reflection_learnt", self.learnt_edit),
            ("reflection_change", self.change_edit),
        ):
            plain.textChanged.connect(lambda k=key: self._recheck(typing=k))
        for key, signal in (
            ("activity_type", self.type_combo.currentIndexChanged),
            ("content_area", self.area_combo.currentIndexChanged),
            ("start_date", self.start_edit.dateChanged),
            ("end_date", self.end_edit.dateChanged),
        ):
            signal.connect(lambda *_a, k=key: self._on_field_left(k))

    def _live_issues(self) -> list[FieldIssue]:
        """The issues of the form as it stands, from the domain's rules (no database)."""
        activity, issues = self.activity()
        assert activity is not None
        try:
            pack = load_pack(self._rulepack_id)
        except UserFixableError:
            return issues
        found = activity_issues(activity, pack, self._today)
        if issues:  # the hours text is unusable: its own message, not the stand-in's
            found = [i for i in found if i.field != "hours"]
        return issues + found

    def _recheck(self, typing: str | None = None) -> None:
        reveal = set(self.fields) if self._save_attempted else set(self._touched)
        reveal.discard(typing or "")
        self._form.refresh(self._live_issues(), "title", reveal)
        self._show_hours_note()
        self._show_file_problem()
        grow_to_content(self, self.scroll_area)

    def _show_hours_note(self) -> None:
        """A note under the hours when they exceed a per-day figure the rule pack marks as an
        assumption: the record is still saved (`activity_warnings`)."""
        activity, issues = self.activity()
        notes: list[FieldIssue] = []
        if activity is not None and not issues:
            try:
                notes = activity_warnings(activity, load_pack(self._rulepack_id))
            except UserFixableError:
                notes = []
        self.hours_note.setText("\n".join(issue_text(n, with_field=True) for n in notes))
        self.hours_note.setVisible(bool(notes))

    def _show_file_problem(self) -> None:
        """A file refused at the last save keeps its message while it is still listed."""
        if self._file_problem is None:
            return
        name, text = self._file_problem
        if not any(path.name == name for path in self.evidence_box.new_files):
            self._file_problem = None
            return
        field = self.fields["evidence"]
        field.error_label.setText(text)
        field.error_label.show()

    def _on_field_left(self, key: str) -> None:
        self._touched.add(key)
        self._recheck()

    def _on_evidence_box_files_added(self) -> None:
        self.fields["evidence"].clear()
        self._recheck()

    def _hours(self) -> tuple[Decimal | None, list[FieldIssue]]:
        text = self.hours_edit.text().strip().replace("，", ".").replace(",", ".")
        if not text:
            return None, [FieldIssue("hours", "required")]
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None, [FieldIssue("hours", "hours_not_number")]
        if not value.is_finite():
            return None, [FieldIssue("hours", "hours_not_number")]
        return value, []

    def activity(self) -> tuple[Activity | None, list[FieldIssue]]:
        hours, issues = self._hours()
        activity = Activity(
            title=self.title_edit.text().strip(),
            organiser=self.organiser_edit.text().strip(),
            activity_type=ActivityType(self.type_combo.currentData()),
            content_area=ContentArea(self.area_combo.currentData()),
            start_date=from_qdate(self.start_edit.date()),
            end_date=from_qdate(self.end_edit.date()),
            hours=hours if hours is not None else Decimal(1),
            reflection_learnt=self.learnt_edit.toPlainText().strip(),
            reflection_change=self.change_edit.toPlainText().strip(),
            evidence=self.evidence_box.kept,
            id=self._activity.id if self._activity else None,
            practitioner_id=self._practitioner_id,
            attestation=self._activity.attestation if self._activity else None,
        )
        return activity, issues

    def show_issues(self, issues: list[FieldIssue], focus: bool = False) -> None:
        self._form.show(issues, fallback="title", focus=focus)
        grow_to_content(self, self.scroll_area)

    def _on_buttons_accepted(self) -> None:
        if self._saving:
            return
        self._save_attempted = True
        activity, issues = self.activity()
        assert activity is not None
        if issues:
            # the hours text is unusable; still show the other fields' problems at once
            self.show_issues(self._live_issues(), focus=True)
            return
        files = list(self.evidence_box.new_files)
        self._saving = True
        self.buttons.setEnabled(False)
        self._runner.submit(
            lambda: self._service.save_activity(self._practitioner_id, activity, files),
            self._on_saved,
            self._on_save_failed,
        )

    def _on_saved(self, activity_id: int) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        self.activity_saved.emit(activity_id)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationFailed):
            self.show_issues(error.issues, focus=True)
            return
        if getattr(error, "code", "").startswith("file_"):
            assert isinstance(error, UserFixableError)
            self._file_problem = (str(error.params.get("file", "")), error_text(error))
            self.fields["evidence"].error_label.setText(error_text(error))
            self.fields["evidence"].error_label.show()
        explain_error(self, error, self.tr("The training was not saved"))

    # -- closing -------------------------------------------------------------------------------
    def _snapshot(self) -> tuple[object, ...]:
        return (
            self.title_edit.text(),
            self.organiser_edit.text(),
            self.type_combo.currentIndex(),
            self.area_combo.currentIndex(),
            self.start_edit.date(),
            self.end_edit.date(),
            self.hours_edit.text(),
            self.learnt_edit.toPlainText(),
            self.change_edit.toPlainText(),
            tuple(e.sha256 for e in self.evidence_box.kept),
            self.evidence_box.new_files,
        )

    def has_unsaved_changes(self) -> bool:
        return self._snapshot() != self._clean

    def reject(self) -> None:
        """Esc, the close button and Cancel: close at once without edits, else ask."""
        if self._saving:
            return  # the save in progress decides
        text = (
            self.tr("This training has not been saved. Save it before closing?")
            if self._activity is None
            else self.tr(
                "Your changes to this training have not been saved. Save them before closing?"
            )
        )
        close_unless_unsaved(self, self.has_unsaved_changes(), text, self._on_buttons_accepted)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        keep_on_screen(self)
