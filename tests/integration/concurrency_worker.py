"""A reviewer PC in its own process, for the concurrency tests: it opens the office's
database (a SQLite file, or a PostgreSQL database on the tests' server) with the office key,
waits at a barrier until every worker of the test is ready, then decides or imports what it
is told and prints one JSON result per item on stdout.

Run as `python concurrency_worker.py '<json job>'`; the job names the `root` (the office
folder: its bundles and, for SQLite, its database), the server `url` ("" for SQLite), the
barrier folder, the worker's number and how many workers there are, the person signed in
(`actor`, "" for nobody) and the work:
- {"decide": [[application id, row version or null], ...], "outcome": ..., "reasons": ...}
- {"import": [file, ...]}

A server office is opened as each PC of the office opens it (`open_review_workspace` with a
`ReviewServer`). A SQLite office folder admits one swdesk at a time (its folder lock): these
workers open its database directly, as several connections of one swdesk would, without the
opening's sweep of the bundles folder (which only the process holding the folder lock may
do).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 28)
PASSWORD = "correct horse battery"
STAFF_PASSWORD = "a colleague's own passphrase"  # of every staff account the tests add
BARRIER_TIMEOUT_S = 120.0


def open_service(job: dict[str, Any]) -> Any:
    """The reviewer's service of `job`'s office: a server office opened as a PC of the
    office opens it (`open_review_workspace(ReviewServer(url), ...)`, signed in as
    `actor` with STAFF_PASSWORD, else with the office password); a folder's database
    reached directly (see the module's docstring). `job["opened"]`, if given, collects
    the workspaces and databases to close."""
    from swdesk.database.engine import Database
    from swdesk.reviewstore.offices import OfficeStore
    from swdesk.rulepacks import load_pack
    from swdesk.services.review import ReviewServer, ReviewService, open_review_workspace
    from swdesk.services.review.context import DATABASE_NAME, ReviewContext, default_now
    from swdesk.services.review.folder_bundle_store import FolderBundleStore
    from swdesk.signing import decrypt_office_key

    actor = job.get("actor") or None
    opened = job.get("opened", [])
    if job["url"]:
        workspace = open_review_workspace(
            ReviewServer(job["url"]),
            STAFF_PASSWORD if actor else PASSWORD,
            user=actor,
            clock=lambda: TODAY,
        )
        opened.append(workspace)
        return workspace.service
    root = Path(job["root"])
    database = Database.open(root / DATABASE_NAME)
    opened.append(database)
    with database.session() as session:
        stored = OfficeStore(session).get()
    assert stored is not None
    context = ReviewContext(
        database,
        root,
        decrypt_office_key(stored.encrypted_key, PASSWORD),
        load_pack(stored.rule_pack_id),
        lambda: TODAY,
        default_now(lambda: TODAY),
        bundles=FolderBundleStore(root, database),
    )
    if actor:  # signed in as this staff member, with their role
        from sqlalchemy import select

        from swdesk.reviewstore.orm import StaffRow

        with database.session() as session:
            role = session.execute(
                select(StaffRow.role).where(StaffRow.username == actor)
            ).scalar_one()
        context.actor, context.role = actor, role
    return ReviewService(context)


def wait_for_everyone(job: dict[str, Any]) -> None:
    """Say this worker is ready, then wait until all are: they start together."""
    barrier = Path(job["barrier"])
    (barrier / f"ready-{job['worker']}").touch()
    deadline = time.monotonic() + BARRIER_TIMEOUT_S
    while len(list(barrier.glob("ready-*"))) < job["workers"]:
        if time.monotonic() > deadline:
            raise SystemExit("the other workers never became ready")
        time.sleep(0.005)


def main(argv: list[str]) -> int:
    job = json.loads(argv[1])
    service = open_service(job)
    service.queue_count()  # connect before the barrier: the work starts at once after it
    wait_for_everyone(job)
    results: list[dict[str, Any]] = []
    if "decide" in job:
        reasons = [tuple(pair) for pair in job.get("reasons", [])]
        for app_id, version in job["decide"]:
            (result,) = service.decide(
                app_id,
                job["outcome"],
                reasons,
                expected_version=version,
                take_over=bool(job.get("take_over")),
            )
            results.append(
                {"id": result.application_id, "status": result.status, "code": result.code}
            )
    if "import" in job:
        report = service.import_files([Path(p) for p in job["import"]])
        results.extend(
            {"file": Path(e.file).name, "status": e.status, "code": e.code, "id": e.application_id}
            for e in report.entries
        )
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
