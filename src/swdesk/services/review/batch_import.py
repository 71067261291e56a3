"""Importing many files at once: folders expanded into the bundles below them, the files
checked ahead in worker processes (`check_pool`) and stored in batches (one transaction for
up to `importer.BATCH_FILES` files or `BATCH_SECONDS`), each file of a failed batch tried
again on its own, and a cancel honoured after the file being handled."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from swdesk.core.gc_pause import frozen_heap
from swdesk.core.progress import ItemProgress, stop_requested

from .importer import BATCH_FILES, BATCH_SECONDS, BUNDLE_SUFFIXES, Importer
from .models import ImportOutcome, ImportReport

__all__ = ["expand_paths", "import_files"]


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given and, for folders, every *.swdapp and *.swdfwd below them (any
    case), sorted, each once. Hidden files and temporary copies are skipped in folders."""
    found: dict[str, Path] = {}
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.suffix.lower() in BUNDLE_SUFFIXES
                    and not child.name.startswith(".")
                    and child.is_file()
                ):
                    found.setdefault(str(child), child)
        else:
            found.setdefault(str(path), path)
    return [found[key] for key in sorted(found)]


def import_files(
    importer: Importer, paths: Iterable[Path | str], progress: ItemProgress | None = None
) -> ImportReport:
    """Verify and import files and folders (see `expand_paths`). Each file is verified
    whole before anything of it is stored, and stored in one transaction; refused
    files leave nothing behind. Many files are verified and checked in worker processes
    a few files ahead of the one being stored (`Importer.checked`); a batch's files are
    stored together as it ends (`Importer.batch`). `progress` is told of each file once it
    is checked; returning False cancels after that file (the files before it and it are
    stored): the rest are reported "cancelled"."""
    with frozen_heap():  # short full collections: the workers are fed without pauses
        return _import_files(importer, paths, progress)


def _import_files(
    importer: Importer, paths: Iterable[Path | str], progress: ItemProgress | None
) -> ImportReport:
    """`import_files`, the heap frozen."""
    started = time.perf_counter()
    files = expand_paths(paths)
    entries: list[ImportOutcome] = []
    position = 0
    cancelled = False
    checked = importer.checked(files)
    try:
        while position < len(files) and not cancelled:
            batch_entries: list[ImportOutcome] = []
            batch_first = position
            try:
                with importer.batch() as batch:  # the ready files are stored as it ends
                    batch_started = time.monotonic()
                    while (
                        position < len(files)
                        and len(batch_entries) < BATCH_FILES
                        and time.monotonic() - batch_started < BATCH_SECONDS
                    ):
                        item = next(checked)
                        position += 1
                        batch_entries.append(importer.store(item, batch))
                        if progress is not None and stop_requested(
                            progress(position, len(files), item.path.name)
                        ):
                            cancelled = True
                            break
                batch_entries = batch.outcomes
            except Exception:  # noqa: BLE001 - the batch failed (disk full...): none stored
                # so no file loses its import to another's failure, each file of the
                # batch that was not refused on its own is tried again in its own
                # transaction (its verdict then is its own: imported, or why not)
                done = len(batch_entries)
                batch_entries = [
                    importer.import_file(Path(entry.file)) if entry.status == "imported" else entry
                    for entry in batch_entries
                ]
                batch_entries += [  # the file being stored when the batch failed
                    importer.import_file(path) for path in files[batch_first + done : position]
                ]
            entries.extend(batch_entries)
    finally:
        checked.close()  # the files checked ahead of a cancel: their copies deleted
    entries.extend(ImportOutcome(str(path), "cancelled") for path in files[position:])
    return ImportReport(tuple(entries), time.perf_counter() - started)
