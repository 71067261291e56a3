"""How an import's jobs and results cross between the importer's process and its worker
processes (`check_pool`): compactly. multiprocessing pickles everything it sends with its
`ForkingPickler`; `register` gives that pickler reducers of its own for what a job and a
result are made of, in every process that imports this module (both sides do, through
`check_pool`). Nothing else changes: the same objects come out on the other side.

- A frozen dataclass of a job or a result (`BY_FIELDS`) is pickled as its class and its
  field values, rebuilt by calling the class, instead of copyreg's default (a state for
  every object, set again field by field). The results of a chunk of four files: 238 →
  120 µs to pickle in the worker, 290 → 199 µs to unpickle in the importer; most of it is
  the 14 manifest entries and 9 check results of each bundle.
- The rule pack, the same in every job of an import, is pickled once in the importer's
  process and unpickled once in each worker, which keeps it by its pickled bytes: every
  chunk used to pickle it again (about 70 µs) and every worker to rebuild it (about 85 µs).
  The bytes still travel with each chunk (10 kB, a copy), so a worker started later, or
  again after a crash, needs nothing else.
"""

from __future__ import annotations

import pickle
import threading
from dataclasses import fields
from multiprocessing.reduction import ForkingPickler
from operator import attrgetter
from typing import Any

from swdesk.bundle import ManifestEntry, VerifiedBundle
from swdesk.domain.rulepack import RulePack
from swdesk.reviewstore.records import RecordVerdict

from .file_check import CheckedFile, CheckJob, Refusal
from .models import CheckResult
from .verifying import CopyPlace, VerifiedFile

__all__ = ["BY_FIELDS", "register"]

BY_FIELDS: tuple[type, ...] = (
    CheckJob,
    CopyPlace,
    CheckedFile,
    Refusal,
    VerifiedFile,
    VerifiedBundle,
    ManifestEntry,
    CheckResult,
    RecordVerdict,
)
_KEPT = 8  # rule packs remembered on each side: an office has one
_sent: dict[int, tuple[RulePack, bytes]] = {}  # id → (the pack, held so the id stays its)
_received: dict[bytes, RulePack] = {}
_lock = threading.Lock()
_registered = False


def _by_fields(cls: type) -> None:
    if not all(f.init for f in fields(cls)):  # a field the class cannot be called with
        raise TypeError(f"{cls.__name__} cannot be rebuilt from its fields")
    values = attrgetter(*(f.name for f in fields(cls)))  # a tuple, read in C

    def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(obj)

    ForkingPickler.register(cls, reduce)


def _reduce_pack(pack: RulePack) -> tuple[Any, tuple[bytes]]:
    """The pack as its pickled bytes, pickled once per pack (see the module)."""
    with _lock:
        held = _sent.get(id(pack))
        if held is None or held[0] is not pack:
            if len(_sent) >= _KEPT:
                _sent.clear()
            held = _sent[id(pack)] = (pack, pickle.dumps(pack, pickle.HIGHEST_PROTOCOL))
    return _pack_from, (held[1],)


def _pack_from(data: bytes) -> RulePack:
    """In the receiving process: the pack of `data`, unpickled the first time only."""
    with _lock:
        pack = _received.get(data)
        if pack is None:
            if len(_received) >= _KEPT:
                _received.clear()
            pack = _received[data] = pickle.loads(data)
    return pack


def register() -> None:
    """Give multiprocessing's pickler the reducers above (once per process)."""
    global _registered
    if _registered:
        return
    for cls in BY_FIELDS:
        _by_fields(cls)
    ForkingPickler.register(RulePack, _reduce_pack)
    _registered = True
