"""Repositories: read and write domain objects through a Session, never leaking ORM rows.

They never commit: the caller's `Database.session()` block is the transaction. Lists are
column queries (cheap); single records may load ORM rows internally. One module per
seam: `practitioner_repository` (profiles, sealed columns, certificates, registrations),
`activity_repository` (activities and evidence), `application_repository` (applications),
`profile_change_repository` (the personal-data changes an export applied),
`decision_repository` (decisions and trusted offices); `values`
converts hours to stored tenths. This module gathers them under one name; which stored
files are still referenced is decided in `references` (the evidence store is shared).
"""

from __future__ import annotations

from .activity_repository import ActivityRepository
from .application_repository import ApplicationRepository
from .decision_repository import DecisionRepository, TrustedOfficeRepository
from .practitioner_repository import PractitionerRepository
from .profile_change_repository import ProfileChange, ProfileChangeRepository
from .values import hours_to_tenths, tenths_to_hours

__all__ = [
    "ActivityRepository",
    "ApplicationRepository",
    "DecisionRepository",
    "PractitionerRepository",
    "ProfileChange",
    "ProfileChangeRepository",
    "TrustedOfficeRepository",
    "hours_to_tenths",
    "tenths_to_hours",
]
