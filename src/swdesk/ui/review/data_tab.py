"""The data tab of the reviewer's detail window: the applicant, the certificate and
registration, the hours, the dates (declared, received, the review deadline) and the
activities in a table whose long titles wrap, never cut short; each activity marked by what
the check of the providers' signed attendance records found (已核验（provider）, 自报 or
核验失败：reason)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFormLayout,
    QHeaderView,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from swdesk.domain.enums import ActivityType, CertificateLevel, Gender

from ..plain_text import as_plain, plain_label
from ..texts import (
    activity_type_label,
    calendar_unknown_text,
    fill,
    fmt_date,
    gender_label,
    level_label,
    record_status_text,
)

if TYPE_CHECKING:  # the reviewer's services, already loaded by the window that opens this
    from swdesk.services.review import ApplicationDetail


def _gender(code: str) -> str:
    try:
        return gender_label(Gender(code))
    except ValueError:
        return code


def _level(code: str) -> str:
    try:
        return level_label(CertificateLevel(code))
    except ValueError:
        return code


def _activity_type(code: str) -> str:
    try:
        return activity_type_label(ActivityType(code))
    except ValueError:
        return code


class ApplicationDataTab(QScrollArea):
    """What the application of `detail` says, with the `first_level_opinion` (the city's or
    county's decision, in words) when the application was forwarded."""

    def __init__(
        self,
        detail: ApplicationDetail,
        first_level_opinion: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.detail = detail
        self.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        app = self.detail.application
        applicant = app.get("applicant", {})
        fields = [
            (self.tr("Name"), applicant.get("name", "")),
            (self.tr("Gender"), _gender(applicant.get("gender", ""))),
            (self.tr("Date of birth"), applicant.get("birth_date", "")),
            (self.tr("Phone"), applicant.get("phone", "")),
            (self.tr("Employer"), applicant.get("employer", "")),
            (self.tr("Credit code"), applicant.get("employer_credit_code", "") or "—"),
            (self.tr("Post"), applicant.get("post", "")),
            (self.tr("County"), self._county_text(applicant.get("county", ""))),
        ]
        certificate = app.get("certificate") or {}
        registration = app.get("registration") or {}
        hours = app.get("hours", {})
        fields += [
            (
                self.tr("Certificate"),
                f"{_level(certificate.get('level', ''))} {certificate.get('number', '')}",
            ),
            (
                self.tr("Registered"),
                f"{registration.get('valid_from', '—')} – {registration.get('valid_to', '—')}",
            ),
            # 登记证书编号: application.json version 2; absent when the applicant's swdesk
            # did not know it (or was older)
            (self.tr("Registration certificate number"), registration.get("number") or "—"),
            (self.tr("Hours"), f"{hours.get('counted', '')} / {hours.get('required', '')}"),
            (self.tr("Late"), self.tr("yes") if app.get("is_late") else self.tr("no")),
            (self.tr("Late explanation"), app.get("late_explanation", "") or "—"),
        ]
        fields += self._date_fields()
        for label, value in fields:
            text = plain_label(str(value))
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, text)
        headers = [
            self.tr("Activity"),
            self.tr("Organiser"),
            self.tr("Type"),
            self.tr("From"),
            self.tr("To"),
            self.tr("Hours"),
            self.tr("Proofs"),
            self.tr("Verification"),
        ]
        rows = app.get("activities", [])
        activities = QTableWidget(len(rows), len(headers))
        activities.setObjectName("detailActivities")
        activities.setAccessibleName(self.tr("Activities"))
        activities.setHorizontalHeaderLabels(headers)
        activities.verticalHeader().hide()
        activities.setWordWrap(True)  # long titles wrap over lines, never cut short
        activities.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        activities.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        activities.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        activities.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        verdicts = {verdict.activity: verdict for verdict in self.detail.records}
        for row, activity in enumerate(rows):
            texts = [
                activity.get("title", ""),
                activity.get("organiser", ""),
                _activity_type(activity.get("activity_type", "")),
                activity.get("start_date", ""),
                activity.get("end_date", ""),
                activity.get("hours", ""),
                str(len(activity.get("evidence") or [])),
                record_status_text(verdicts.get(row)),
            ]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(as_plain(text))
                activities.setItem(row, column, item)
            verdict = verdicts.get(row)
            if verdict is not None and verdict.status == "failed":
                item.setForeground(Qt.GlobalColor.red)  # the last column's: verification
        header = activities.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(2, len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # organiser, type and verification wrap in these widths
        for column, chars in ((1, 20), (2, 10), (len(headers) - 1, 10)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * chars)
        # row heights follow the column widths once the layout has settled (Qt measures
        # only the columns inside the viewport)
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(activities.resizeRowsToContents)
        header.sectionResized.connect(lambda *_a: self._rows_timer.start())
        activities.resizeRowsToContents()
        self.activities_table = activities
        form.addRow(plain_label(self.tr("Activities")))
        form.addRow(activities)
        if first_level_opinion:
            form.addRow(self.tr("First-level opinion"), plain_label(first_level_opinion))
        self.setWidget(body)

    def _date_fields(self) -> list[tuple[str, str]]:
        """The applicant's declaration date beside the date received (the office judges by
        the latter), and the review deadline with a note when its years' holidays are not
        known."""
        row = self.detail.row
        deadline = fill(
            self.tr("%1 (%2 working days after the date received)"),
            fmt_date(row.deadline_on),
            str(row.deadline_working_days),
        )
        if row.calendar_unknown_years:
            deadline += "\n" + calendar_unknown_text(row.calendar_unknown_years)
        return [
            (self.tr("Declaration date"), fmt_date(self.detail.declared_on)),
            (self.tr("Date received"), fmt_date(row.received_at.date())),
            (self.tr("Review deadline"), deadline),
        ]

    def _county_text(self, code: str) -> str:
        """The county's name from the rule pack (the queue row carries it); the code only
        when the pack does not know it."""
        name = self.detail.row.county_name if code == self.detail.row.county else ""
        if name and name != code:
            return name
        if not code:
            return "—"
        return fill(self.tr("%1 (not a county or district of the applicable rules)"), code)
