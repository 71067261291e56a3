"""An office on a PostgreSQL server: the queue with 100,000 applications, moving an office of
that size from its folder to the server, four reviewer PCs deciding at once, two PCs
importing the same bundles at once.

The section starts a server of its own (`pg_cluster`, like the tests' server, but with fsync
on, as an office server runs) on 127.0.0.1 and one database per figure; every office is set
up through `init_review_workspace(ReviewServer(url), ...)` and every PC is a child process
(`queue_child.py`, `server_child.py`) opening it with the office password. The concurrent
figures start their children together (each says "ready" once the office is open, then all
are told to go at the same moment) and check afterwards, in SQL and with
`services.review.office_check.check_office`, what a reviewer must be able to trust: no decision
lost, none doubled, the decision chain's sequence numbers unique and without gaps, the
audit chain intact, each bundle stored exactly once. Those checks are goals of the figure
(`Goal("holds")`): a run where they fail says so in results.json.

Without PostgreSQL's server binaries (Debian's `postgresql` package, or SWDESK_PG_BINDIR)
or psycopg the section is skipped with a note.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench_review import OFFICE, PASSWORD, many_bundles, one_real_bundle, queue_figures
from common import BENCH, Figure, Goal, child_env, python_child

PCS_DECIDING = 4
PCS_IMPORTING = 2


def server_figures(
    tmp: Path, runs: int, rows: int, decisions: int, bundles: int, pcs: int = PCS_DECIDING
) -> list[Figure]:
    """Every figure of the section, on a server started for it (and stopped after); `pcs`
    reviewer PCs decide at once."""
    import pg_cluster

    bin_dir = pg_cluster.find_bin_dir()
    try:
        import psycopg  # noqa: F401 - only whether the driver is there
    except ImportError:
        bin_dir = None
    if bin_dir is None:
        print(f"  server: skipped ({pg_cluster.NOT_FOUND}, or psycopg missing)", file=sys.stderr)
        return []
    cluster = pg_cluster.Cluster(bin_dir)
    try:
        port = cluster.start(durable=True)
        (tmp / "libpq").mkdir()
        server = cluster.server(port, tmp / "libpq")
        env = child_env(PGPASSFILE=str(server.passfile))
        os.environ["PGPASSFILE"] = str(server.passfile)  # this process's own connections
        return [
            *queue(server, env, runs, rows),
            move_to_server(server, tmp, rows),
            concurrent_decisions(server, env, decisions, pcs),
            concurrent_imports(server, env, tmp, bundles),
        ]
    finally:
        cluster.stop()


def _office(server: Any, name: str) -> str:
    """A new database `name` with an office set up in it; its URL."""
    from swdesk.services.review import init_review_workspace
    from swdesk.services.review.location import ReviewServer

    server.admin(f'CREATE DATABASE "{name}"')
    url = str(server.url(name))
    init_review_workspace(ReviewServer(url), **OFFICE).close()
    return url


def _filled(url: str, rows: int, seed: int, *, all_pending: bool = False) -> str:
    """`rows` synthetic applications in the office at `url`; the county with most of them."""
    from sqlalchemy import text

    from swdesk.reviewstore.synthetic import fill_queue
    from swdesk.services.review import open_review_workspace
    from swdesk.services.review.location import ReviewServer

    workspace = open_review_workspace(ReviewServer(url), PASSWORD)
    try:
        fill_queue(workspace.database, rows, seed=seed)
        with workspace.database.session() as session:
            if all_pending:
                session.execute(
                    text("UPDATE applications SET state = 'pending', decided_at = NULL")
                )
            return str(
                session.execute(
                    text(
                        "SELECT county FROM applications GROUP BY county "
                        "ORDER BY count(*) DESC, county LIMIT 1"
                    )
                ).scalar_one()
            )
    finally:
        workspace.close()


def queue(server: Any, env: dict[str, str], runs: int, rows: int) -> list[Figure]:
    """The queue figures of bench_review.queue, on the server."""
    url = _office(server, "queue")
    county = _filled(url, rows, seed=1)
    results = [
        python_child("queue_child.py", url, PASSWORD, str(runs), county, env=env)
        for _ in range(runs)
    ]
    return queue_figures(
        f"reviewer queue on PostgreSQL, {rows:,} applications",
        results,
        runs,
        county,
        "fresh process, office on the server open: count + first page of 200",
        memory=False,
    )


def move_to_server(server: Any, tmp: Path, rows: int) -> Figure:
    """An office of `rows` applications moved from its folder to an empty server database
    (`swdesk review migrate --to URL`): copy, bundle bytes, checks, one commit."""
    import time

    from swdesk.reviewstore.synthetic import fill_queue
    from swdesk.services.review import init_review_workspace, moving, office_check

    root = tmp / "moving" / "review"
    workspace = init_review_workspace(root, **OFFICE)
    try:
        fill_queue(workspace.database, rows, seed=3)
    finally:
        workspace.close()
    server.admin('CREATE DATABASE "moved"')
    url = str(server.url("moved"))
    start = time.perf_counter()
    report = moving.move_to_server(root, url, PASSWORD)
    seconds = time.perf_counter() - start
    check = office_check.check_office(url)
    held = check.ok and report.rows["applications"] == rows
    return Figure(
        f"moving an office of {rows:,} applications from its folder to PostgreSQL",
        "ms",
        seconds * 1000,
        1,
        goals=[Goal("holds", label="every row copied, audit chain intact", held=held)],
        note=f"{sum(report.rows.values()):,} rows; then swdesk review verify: "
        f"{'ok' if check.ok else 'FAILED'}",
    )


def _together(args: list[list[str]], env: dict[str, str], log: Path) -> list[dict[str, Any]]:
    """Start one `server_child.py` per argument list, wait until every one has its office
    open, tell them all to go, and return their JSON results."""
    children = []
    with log.open("ab") as err:
        for child_args in args:
            children.append(
                subprocess.Popen(
                    [sys.executable, str(BENCH / "server_child.py"), *child_args],
                    env=env,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=err,
                    text=True,
                )
            )
    try:
        for child in children:
            assert child.stdout is not None
            line = child.stdout.readline()
            if line.strip() != "ready":
                raise RuntimeError(f"a reviewer PC did not open the office:\n{log.read_text()}")
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        results = []
        for child in children:
            out, _ = child.communicate(timeout=3600)
            if child.returncode != 0:
                raise RuntimeError(f"a reviewer PC failed:\n{log.read_text()[-3000:]}")
            results.append(json.loads(out.strip().splitlines()[-1]))
        return results
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()


def _scalar(url: str, sql: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def concurrent_decisions(
    server: Any, env: dict[str, str], count: int, pcs: int = PCS_DECIDING
) -> Figure:
    """`pcs` reviewer PCs (processes) approve every pending application, each in its own
    order, at the same moment: each application decided exactly once."""
    from swdesk.services.review.office_check import check_office

    url = _office(server, "decide")
    _filled(url, count, seed=2, all_pending=True)
    results = _together(
        [["decide", url, PASSWORD, f"pc{pc}"] for pc in range(pcs)],
        env,
        Path(env.get("TMPDIR", "/tmp")) / "swdesk-bench-decide.log",
    )
    decided = sum(r["decided"] for r in results)
    approved = _scalar(url, "SELECT count(*) FROM applications WHERE state = 'first_approved'")
    lost = count - approved
    doubled = _scalar(
        url,
        "SELECT count(*) FROM (SELECT application_id FROM decisions WHERE issued_here "
        "GROUP BY application_id HAVING count(*) > 1) AS twice",
    )
    issued = _scalar(url, "SELECT count(*) FROM decisions WHERE issued_here")
    sequences = _scalar(url, "SELECT count(DISTINCT sequence) FROM decisions WHERE issued_here")
    last = _scalar(url, "SELECT COALESCE(max(sequence), 0) FROM decisions WHERE issued_here")
    chain_ok = issued == sequences == last
    audit_ok = check_office(url).audit.ok
    held = lost == 0 and doubled == 0 and decided == count and chain_ok and audit_ok
    refusals: dict[str, int] = {}
    failures: dict[str, int] = {}
    for r in results:
        for code, n in r["refused"].items():
            refusals[code] = refusals.get(code, 0) + n
        for kind, n in r["failed"].items():
            failures[kind] = failures.get(kind, 0) + n
    seconds = max(r["seconds"] for r in results)
    return Figure(
        f"{pcs} reviewer PCs deciding {count:,} applications at once (PostgreSQL)",
        "ms",
        seconds * 1000,
        1,
        goals=[
            Goal(
                "holds",
                label="0 lost, 0 doubled, decision chain without gaps, audit chain intact",
                held=held,
            )
        ],
        note=(
            f"until the last PC finished; decided {decided}, lost {lost}, doubled {doubled}, "
            f"chain {issued} decisions / {sequences} sequence numbers / last {last}, "
            f"audit {'ok' if audit_ok else 'BROKEN'}; refused {refusals or 0}; "
            f"failed {failures or 0}"
        ),
    )


def concurrent_imports(server: Any, env: dict[str, str], tmp: Path, count: int) -> Figure:
    """Two PCs import the same bundles at the same moment: each stored exactly once."""
    url = _office(server, "imports")
    inbox = tmp / "inbox"
    many_bundles(one_real_bundle(tmp), inbox, count)
    results = _together(
        [["import", url, PASSWORD, str(inbox)] for _ in range(PCS_IMPORTING)],
        env,
        Path(env.get("TMPDIR", "/tmp")) / "swdesk-bench-import.log",
    )
    applications = _scalar(url, "SELECT count(*) FROM applications")
    distinct = _scalar(url, "SELECT count(DISTINCT bundle_id) FROM applications")
    blobs = _scalar(url, "SELECT count(*) FROM bundle_blobs")
    counts = [r.get("counts", {}) for r in results]
    imported = sum(c.get("imported", 0) for c in counts)
    refused = sum(c.get("refused", 0) for c in counts)
    failed = [r["failed"] for r in results if "failed" in r]
    held = applications == distinct == blobs == imported == count and not refused and not failed
    seconds = max(r["seconds"] for r in results)
    return Figure(
        f"{PCS_IMPORTING} PCs importing the same {count:,} bundles at once (PostgreSQL)",
        "ms",
        seconds * 1000,
        1,
        goals=[Goal("holds", label="each bundle stored exactly once, none refused", held=held)],
        note=(
            f"until the last PC finished; applications {applications}, bundles stored "
            f"{blobs}, imported {imported} (per PC {[c.get('imported', 0) for c in counts]}), "
            f"duplicates {[c.get('duplicate', 0) for c in counts]}, refused {refused}"
            + (f", failed {failed}" if failed else "")
            + "".join(f", refusal codes {r['codes']}" for r in results if r.get("codes"))
        ),
    )
