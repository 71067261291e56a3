"""The evidence tab of the reviewer's detail window: the proofs grouped by the activity they
prove (title, dates, hours), then the other materials under the names the applicant gave
them, each with its type, size and SHA-256; the selected file shown beside the list (a PDF
checked against the document limits before PDFium renders it, or an image)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from swdesk.domain.errors import UserFixableError
from swdesk.services.errors import PdfTooComplex

from ..feedback import explain_error
from ..pdf_preview import PdfPreview, render_pages
from ..plain_text import as_plain, plain_label
from ..texts import fill

if TYPE_CHECKING:  # the reviewer's services, already loaded by the window that opens this
    from swdesk.services.review import ApplicationDetail, MemberInfo, ReviewService


def size_text(size: int) -> str:
    """A file size for people: "669 B", "12.5 KB", "3.2 MB" (1 KB = 1024 bytes)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def scrolling(label: QLabel) -> QScrollArea:
    """`label` in a scroll area: a large picture scrolls instead of growing the window."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
    scroll.setWidget(label)
    return scroll


class EvidenceTab(QSplitter):
    """The evidence of application `app_id` (`detail`; each file read from `service` when
    selected): the tree on the left, the viewer on the right."""

    def __init__(
        self,
        service: ReviewService,
        app_id: int,
        detail: ApplicationDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.app_id = app_id
        self.detail = detail
        self.evidence_list = QTreeWidget()
        self.evidence_list.setObjectName("evidenceMembers")
        self.evidence_list.setAccessibleName(self.tr("Evidence by activity"))
        self.evidence_list.setHeaderLabels(
            [self.tr("Activity / file"), self.tr("Type"), self.tr("Size"), "SHA-256"]
        )
        self.evidence_list.setWordWrap(True)
        self.evidence_list.setUniformRowHeights(False)
        self._fill_evidence()
        self.evidence_list.expandAll()
        header = self.evidence_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, self.fontMetrics().averageCharWidth() * 32)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(3, self.fontMetrics().averageCharWidth() * 20)
        self.evidence_list.currentItemChanged.connect(self._on_evidence_current_changed)
        self.evidence_view = PdfPreview()
        self.evidence_image = plain_label()
        self.evidence_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        viewer = QTabWidget()
        viewer.addTab(self.evidence_view, "PDF")
        viewer.addTab(scrolling(self.evidence_image), self.tr("Image"))
        self.evidence_viewer = viewer
        self.addWidget(self.evidence_list)
        self.addWidget(viewer)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)

    def _media_text(self, media_type: str) -> str:
        return {
            "application/pdf": self.tr("PDF document"),
            "image/jpeg": self.tr("JPEG image"),
            "image/png": self.tr("PNG image"),
        }.get(media_type, media_type)

    def _member_item(self, member: MemberInfo, label: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [label, self._media_text(member.media_type), size_text(member.size), member.sha256]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, member)
        item.setToolTip(0, fill(self.tr("Stored in the bundle as %1"), member.name))
        item.setToolTip(3, member.sha256)
        return item

    def _fill_evidence(self) -> None:
        """One group per activity (title, dates, hours) holding its proofs, then the other
        materials under the names the applicant gave them."""
        app = self.detail.application
        members = {m.name: m for m in self.detail.members}
        listed: set[str] = set()
        for number, activity in enumerate(app.get("activities", []), start=1):
            names = [n for n in activity.get("evidence") or [] if n in members]
            group = QTreeWidgetItem(
                [
                    fill(
                        self.tr("%1. %2\n%3 – %4 · %5 hours"),
                        str(number),
                        activity.get("title", ""),
                        activity.get("start_date", ""),
                        activity.get("end_date", ""),
                        activity.get("hours", ""),
                    )
                ]
            )
            group.setFirstColumnSpanned(True)
            group.setToolTip(0, as_plain(group.text(0)))
            for index, name in enumerate(names, start=1):
                group.addChild(
                    self._member_item(
                        members[name], fill(self.tr("Proof %1 of %2"), str(index), str(len(names)))
                    )
                )
                listed.add(name)
            if not names:
                group.addChild(QTreeWidgetItem([self.tr("No proof attached")]))
            self.evidence_list.addTopLevelItem(group)
        originals = {
            m.get("member"): m.get("original_name", "")
            for m in app.get("materials", [])
            if isinstance(m, dict)
        }
        others = [
            m
            for m in self.detail.members
            if m.role in ("evidence", "material", "signed_form") and m.name not in listed
        ]
        if others:
            group = QTreeWidgetItem([self.tr("Other materials")])
            group.setFirstColumnSpanned(True)
            for member in others:
                label = originals.get(member.name) or (
                    self.tr("Signed application form")
                    if member.role == "signed_form"
                    else self.tr("Proof not linked to an activity")
                    if member.role == "evidence"
                    else member.name
                )
                group.addChild(self._member_item(member, label))
            self.evidence_list.addTopLevelItem(group)

    def _on_evidence_current_changed(
        self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        if item is None:
            return
        member: MemberInfo | None = item.data(0, Qt.ItemDataRole.UserRole)
        if member is None:  # an activity's heading, not a file
            return
        try:
            data = self._service.member_bytes(self.app_id, member.name)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The file could not be shown"))
            return
        if member.media_type == "application/pdf":
            try:
                pages = render_pages(data, 60)
            except PdfTooComplex as error:
                explain_error(
                    self,
                    UserFixableError(
                        "pdf_too_complex",
                        member=member.name,
                        file=self.detail.original_name or self.detail.bundle_id[:16],
                        reason=str(error),
                    ),
                    self.tr("The file could not be shown"),
                )
                return
            self.evidence_view.show_pages(pages)
            self.evidence_viewer.setCurrentIndex(0)
        else:
            image = QImage.fromData(data)
            if not image.isNull():
                self.evidence_image.setPixmap(
                    QPixmap.fromImage(image).scaled(900, 900, Qt.AspectRatioMode.KeepAspectRatio)
                )
            self.evidence_viewer.setCurrentIndex(1)
