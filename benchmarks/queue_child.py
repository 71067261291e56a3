"""Child of the queue figures: the reviewer queue model over a filled office.

    python benchmarks/queue_child.py REVIEW_ROOT|SERVER_URL PASSWORD RUNS COUNTY

Opens the workspace, a reviewer folder or an office on a PostgreSQL server (the password's
key derivation is not timed), then times what the reviewer waits for with the real table
model (`ui.review.queue_model.QueueModel`, count and
the first page from SQL): the first rows, filtering by county and state, sorting by the
date received (newest first); then scrolls 5,000 rows. Prints one JSON line with the medians
and the process's peak resident memory.
"""

import json
import resource
import statistics
import sys
import time
from pathlib import Path


def main() -> int:
    where, password, runs, county = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    from PySide6.QtCore import QCoreApplication, Qt

    from swdesk.services.review import QueueFilter, ReviewState, open_review_workspace
    from swdesk.ui.review.queue_model import QueueModel

    app = QCoreApplication([sys.argv[0]])
    from swdesk.services.review.location import ReviewServer, is_server_url

    workspace = open_review_workspace(
        ReviewServer(where) if is_server_url(where) else Path(where), password
    )
    model = QueueModel(workspace.service)
    start = time.perf_counter()
    model.set_filter(QueueFilter())
    first = (time.perf_counter() - start) * 1000
    assert model.rowCount() > 0
    filtered, ordered = [], []
    date_column = QueueModel.COLUMNS.index("received_at")
    for _ in range(runs):
        start = time.perf_counter()
        model.set_filter(QueueFilter(county=county, state=ReviewState.PENDING))
        filtered.append((time.perf_counter() - start) * 1000)
        model.set_filter(QueueFilter())
        start = time.perf_counter()
        model.sort(date_column, Qt.SortOrder.DescendingOrder)
        ordered.append((time.perf_counter() - start) * 1000)
        model.sort(date_column, Qt.SortOrder.AscendingOrder)
    while model.canFetchMore() and model.rowCount() < 5000:
        model.fetchMore()
    workspace.close()
    del app
    print(
        json.dumps(
            {
                "first_ms": first,
                "filter_ms": statistics.median(filtered),
                "sort_ms": statistics.median(ordered),
                "total": model.total,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
