"""Child of the server figures: one reviewer PC working on an office on a PostgreSQL server.

    python benchmarks/server_child.py decide URL PASSWORD SEED
    python benchmarks/server_child.py import URL PASSWORD FOLDER

Opens the office (signed in with the office password: the office's head), prints "ready",
waits for one line on standard input (the parent starts every PC at once), then works and
prints one JSON line: `decide` tries to approve every application awaiting review, in an
order of its own (SEED), counting what was decided, refused (by code) and what failed (by
exception type); `import` imports every bundle of FOLDER and prints the import's counts.
`seconds` is the time of the work alone (not the start nor the opening).
"""

import json
import random
import sys
import time
from collections import Counter
from pathlib import Path


def _decide(workspace, seed: str) -> dict:  # type: ignore[no-untyped-def]
    from swdesk.services.review import QueueFilter, ReviewState

    service = workspace.service
    ids: list[int] = []
    while True:
        page = service.queue_page(
            QueueFilter(state=ReviewState.PENDING), "received_at", False, len(ids), 500
        )
        ids += [row.id for row in page]
        if len(page) < 500:
            break
    random.Random(seed).shuffle(ids)
    decided, refused, failed = 0, Counter(), Counter()
    start = time.perf_counter()
    for app_id in ids:
        try:
            [result] = service.decide([app_id], "approved", [], "benchmark: accepted late")
        except Exception as exc:  # noqa: BLE001 - counted: the figure says what went wrong
            failed[type(exc).__name__] += 1
            continue
        if result.status == "decided":
            decided += 1
        else:
            refused[result.code or result.status] += 1
    return {
        "tried": len(ids),
        "decided": decided,
        "refused": dict(refused),
        "failed": dict(failed),
        "seconds": time.perf_counter() - start,
    }


def _import(workspace, folder: str) -> dict:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    try:
        report = workspace.service.import_files([Path(folder)])
    except Exception as exc:  # noqa: BLE001 - counted: the figure says what went wrong
        return {"failed": type(exc).__name__, "seconds": time.perf_counter() - start}
    return {
        "counts": report.counts(),
        "codes": dict(Counter(e.code for e in report.entries if e.status == "refused")),
        "seconds": time.perf_counter() - start,
    }


def main() -> int:
    work, url, password, argument = sys.argv[1:5]
    from swdesk.services.review import open_review_workspace
    from swdesk.services.review.location import ReviewServer

    workspace = open_review_workspace(ReviewServer(url), password)
    try:
        print("ready", flush=True)
        sys.stdin.readline()
        result = _decide(workspace, argument) if work == "decide" else _import(workspace, argument)
    finally:
        workspace.close()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
