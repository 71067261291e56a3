"""The headless self-check (`swdesk --self-check`): proves that an installed or frozen swdesk
has everything it needs, in a temporary data folder that is removed afterwards.

Steps, in order (each a name and a function returning a one-line detail, raising on failure):
resources (rule packs, translations, font, licences, icon), data folder (lock + both schema
migrations of the practitioner database), demo data, application form (PDF rendered with
the embedded Chinese font; its Chinese text extracted again with PDFium and drawn to a
bitmap, which proves pypdfium2's binary is there), bundle (exported and verified with
`swdesk.bundle`), reviewer (an office set up in the reviewer database, its migrations run,
and the bundle imported with every automatic check, from a folder of as many copies as make
the import check them in its worker processes: a frozen swdesk must start copies of itself
that run as workers). No Qt here: the composition root adds its own step for the GUI
libraries.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from swdesk.services.clock import china_today

# Text the demo's first practitioner puts on her form; found again in the PDF's text layer.
FORM_TEXTS = ("张晓梅", "社会工作者")
RESOURCE_FILES = (
    "translations/swdesk_zh_CN.qm",
    "fonts/WenQuanYiMicroHei-GBK.ttf",
    "fonts/HanaMinA-CJK.ttf",
    "fonts/HanaMinB-CJK.ttf",
    "fonts/BabelStoneHan-CJK.ttf",
    "icons/swdesk.svg",
    "icons/swdesk-256.png",
    "licenses/Apache-2.0.txt",
)
REVIEW_PASSWORD = "self-check-password"  # a throw-away office in the temporary folder


@dataclass(frozen=True, slots=True)
class StepResult:
    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        mark = "ok    " if self.ok else "FAILED"
        return f"{mark} {self.name}: {self.detail} ({self.seconds:.2f} s)"


class _Run:
    """State shared by the steps of one self-check."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.workspace: Any = None
        self.draft: Any = None
        self.bundle_path: Path | None = None

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None

    # -- the steps ---------------------------------------------------------------------
    def resources(self) -> str:
        from swdesk.rulepacks import load_pack

        base = resources.files("swdesk.resources")
        missing = [name for name in RESOURCE_FILES if not base.joinpath(name).is_file()]
        if missing:
            raise RuntimeError("missing " + ", ".join(missing))
        packs = [load_pack(pack_id).id for pack_id in ("gansu", "national")]
        return f"rule packs {', '.join(packs)}; font, translations, icon and licences present"

    def data_folder(self) -> str:
        from swdesk.services.workspace import open_workspace

        # the application's own clock: today in the rule pack's zone (proves the zone data)
        self.workspace = open_workspace(self.root / "data", clock=china_today)
        migration = self.workspace.migration
        return f"database created and migrated to revision {migration.to_revision}"

    def demo(self) -> str:
        from swdesk.services.demo import populate_demo

        for _ in populate_demo(self.workspace.profiles, self.workspace.activities, china_today()):
            pass
        count = len(self.workspace.profiles.list_profiles())
        return f"{count} demo practitioners"

    def form(self) -> str:
        import pypdfium2

        service = self.workspace.applications
        first = self.workspace.profiles.list_profiles()[0]
        draft = service.current_draft(first.id)
        self.draft = service.accept_declaration(draft)
        pdf_bytes = service.render_form(self.draft)
        document = pypdfium2.PdfDocument(pdf_bytes)
        try:
            page = document[0]
            text = page.get_textpage().get_text_range()
            bitmap = page.render(scale=0.5).to_pil()
        finally:
            document.close()
        missing = [word for word in FORM_TEXTS if word not in text]
        if missing:
            raise RuntimeError("Chinese text not extractable from the PDF: " + ", ".join(missing))
        if bitmap.getextrema() in (((0, 0),) * 3, ((255, 255),) * 3):
            raise RuntimeError("the PDF page rendered blank")
        return (
            f"{len(pdf_bytes) // 1024} KB PDF, Chinese text extracted, page drawn "
            f"{bitmap.width}×{bitmap.height}"
        )

    def bundle(self) -> str:
        from swdesk.bundle import verify_bundle

        result = self.workspace.applications.export(self.draft, self.root / "self-check.swdapp")
        self.bundle_path = result.path
        verified = verify_bundle(result.path)
        if verified.bundle_id != result.bundle_id:
            raise RuntimeError("the verified bundle is not the one written")
        return f"exported and verified, {len(verified.members)} members"

    def reviewer(self) -> str:
        import multiprocessing

        from swdesk.services.review import init_review_workspace
        from swdesk.services.review.check_pool import POOL_MIN_FILES

        assert self.bundle_path is not None
        inbox = self.root / "inbox"
        inbox.mkdir()
        for index in range(POOL_MIN_FILES):  # the same bundle: one imported, the rest again
            shutil.copyfile(self.bundle_path, inbox / f"copy-{index:02d}.swdapp")
        with init_review_workspace(
            self.root / "data" / "review",
            office_name="自检民政局",
            region="620800",
            level="city",
            rule_pack_id="gansu",
            password=REVIEW_PASSWORD,
        ) as review:
            workers: set[int] = set()

            def note_workers(done: int, total: int, name: str) -> bool:
                workers.update(p.pid for p in multiprocessing.active_children() if p.pid)
                return True

            report = review.service.import_files([inbox], note_workers)
            if not workers:  # a pool that cannot start checks the files in this process
                raise RuntimeError("the import's worker processes did not start")
            for outcome in report.entries:  # a worker that stopped refuses its files
                if outcome.status not in ("imported", "duplicate"):
                    raise RuntimeError(f"bundle {outcome.status}: {outcome.code} {outcome.params}")
            counts = report.counts()
            if counts["imported"] != 1:
                raise RuntimeError(f"{counts['imported']} copies of one bundle imported")
            revision = review.migration.to_revision
        return (
            f"office set up, database at revision {revision}, bundle imported and checked "
            f"({POOL_MIN_FILES} copies by the import's worker processes)"
        )

    def server_driver(self) -> str:
        from swdesk.database.server import driver_version

        version = driver_version()
        if version is None:
            if getattr(sys, "frozen", False):
                raise RuntimeError("the PostgreSQL driver (psycopg) is missing from the build")
            return "not installed (pip install swdesk[postgres] for an office server)"
        return version


def run_self_check(report: Callable[[StepResult], None] | None = None) -> list[StepResult]:
    """Run every step in a temporary folder, stopping at the first failure. `report` is
    called after each step (the command line prints one line each)."""
    results: list[StepResult] = []
    with tempfile.TemporaryDirectory(prefix="swdesk-self-check-") as tmp:
        run = _Run(Path(tmp))
        try:
            for name, step in _steps(run):
                started = time.perf_counter()
                try:
                    detail, ok = step(), True
                except Exception as error:  # the self-check reports every failure as a line
                    detail, ok = _describe(error), False
                result = StepResult(name, ok, detail, time.perf_counter() - started)
                results.append(result)
                if report is not None:
                    report(result)
                if not ok:
                    break
        finally:
            run.close()
    return results


def _steps(run: _Run) -> Iterator[tuple[str, Callable[[], str]]]:
    yield "resources", run.resources
    yield "data folder", run.data_folder
    yield "demo data", run.demo
    yield "application form", run.form
    yield "bundle", run.bundle
    yield "reviewer", run.reviewer
    yield "server driver", run.server_driver


def _describe(error: Exception) -> str:
    code = getattr(error, "code", None)
    params = getattr(error, "params", None)
    if code:
        extra = " ".join(f"{k}={v}" for k, v in sorted((params or {}).items()))
        return f"{type(error).__name__} {code} {extra}".rstrip()
    return f"{type(error).__name__}: {error}"
