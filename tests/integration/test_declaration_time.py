"""The moment a declaration was accepted is stamped by the application service, on its
clock, whoever records the acceptance (the wizard's check box, the command line's
--accept-declaration, the self-check): the windows record only that it was accepted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from ui_free_samples import sample_draft

from swdesk.domain.application import ApplicationDraft, ApplicationKind
from swdesk.services.application_drafts import declaration_stamped
from swdesk.services.workspace import Workspace, open_workspace

TODAY = date(2026, 11, 28)
CHINA = timezone(timedelta(hours=8))
MOMENT = datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=CHINA)


def _local(moment: datetime) -> datetime:
    """How the database keeps a moment: naive local time to the second."""
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


def _draft(**changes: object) -> ApplicationDraft:
    return replace(
        ApplicationDraft(practitioner_id=1, kind=ApplicationKind.RENEWAL, uid="u-1"), **changes
    )  # type: ignore[arg-type]


def test_an_accepted_declaration_without_a_time_is_stamped_now() -> None:
    stamped = declaration_stamped(_draft(declaration_accepted=True), lambda: MOMENT)
    assert stamped.declaration_accepted
    assert stamped.declaration_accepted_at == _local(MOMENT)
    assert stamped.declaration_accepted_at.tzinfo is None  # the database's convention


def test_a_recorded_time_is_kept_and_a_withdrawn_declaration_has_none() -> None:
    earlier = datetime(2026, 11, 1, 8, 0)
    kept = declaration_stamped(
        _draft(declaration_accepted=True, declaration_accepted_at=earlier), lambda: MOMENT
    )
    assert kept.declaration_accepted_at == earlier
    withdrawn = declaration_stamped(
        _draft(declaration_accepted=False, declaration_accepted_at=earlier), lambda: MOMENT
    )
    assert withdrawn.declaration_accepted_at is None
    never = _draft()
    assert declaration_stamped(never, lambda: MOMENT) is never


@pytest.fixture
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = open_workspace(tmp_path / "data", clock=lambda: TODAY)
    yield workspace
    workspace.close()


def test_the_service_stamps_on_saving_and_on_accepting(ws: Workspace) -> None:
    pid = ws.profiles.create_profile(sample_draft("刘喆"))
    service = ws.applications
    draft = service.current_draft(pid)

    # what the wizard hands over: accepted, no time; the saved draft has the service's time
    saved = service.save_draft(replace(draft, declaration_accepted=True))
    assert saved.declaration_accepted_at is not None
    assert saved.declaration_accepted_at.date() == TODAY  # the service's clock, fixed here
    first = saved.declaration_accepted_at

    # saved again (or accepted again while accepted): the first time stays
    assert service.save_draft(saved).declaration_accepted_at == first
    assert service.accept_declaration(saved).declaration_accepted_at == first

    # withdrawn: no time; accepted again: a new time on the service's clock
    withdrawn = service.save_draft(service.accept_declaration(saved, accepted=False))
    assert not withdrawn.declaration_accepted and withdrawn.declaration_accepted_at is None
    again = service.accept_declaration(withdrawn)
    assert again.declaration_accepted and again.declaration_accepted_at is not None
    assert again.declaration_accepted_at.date() == TODAY
