"""Crash test of the practitioner database: a writer killed with SIGKILL loses nothing it
reported as committed, and never leaves half a record or a damaged file.

A writer process (crash_worker.py) adds activities with evidence rows through `Database`
and `ActivityRepository` (WAL, synchronous=FULL), one transaction each, and prints every
activity after its commit returned. The test kills it with SIGKILL at a random moment, then
checks the file and every row. All rounds write into the same database, so later rounds
also start from a write-ahead log left behind by a killed writer.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest
from crash_worker import WorkerServer, activity_digest, key_of, planned_activity, without_ids
from storage_samples import make_record

from swdesk.domain.models import Activity
from swdesk.storage.database import Database
from swdesk.storage.migrate import prepare_database
from swdesk.storage.repositories import ActivityRepository, PractitionerRepository

pytestmark = [
    pytest.mark.skipif(os.name == "nt", reason="fork and SIGKILL are POSIX"),
    pytest.mark.slow,
]

ROUNDS = 50
# How long the writer writes before it is killed. One commit takes a few milliseconds, so a
# moment drawn from 0-100 ms falls in every phase of a commit (building the rows, writing
# and syncing the log, reporting) as often as a longer range would; from 0 it also kills
# the first transaction of a freshly opened writer. A longer range only grows the file,
# which every later round reads whole.
DELAY_MS = (0, 100)


def integrity(db_path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """(PRAGMA integrity_check, PRAGMA foreign_key_check) as the next opener sees the file."""
    with closing(sqlite3.connect(db_path)) as connection:
        return (
            connection.execute("PRAGMA integrity_check").fetchall(),
            connection.execute("PRAGMA foreign_key_check").fetchall(),
        )


def test_killed_writer_loses_no_committed_activity_and_leaves_no_half_rows(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "data" / "swdesk.sqlite"
    prepare_database(db_path, tmp_path / "backups")
    with Database.open(db_path) as db, db.session() as session:
        pid = PractitionerRepository(session).add_record(make_record())
    # a fresh seed each run (more kill moments over time), shown in the captured output of a
    # failure; SWDESK_TEST_SEED=<seed> repeats its delays
    seed = int(os.environ.get("SWDESK_TEST_SEED") or random.randrange(1 << 32))
    print(f"random seed {seed}")
    rng = random.Random(seed)
    verified: dict[int, Activity] = {}  # every row checked whole so far, by id
    reported_total = 0

    with WorkerServer(tmp_path / "worker.err") as server:
        for round_no in range(ROUNDS):
            where = f"seed {seed}, round {round_no}"
            writer = server.start("activities", str(db_path), str(round_no), str(pid))
            server.wait_ready()
            time.sleep(rng.uniform(*DELAY_MS) / 1000)
            lines, running = server.kill(writer)
            assert running, f"{where}: the writer stopped by itself: {server.stderr()}"
            committed = [(int(a), int(n), digest) for a, n, digest in map(str.split, lines)]
            reported_total += len(committed)

            assert integrity(db_path) == ([("ok",)], []), where
            with Database.open(db_path) as db, db.session() as session:
                repo = ActivityRepository(session)
                found = {a.id: a for a in repo.list_for(pid)}
                if committed:  # the last one reported reads back alone, too
                    last_id, _, last_digest = committed[-1]
                    assert activity_digest(repo.get(last_id)) == last_digest, where
            # every reported commit is there, under its id, with the reported content
            for activity_id, n, digest in committed:
                assert activity_id in found, f"{where}: committed activity {n} lost"
                assert key_of(found[activity_id]) == (round_no, n), where
                assert activity_digest(found[activity_id]) == digest, where
            assert set(verified) <= set(found), f"{where}: rows of earlier rounds lost"
            new_keys = []
            for activity_id, activity in found.items():
                if activity_id in verified:  # checked whole before: unchanged since
                    assert activity == verified[activity_id], where
                    continue
                # a new row is whole: it equals the activity its title says was planned
                key = key_of(activity)
                assert without_ids(activity) == without_ids(planned_activity(*key)), where
                verified[activity_id] = activity
                new_keys.append(key)
            # this round's rows: n = 0, 1, 2, ... without a gap, and at most the one commit
            # the writer had no time to report is more than what it reported
            assert all(r == round_no for r, _ in new_keys), where
            numbers = sorted(n for _, n in new_keys)
            assert numbers == list(range(len(numbers))), where
            assert len(numbers) - len(committed) in (0, 1), where

    assert reported_total >= ROUNDS, f"seed {seed}: the writers hardly committed anything"
