"""The dashboard: countdown to expiry, state, hours against the requirement, the next action,
the catch-up plan and the coming dates. Each requirement carries its "依据" line (the rule
pack's citation: document, article, date, where published), so a practitioner can show the
office the same text; a banner warns when the computer's date is before a day already seen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.application import ApplicationDraft, ApplicationState
from swdesk.domain.enums import RegistrationState
from swdesk.domain.identity import mask_id_number
from swdesk.domain.models import PractitionerRecord
from swdesk.domain.rules import RegistrationStatus

from .plain_text import plain_label
from .texts import (
    basis_text,
    clock_warning_text,
    fill,
    first_registration_text,
    fmt_date,
    fmt_hours,
    key_date_label,
    level_label,
    next_action_text,
    state_label,
)
from .theme import error_color, is_dark

# (light theme, dark theme): each 4.5:1 or more on its theme's window colour (WCAG AA);
# an overdue registration is shown in the theme's error red
_STATE_COLOURS = {
    RegistrationState.NOT_REGISTERED: ("#605e5c", "#b3b0ad"),
    RegistrationState.VALID: ("#107c10", "#6ccb5f"),
    RegistrationState.WINDOW_NOT_OPEN: ("#a33d00", "#f7a35c"),
    RegistrationState.WINDOW_OPEN: ("#0063b1", "#6cb8f6"),
    RegistrationState.AWAITING_SUBMISSION: ("#7a5a00", "#e8b84a"),
    RegistrationState.UNDER_REVIEW: ("#5c2e91", "#c3a6e8"),
}
_OTHER_STATE_COLOURS = ("#605e5c", "#b3b0ad")


def state_colour(state: RegistrationState, palette: QPalette) -> QColor:
    """The colour of the state's name on `palette`'s window."""
    if state is RegistrationState.OVERDUE:
        return error_color(palette)
    light, dark = _STATE_COLOURS.get(state, _OTHER_STATE_COLOURS)
    return QColor(dark if is_dark(palette) else light)


def _basis_label(name: str) -> QLabel:
    label = plain_label()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _set_basis(label: QLabel, citation: object) -> None:
    label.setText(basis_text(citation))
    label.setVisible(citation is not None)


def _scaled_font(base: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(base.pointSizeF(), 9.0) * factor)
    font.setBold(bold)
    return font


class DashboardPage(QWidget):
    export_requested = Signal()
    add_activity_requested = Signal()
    apply_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.status: RegistrationStatus | None = None
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.clock_banner = plain_label()
        self.clock_banner.setObjectName("clockWarning")
        self.clock_banner.setWordWrap(True)
        self.clock_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.clock_banner.setFont(_scaled_font(self.font(), 1.1, bold=True))
        self.clock_banner.hide()
        layout.addWidget(self.clock_banner)
        self.who_label = plain_label()
        self.who_label.setObjectName("dashboardWho")
        self.who_label.setFont(_scaled_font(self.font(), 1.3, bold=True))
        self.detail_label = plain_label()
        self.detail_label.setObjectName("dashboardDetail")
        layout.addWidget(self.who_label)
        layout.addWidget(self.detail_label)

        top = QHBoxLayout()
        countdown_frame = QFrame()
        countdown_frame.setFrameShape(QFrame.Shape.StyledPanel)
        cd_layout = QVBoxLayout(countdown_frame)
        self.countdown_number = plain_label()
        self.countdown_number.setObjectName("countdownNumber")
        self.countdown_number.setFont(_scaled_font(self.font(), 4.0, bold=True))
        self.countdown_number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown_caption = plain_label()
        self.countdown_caption.setObjectName("countdownCaption")
        self.countdown_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label = plain_label()
        self.state_label.setObjectName("stateLabel")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label.setFont(_scaled_font(self.font(), 1.2, bold=True))
        self.first_registration_label = plain_label()
        self.first_registration_label.setObjectName("firstRegistrationDue")
        self.first_registration_label.setWordWrap(True)
        self.first_registration_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.window_basis_label = _basis_label("windowBasis")
        cd_layout.addWidget(self.countdown_number)
        cd_layout.addWidget(self.countdown_caption)
        cd_layout.addWidget(self.state_label)
        cd_layout.addWidget(self.first_registration_label)
        cd_layout.addWidget(self.window_basis_label)
        top.addWidget(countdown_frame, 1)

        hours_frame = QFrame()
        hours_frame.setFrameShape(QFrame.Shape.StyledPanel)
        h_layout = QVBoxLayout(hours_frame)
        title = plain_label(self.tr("Continuing-education hours in this cycle"))
        title.setFont(_scaled_font(self.font(), 1.1, bold=True))
        self.hours_label = plain_label()
        self.hours_label.setObjectName("hoursLabel")
        self.hours_label.setFont(_scaled_font(self.font(), 2.2, bold=True))
        self.progress = QProgressBar()
        self.progress.setObjectName("hoursProgress")
        self.progress.setAccessibleName(self.tr("Hours against the requirement"))
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.verified_label = plain_label()
        self.verified_label.setObjectName("verifiedHours")
        self.verified_label.setWordWrap(True)
        self.cycle_label = plain_label()
        self.cycle_label.setObjectName("cycleLabel")
        self.catch_up_label = plain_label()
        self.catch_up_label.setObjectName("catchUpLabel")
        self.catch_up_label.setWordWrap(True)
        self.hours_basis_label = _basis_label("hoursBasis")
        for w in (
            title,
            self.hours_label,
            self.progress,
            self.verified_label,
            self.cycle_label,
            self.catch_up_label,
            self.hours_basis_label,
        ):
            h_layout.addWidget(w)
        h_layout.addStretch(1)
        top.addWidget(hours_frame, 1)
        layout.addLayout(top)

        self.next_box = QGroupBox(self.tr("What to do next"))
        nb = QVBoxLayout(self.next_box)
        self.next_label = plain_label()
        self.next_label.setObjectName("nextAction")
        self.next_label.setWordWrap(True)
        self.next_label.setFont(_scaled_font(self.font(), 1.2))
        self.next_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        nb.addWidget(self.next_label)
        self.application_label = plain_label()
        self.application_label.setObjectName("applicationState")
        self.application_label.setWordWrap(True)
        nb.addWidget(self.application_label)
        layout.addWidget(self.next_box)

        bottom = QGridLayout()
        self.dates_box = QGroupBox(self.tr("Coming dates"))
        self.dates_form = QFormLayout(self.dates_box)
        bottom.addWidget(self.dates_box, 0, 0)
        actions = QVBoxLayout()
        self.add_button = QPushButton(self.tr("Record a &training…"))
        self.add_button.setObjectName("dashboardAddActivity")
        self.add_button.clicked.connect(self.add_activity_requested)
        self.export_button = QPushButton(self.tr("E&xport reminders to calendar (.ics)…"))
        self.export_button.setObjectName("exportIcs")
        self.export_button.clicked.connect(self.export_requested)
        self.apply_button = QPushButton(self.tr("&Apply for registration…"))
        self.apply_button.setObjectName("dashboardApply")
        self.apply_button.clicked.connect(self.apply_requested)
        actions.addWidget(self.apply_button)
        actions.addWidget(self.add_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        bottom.addLayout(actions, 0, 1)
        bottom.setColumnStretch(0, 2)
        bottom.setColumnStretch(1, 1)
        layout.addLayout(bottom)
        layout.addStretch(1)

    def show_status(self, record: PractitionerRecord, status: RegistrationStatus) -> None:
        self.status = status
        p = record.practitioner
        cert = record.current_certificate
        self.who_label.setText(p.name)
        parts = [mask_id_number(p.id_number)]
        if cert is not None:
            parts.insert(0, level_label(cert.level))
        parts.append(p.employer)
        self.detail_label.setText("  ·  ".join(x for x in parts if x))
        self._show_countdown(status)
        self.state_label.setText(state_label(status.state))
        self._colour_state()
        counted, required = status.counted_hours, status.required_hours
        self.hours_label.setText(
            fill(self.tr("%1 / %2 hours"), fmt_hours(counted), fmt_hours(required))
        )
        self.progress.setValue(int(min(1, status.progress) * 1000))
        self.progress.setFormat(f"{min(100, int(status.progress * 100))} %")
        self.verified_label.setText(
            fill(
                self.tr("Verified by provider signature: %1 hours · self-reported: %2 hours"),
                fmt_hours(status.verified_hours),
                fmt_hours(counted - status.verified_hours),
            )
        )
        self.verified_label.setVisible(counted > 0)
        if status.cycle is not None:
            self.cycle_label.setText(
                fill(
                    self.tr("Cycle %1 – %2"),
                    fmt_date(status.cycle.start),
                    fmt_date(status.cycle.end),
                )
            )
        else:
            self.cycle_label.setText("")
        self.catch_up_label.setText(self._catch_up_text(status))
        self._show_basis(status)
        self.next_label.setText(next_action_text(status))
        while self.dates_form.rowCount():
            self.dates_form.removeRow(0)
        for key_date in status.key_dates:
            days = (key_date.date - status.today).days
            text = fill(
                self.tr("%1 (in 1 day)") if days == 1 else self.tr("%1 (in %n days)", "", days),
                fmt_date(key_date.date),
            )
            self.dates_form.addRow(key_date_label(key_date.code), plain_label(text))
        if not status.key_dates:
            self.dates_form.addRow(plain_label(self.tr("No dates ahead.")))
        self.export_button.setEnabled(bool(status.key_dates))

    def _show_basis(self, status: RegistrationStatus) -> None:
        """The first-registration deadline, the clock banner and the 依据 lines."""
        self.first_registration_label.setText(first_registration_text(status))
        self.first_registration_label.setVisible(status.first_registration_due is not None)
        if status.clock_behind is not None:
            self.clock_banner.setText(clock_warning_text(status.today, status.clock_behind))
        self.clock_banner.setVisible(status.clock_behind is not None)
        window = status.basis.get("window") if status.cycle is not None else None
        first = status.basis.get("first_registration")
        _set_basis(self.window_basis_label, window or first)
        hours = status.basis.get("hours") if status.cycle is not None else None
        lines = [basis_text(hours)] if hours is not None else []
        blocking = status.basis.get("blocking_hours")
        if (
            hours is not None
            and hours.is_assumption
            and blocking is not None
            and not blocking.is_assumption
            and status.blocking_hours < status.required_hours
        ):
            lines.append(
                fill(
                    self.tr("Refused only below %1 hours: %2"),
                    fmt_hours(status.blocking_hours),
                    basis_text(blocking),
                )
            )
        self.hours_basis_label.setText("\n".join(lines))
        self.hours_basis_label.setVisible(bool(lines))

    def show_application(self, application: ApplicationDraft | None) -> None:
        """One line on the latest application: version, state, when exported. An exported
        application is only submitted once the stick and the signed form reach the office;
        swdesk says "under review" only when a decision on it has come back."""
        if application is None:
            self.application_label.setText(self.tr("No application yet."))
            return
        reviewing = self.status is not None and self.status.state is RegistrationState.UNDER_REVIEW
        exported = fmt_date(application.exported_at.date()) if application.exported_at else ""
        if application.state is ApplicationState.EXPORTED and application.exported_at:
            text = (
                self.tr("Application version %1, exported on %2, is under review.")
                if reviewing
                else self.tr("Application version %1 was exported on %2 and is not yet submitted.")
            )
        elif application.state is ApplicationState.REJECTED:
            text = self.tr("Application version %1 was not approved: fix it and apply again.")
        elif application.state is ApplicationState.APPROVED:
            text = self.tr("Application version %1 was approved.")
        else:
            text = self.tr(
                'Application version %1 is a draft: continue it with "Apply for registration".'
            )
        self.application_label.setText(fill(text, application.version, exported))

    def _show_countdown(self, status: RegistrationStatus) -> None:
        if status.state is RegistrationState.NOT_REGISTERED or status.days_to_expiry is None:
            self.countdown_number.setText("—")
            self.countdown_caption.setText(self.tr("not registered yet"))
        elif status.days_to_expiry >= 0:
            days = status.days_to_expiry
            self.countdown_number.setText(str(days))
            self.countdown_caption.setText(
                fill(
                    self.tr("day until the registration expires on %1")
                    if days == 1
                    else self.tr("days until the registration expires on %1"),
                    fmt_date(status.expires_on),
                )
            )
        else:
            days = -status.days_to_expiry
            self.countdown_number.setText(str(days))
            self.countdown_caption.setText(
                fill(
                    self.tr("day since the registration expired on %1")
                    if days == 1
                    else self.tr("days since the registration expired on %1"),
                    fmt_date(status.expires_on),
                )
            )

    def _colour_state(self) -> None:
        """The state's name in its colour for the current theme (set on the label's palette,
        so `changeEvent` can follow a theme change)."""
        if self.status is None:
            return
        wanted = state_colour(self.status.state, QApplication.palette())
        if self.state_label.palette().color(QPalette.ColorRole.WindowText) != wanted:
            palette = QPalette(self.state_label.palette())
            for group in (
                QPalette.ColorGroup.Active,
                QPalette.ColorGroup.Inactive,
                QPalette.ColorGroup.Disabled,
            ):
                palette.setColor(group, QPalette.ColorRole.WindowText, wanted)
            self.state_label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._colour_state()

    def _catch_up_text(self, status: RegistrationStatus) -> str:
        plan = status.catch_up
        if status.hours_needed <= 0:
            return self.tr("The requirement is met.")
        if plan is None:
            return fill(self.tr("%1 hours still needed."), fmt_hours(status.hours_needed))
        months_left2 = plan.months_left
        text = (
            self.tr("Catch-up plan: %1 hours within a month, finished by %2.")
            if plan.months_left == 1
            else self.tr(
                "Catch-up plan: %1 hours a month for %n months, finished by %2.",
                "",
                months_left2,
            )
        )
        return fill(text, fmt_hours(plan.hours_per_month), fmt_date(plan.deadline))
