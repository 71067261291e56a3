"""The reviewer's automatic checks follow the same rule as the pre-check: only a cited rule
fails a check; a figure the rule pack marks as an assumption is named, not held against
the applicant."""

from __future__ import annotations

from datetime import date
from typing import Any

from swdesk.rulepacks import load_pack
from swdesk.services.review.application_checks import check_hours, check_window

GANSU = load_pack("gansu")
NATIONAL = load_pack("national")
VALID_FROM, VALID_TO = date(2023, 6, 1), date(2026, 5, 31)
RECEIVED = date(2026, 9, 1)  # after expiry: late


def _late(hours: list[str], explanation: str = "") -> dict[str, Any]:
    activities = [
        {
            "title": f"培训{i}",
            "organiser": "平凉市民政局",
            "activity_type": "research",
            "content_area": "theory_practice",
            "start_date": f"202{4 + i % 2}-03-01",
            "end_date": f"202{4 + i % 2}-03-01",
            "hours": h,
            "evidence": [],
        }
        for i, h in enumerate(hours)
    ]
    total = sum(int(h) for h in hours)
    return {
        "certificate": {"level": "assistant"},
        "registration": {"valid_from": VALID_FROM.isoformat(), "valid_to": VALID_TO.isoformat()},
        "is_late": True,
        "late_explanation": explanation,
        "hours": {"counted": str(total)},
        "activities": activities,
    }


def test_late_hours_fail_only_below_the_cited_requirement() -> None:
    """Gansu's late 120 hours is the source article's example (an assumption): 100 hours
    pass with the 120 named; 80 hours fail against the cited 90."""
    enough = check_hours(_late(["60", "40"]), GANSU, RECEIVED)
    assert enough.passed
    assert (enough.params["required"], enough.params["assumed_required"]) == ("90", "120")
    short = check_hours(_late(["60", "20"]), GANSU, RECEIVED)
    assert not short.passed
    assert (short.params["required"], short.params["short"]) == ("90", "10")
    national = check_hours(_late(["60", "20"]), NATIONAL, RECEIVED)  # 72 for an assistant
    assert national.passed and "assumed_required" not in national.params


def test_a_missing_late_explanation_fails_only_where_a_text_asks_for_it() -> None:
    gansu = check_window(_late(["90"]), GANSU, RECEIVED)  # the article asks for 情况说明
    assert (gansu.passed, gansu.params.get("problem")) == (False, "late_explanation_missing")
    assert check_window(_late(["90"], "因病住院，未能按时申请。"), GANSU, RECEIVED).passed
    assert check_window(_late(["90"]), NATIONAL, RECEIVED).passed  # an assumption there
