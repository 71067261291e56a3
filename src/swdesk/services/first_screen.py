"""The first screen before the service layer: one profile's dashboard read with `sqlite3`.

Importing SQLAlchemy's ORM and the services costs more than half a second and ~35 MB,
more than the whole window. A start that opens one profile (`swdesk --profile ID`, or the
last profile) therefore first reads exactly what its dashboard shows through
`storage.quick_read` (plain SQL, read-only, the domain's dataclasses) and computes the
status with the same function the dashboard service uses (`dashboard.dashboard_status`,
the domain's `compute_status`). The window is filled from that; the ordinary opening
(`open_workspace`: restore recovery, migration check, the daily backup, the sweep, the
day of this start) and the services follow once the window is idle, through
`DeferredWorkspace`.

The quick path is taken only when the ordinary opening would have nothing to decide: the
folder's lock is free, no restore was interrupted, the database is healthy, writable and
at the head revision, and the profile exists without a PIN (a protected profile's data is
sealed and the chooser asks for its PIN). Otherwise `read_first_screen` returns None,
having written nothing and released the lock, and the caller opens the folder as always.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from swdesk.domain.application import ApplicationDraft
from swdesk.domain.models import PractitionerRecord
from swdesk.domain.rules import RegistrationStatus
from swdesk.paths import DataLayout
from swdesk.rulepacks import load_pack
from swdesk.storage.instance_lock import InstanceLock, acquire_instance_lock
from swdesk.storage.quick_read import (
    has_decision,
    newest_record_days,
    open_quick,
    profile_protection,
    read_activities,
    read_latest_application,
    read_record,
)

from .clock import china_today, clock_doubt, newest_record_day, read_last_start
from .dashboard import dashboard_status

if TYPE_CHECKING:
    from .activities import ActivityService
    from .applications import ApplicationService
    from .dashboard import DashboardService
    from .decisions import DecisionService
    from .profiles import ProfileService
    from .workspace import Workspace

log = logging.getLogger(__name__)

# services.backup.names.RESTORE_MARKER (that package loads the ORM); a test keeps them equal
RESTORE_MARKER = "restore-in-progress.json"


class _DeferredService:
    """Stands for one service of a `DeferredWorkspace`: the first use of any attribute
    opens the workspace (waiting for an opening already under way) and forwards to it."""

    def __init__(self, owner: DeferredWorkspace, name: str) -> None:
        self._owner = owner
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(getattr(self._owner.load(), self._name), attribute)


class DeferredWorkspace:
    """A data folder whose lock is held and whose opening (`open_workspace`) is due.

    `layout`, `clock` and `read_only` are known at once; the services and every other
    `Workspace` attribute open the folder on first use, on whichever thread asks first
    (others wait). The composition root calls `load()` on a worker once the first screen
    is idle, so a person who acts at once only waits for the rest of that opening; nothing
    they do is lost. `close()` closes the opened workspace or releases the lock."""

    def __init__(self, layout: DataLayout, lock: InstanceLock, clock: Callable[[], date]) -> None:
        self._mutex = threading.Lock()
        self._instance_lock = lock
        self._opened: Workspace | None = None
        self._failure: BaseException | None = None
        self._closed = False
        self.layout = layout
        self.clock = clock
        self.read_only = False
        self.profiles = cast("ProfileService", _DeferredService(self, "profiles"))
        self.activities = cast("ActivityService", _DeferredService(self, "activities"))
        self.dashboard = cast("DashboardService", _DeferredService(self, "dashboard"))
        self.applications = cast("ApplicationService", _DeferredService(self, "applications"))
        self.decisions = cast("DecisionService", _DeferredService(self, "decisions"))

    @property
    def opened(self) -> Workspace | None:
        """The workspace once `load()` has opened it."""
        return self._opened

    def load(self) -> Workspace:
        """Open the folder (once; raises what `open_workspace` raises, every time after a
        failure too: the lock is then released and the caller must open it anew)."""
        with self._mutex:
            if self._opened is not None:
                return self._opened
            if self._failure is not None:
                raise self._failure
            if self._closed:
                raise RuntimeError("the deferred workspace was closed")
            from .workspace import open_workspace

            try:
                self._opened = open_workspace(
                    self.layout.root, self.clock, lock=self._instance_lock
                )
            except BaseException as exc:
                self._failure = exc
                raise
            return self._opened

    def close(self) -> None:
        with self._mutex:
            self._closed = True
            if self._opened is not None:
                self._opened.close()
            elif self._failure is None:
                self._instance_lock.release()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.load(), name)


@dataclass(frozen=True)
class FirstScreen:
    """What the first screen shows of profile `practitioner_id`, read before the services."""

    workspace: DeferredWorkspace
    practitioner_id: int
    record: PractitionerRecord
    status: RegistrationStatus
    latest: ApplicationDraft | None

    @property
    def shown_texts(self) -> tuple[str, ...]:
        """The practitioner's own words the dashboard shows (name, employer, post): what
        decides whether the first paint needs more than the primary CJK font."""
        practitioner = self.record.practitioner
        return (practitioner.name, practitioner.employer, practitioner.post)


def read_first_screen(
    root: Path, practitioner_id: int, clock: Callable[[], date] = china_today
) -> FirstScreen | None:
    """Profile `practitioner_id`'s dashboard data, read quickly (see the module docstring),
    with the folder's lock held by the returned `FirstScreen.workspace`; None when the
    ordinary opening must run (nothing written, the lock released)."""
    layout = DataLayout(root)
    if not layout.database.is_file() or (root / RESTORE_MARKER).exists():
        return None
    try:
        lock = acquire_instance_lock(root)
    except Exception:  # noqa: BLE001 - already running, or no lock file: said by the ordinary path
        return None
    try:
        with closing(open_quick(layout.database)) as connection:
            if profile_protection(connection, practitioner_id) is not False:
                lock.release()
                return None
            record = read_record(connection, practitioner_id)
            activities = read_activities(connection, practitioner_id)
            latest = read_latest_application(connection, practitioner_id)
            decided = (
                latest is not None and latest.id is not None and has_decision(connection, latest.id)
            )
            newest = newest_record_day(newest_record_days(connection))
        today = clock()
        doubt = clock_doubt(today, read_last_start(root), newest)
        status = dashboard_status(
            record,
            activities,
            load_pack(record.practitioner.rulepack_id),
            latest,
            lambda _application_id: decided,
            today,
            doubt.latest_seen if doubt else None,
        )
    except Exception as exc:  # noqa: BLE001 - any surprise: the ordinary path decides
        log.info(
            "first screen read the ordinary way (%s)", getattr(exc, "reason", type(exc).__name__)
        )
        lock.release()
        return None
    except BaseException:
        lock.release()
        raise
    return FirstScreen(
        DeferredWorkspace(layout, lock, clock), practitioner_id, record, status, latest
    )
