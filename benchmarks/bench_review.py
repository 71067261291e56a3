"""Reviewer mode: importing many bundles (against sha256sum) and the 100,000-row queue.

The N bundles are one real exported application re-written N times with a new uid, each
with its form printed again under that number, as every real bundle's is: each is distinct
and valid, and the reviewer's checks find what they look for (a form naming another
application would make them read every page to report it).
"""

from __future__ import annotations

import json
import time
import uuid
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from common import Figure, Goal, child_env, median, python_child, sha256sum_ms

PASSWORD = "benchmark password"
CHOOSING_SECONDS = 1.0  # a reviewer choosing the folder to import, before it is timed
OFFICE = {
    "office_name": "平凉市民政局",
    "region": "620800",
    "level": "city",
    "rule_pack_id": "gansu",
    "password": PASSWORD,
}


def one_real_bundle(tmp: Path) -> Path:
    """A demo practitioner's application, exported by the practitioner side."""
    return real_bundle_and_form(tmp)[0]


def real_bundle_and_form(tmp: Path) -> tuple[Path, Any]:
    """`one_real_bundle` and the data its form was printed from (ApplicationFormData), so
    that copies under other application numbers can print their own forms."""
    from swdesk.services.demo import populate_demo
    from swdesk.services.workspace import open_workspace

    today = date.today()
    ws = open_workspace(tmp / "practitioner", clock=lambda: today)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, today):
            pass
        pid = min(p.id for p in ws.profiles.list_profiles())
        draft = replace(ws.applications.current_draft(pid), declaration_accepted=True)
        bundle = ws.applications.export(draft, tmp / "real.swdapp").path
        saved = ws.applications.current_draft(pid)
        _plan, form = ws.applications.plan(saved, ws.applications.context(pid))
        return bundle, form
    finally:
        ws.close()


def many_bundles(source: Path, folder: Path, count: int, form: Any = None) -> list[Path]:
    """`count` copies of the bundle `source`, each under its own application number. With
    `form` (from `real_bundle_and_form`), each copy's form is printed with its own number,
    as every real bundle's is: a reviewer's checks then find all they look for, instead of
    reading every page to report a form that names another application."""
    from swdesk.bundle import BundleMember, write_bundle
    from swdesk.pdf import render_application_form

    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = {m["name"]: archive.read(m["name"]) for m in manifest["members"]}
    application = json.loads(data["application.json"])
    folder.mkdir()
    paths = []
    for index in range(count):
        uid = str(uuid.UUID(int=index + 1, version=4))
        application["application"]["uid"] = uid
        own = dict(data)
        own["application.json"] = json.dumps(application, ensure_ascii=False).encode()
        if form is not None:
            own["form.pdf"] = render_application_form(replace(form, application_uid=uid))
        members = [
            BundleMember(m["name"], m["role"], m["media_type"], data=own[m["name"]])
            for m in manifest["members"]
        ]
        paths.append(
            write_bundle(
                folder / f"b{index:05d}.swdapp",
                members,
                created_at=datetime.now().replace(microsecond=0),
                generator="swdesk benchmark",
            ).path
        )
    return paths


def import_bundles(tmp: Path, runs: int, count: int) -> list[Figure]:
    """Per bundle: verify_bundle alone, and the whole import into a fresh reviewer folder
    (copy, verify, checks, store, audit); sha256sum over the same files, same run."""
    from swdesk.bundle import verify_bundle
    from swdesk.services.review import init_review_workspace

    source, form = real_bundle_and_form(tmp)
    paths = many_bundles(source, tmp / "inbox", count, form)
    size = sum(p.stat().st_size for p in paths) / len(paths) / 1e3
    baselines, verifies, imports = [], [], []
    for run in range(runs):
        base = sha256sum_ms(paths)
        if base is not None:
            baselines.append(base / count)
        start = time.perf_counter()
        for path in paths:
            verify_bundle(path)
        verifies.append((time.perf_counter() - start) * 1000 / count)
        workspace = init_review_workspace(tmp / f"city-{run}" / "review", **OFFICE)
        try:
            # as the reviewer's window does once shown: the workers' fork server (Linux)
            # starts while the reviewer chooses the folder, here a second; it then serves
            # every import of this process, so the later runs find it started anyway
            workspace.service.prepare_import()
            time.sleep(CHOOSING_SECONDS)
            start = time.perf_counter()
            report = workspace.service.import_files([tmp / "inbox"])
            imports.append((time.perf_counter() - start) * 1000 / count)
        finally:
            workspace.close()
        assert report.counts()["imported"] == count, report.counts()
        # Each run's reviewer folder stays until the section's folder goes: deleting its
        # 1,000 bundles right before the next run imports 1,000 would make ext4 search past
        # the inodes deleted moments before for every file it creates (0.06 → 0.7 ms a
        # file measured here), a cost of the benchmark's cleaning, not of an import.
    baseline = median(baselines) if baselines else None
    name = f"sha256sum per file ({count:,} files of {size:.0f} kB)" if baseline else None
    note = "" if baseline else "sha256sum not found: baseline skipped"
    return [
        Figure(
            f"reviewer: verify_bundle, per bundle ({size:.0f} kB)",
            "ms",
            median(verifies),
            runs,
            baseline,
            name,
            [Goal("ratio_max", 3.0)],
            note,
        ),
        Figure(
            f"reviewer: import of {count:,} bundles, per bundle",
            "ms",
            median(imports),
            runs,
            baseline,
            name,
            [Goal("ratio_max", 8.0)],
            note or "copy, verify, automatic checks, store, audit; each bundle all-or-nothing",
        ),
    ]


def queue(tmp: Path, runs: int, rows: int) -> list[Figure]:
    from swdesk.reviewstore.synthetic import fill_queue
    from swdesk.services.review import init_review_workspace

    root = tmp / "queue" / "review"
    workspace = init_review_workspace(root, **OFFICE)
    try:
        fill_queue(workspace.database, rows, seed=1)
        with workspace.database.engine.connect() as connection:
            county = connection.exec_driver_sql(
                "SELECT county FROM applications GROUP BY county ORDER BY count(*) DESC LIMIT 1"
            ).scalar_one()
    finally:
        workspace.close()
    results = [
        python_child("queue_child.py", str(root), PASSWORD, str(runs), county, env=child_env())
        for _ in range(runs)
    ]
    return queue_figures(
        f"reviewer queue, {rows:,} applications",
        results,
        runs,
        county,
        "fresh process, workspace open: count + first page of 200 in the model",
    )


def queue_figures(
    label: str,
    results: list[dict[str, Any]],
    runs: int,
    county: str,
    first_note: str,
    *,
    memory: bool = True,
) -> list[Figure]:
    """The queue's figures from queue_child.py's results, with their goals: first rows,
    a filter, a sort and (with `memory`) the peak memory."""
    figures = [
        Figure(
            f"{label}: first rows",
            "ms",
            median([r["first_ms"] for r in results]),
            runs,
            goals=[Goal("value_max", 300.0)],
            note=first_note,
        ),
        Figure(
            f"{label}: filter by county and state",
            "ms",
            median([r["filter_ms"] for r in results]),
            runs,
            goals=[Goal("value_max", 100.0)],
            note=f"county {county}, pending",
        ),
        Figure(
            f"{label}: sort by date received",
            "ms",
            median([r["sort_ms"] for r in results]),
            runs,
            goals=[Goal("value_max", 100.0)],
            note="newest first, all applications",
        ),
    ]
    if memory:
        figures.append(
            Figure(
                f"{label}: peak memory",
                "MB",
                median([r["peak_mb"] for r in results]),
                runs,
                goals=[Goal("value_max", 300.0)],
                note="the process after first rows, filters, sorts and 5,000 rows scrolled",
            )
        )
    return figures
