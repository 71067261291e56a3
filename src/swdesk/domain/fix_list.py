"""The fix list (补正清单): what the pre-check, the rules and a reviewer's reasons ask the
applicant to put right, each item with the place where it is fixed. Standard library only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from .rulepack import Citation


class WizardPage(StrEnum):
    """Where a fix-list item sends the user."""

    PERSONAL = "personal"
    MATERIALS = "materials"
    ACTIVITIES = "activities"  # the continuing-education log (outside the wizard)
    PROFILE = "profile"  # the profile editor (outside the wizard)
    DECLARATION = "declaration"
    PRECHECK = "precheck"  # the wizard's first page (a reviewer's "other" reason)
    NONE = "none"  # nothing to fix in swdesk (e.g. wait until the window opens)


@dataclass(frozen=True, slots=True)
class FixItem:
    """One entry of the 补正清单: a code for the UI's sentence, params, and where to fix it.

    `blocking` False: a note the office may raise, resting on a rule the pack marks as an
    assumption; it is shown but never holds back the export. `basis`: the rule behind it
    (shown as its "依据" line), None when the item rests on no rule-pack rule."""

    code: str
    page: WizardPage
    params: dict[str, object] = field(default_factory=dict)
    blocking: bool = True
    basis: Citation | None = None


def blocking_items(items: Iterable[FixItem]) -> list[FixItem]:
    """The items that hold back the export (notes left out)."""
    return [item for item in items if item.blocking]
