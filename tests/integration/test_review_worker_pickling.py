"""What crosses between the importer and its worker processes comes out as it went in
(`worker_pickling`): real jobs and the results of checking real bundles, pickled by
multiprocessing's own pickler, equal the originals; the rule pack is sent as its pickled
bytes and rebuilt once per receiving process; a class that cannot be rebuilt from its
fields is not given the compact form."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import pytest
from review_samples import TODAY, SampleBundles

from swdesk.reviewstore.vocabulary import ReviewStage
from swdesk.rulepacks import load_pack
from swdesk.rulepacks.calendar import shipped_calendar
from swdesk.services.review import check_pool, worker_pickling
from swdesk.services.review.file_check import CheckJob, check_file
from swdesk.services.review.verifying import CopyPlace


def _jobs(sample_bundles: SampleBundles, tmp_path: Path) -> list[CheckJob]:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    pack, days = load_pack("gansu"), shipped_calendar().declaration_received_max_days
    place = CopyPlace(scratch, tmp_path)
    return [
        CheckJob(path, ReviewStage.FIRST, place, pack, TODAY, days)
        for path in (*sample_bundles.ordinary, sample_bundles.late)
    ]


def test_jobs_and_results_come_out_as_they_went_in(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    assert check_pool.worker_pickling is worker_pickling  # registered by the pool's module
    jobs = _jobs(sample_bundles, tmp_path)
    sent = pickle.loads(ForkingPickler.dumps(jobs))
    assert sent == jobs
    results = [check_file(job) for job in jobs]
    assert all(r.verified is not None and r.checks for r in results)
    back = pickle.loads(ForkingPickler.dumps(results))
    assert back == results
    first = back[0].verified
    assert first is not None and first.bundle.members == results[0].verified.bundle.members  # type: ignore[union-attr]
    assert back[0].checks[0].params == results[0].checks[0].params


def test_the_rule_pack_is_rebuilt_once_per_process(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker_pickling, "_received", {})
    jobs = _jobs(sample_bundles, tmp_path)
    first = pickle.loads(ForkingPickler.dumps(jobs[:2]))
    second = pickle.loads(ForkingPickler.dumps(jobs[2:]))
    assert first[0].pack is first[1].pack is second[0].pack  # one pack object here
    assert first[0].pack is not jobs[0].pack and first[0].pack == jobs[0].pack
    assert len(worker_pickling._received) == 1


def test_the_pack_is_pickled_once_per_pack(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker_pickling, "_sent", {})
    dumps = []
    real_dumps = pickle.dumps

    def counting(value: object, protocol: int | None = None) -> bytes:
        dumps.append(type(value).__name__)
        return real_dumps(value, protocol)

    monkeypatch.setattr(worker_pickling.pickle, "dumps", counting)
    jobs = _jobs(sample_bundles, tmp_path)
    for start in range(len(jobs)):
        ForkingPickler.dumps(jobs[start : start + 1])
    assert dumps == ["RulePack"]


def test_a_class_with_a_field_it_cannot_be_called_with_is_refused() -> None:
    @dataclass(frozen=True)
    class Derived:
        value: int
        twice: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="cannot be rebuilt"):
        worker_pickling._by_fields(Derived)
