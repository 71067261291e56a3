"""Errors of the domain: validation results a user can fix, named by field and code.

Messages for people are produced by the UI from `code` and `params` (translated), so the
domain stays free of any language.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FieldIssue:
    """One problem with one field, e.g. FieldIssue("id_number", "id_check_digit")."""

    field: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


class UserFixableError(Exception):
    """Something the user can fix (bad input, full disk, locked file). Never a bug."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class ValidationFailed(UserFixableError):
    """Raised by services when a draft does not validate; carries every issue at once."""

    def __init__(self, issues: list[FieldIssue]) -> None:
        super().__init__("validation_failed", count=len(issues))
        self.issues = issues
