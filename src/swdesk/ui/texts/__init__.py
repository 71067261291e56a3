"""Every user-visible text derived from domain codes, translated with Qt.

The domain and services speak in codes (`FieldIssue`, `UserFixableError`, `NextAction`,
`FixItem`, `CheckResult`); this package is the one place that turns them into sentences in
the UI's language, one module per topic:

- `values`: dates and hours on screen, and the placeholders filled (`fill_named` for the
  `%(name)s` of the message tables, `fill` for Qt's `%1` beside a plural `%n`);
- `labels`: names of enums and codes, the "Basis" line of a rule;
- `fields`: field names and the sentences of field issues;
- `error_messages`: what happened and what to do, per `UserFixableError` code;
- `next_steps`: the dashboard's sentences (next action, deadlines, clock warning);
- `fix_list`: the lines of the fix list (补正清单);
- `review_checks`: reviewer mode's labels and the automatic checks' details.

Import from `swdesk.ui.texts`: it re-exports every public name.
"""

from __future__ import annotations

from .error_messages import bug_text, error_text
from .fields import field_label, issue_sentence, issue_text
from .fix_list import fix_item_text
from .labels import (
    activity_type_label,
    attestation_text,
    basis_text,
    content_area_label,
    gender_label,
    key_date_label,
    level_label,
    registration_kind_label,
    source_label,
    state_label,
)
from .next_steps import (
    clock_warning_text,
    first_registration_text,
    next_action_text,
    office_name,
)
from .review_checks import (
    REASON_CODES,
    calendar_unknown_text,
    certificate_search_text,
    check_detail_text,
    check_label,
    import_status_label,
    level_of_review_label,
    outcome_label,
    reason_label,
    record_status_text,
    review_stage_label,
    review_state_label,
)
from .values import TextFormatError, fill, fill_named, fmt_date, fmt_hours

__all__ = [
    "REASON_CODES",
    "TextFormatError",
    "activity_type_label",
    "attestation_text",
    "basis_text",
    "bug_text",
    "calendar_unknown_text",
    "certificate_search_text",
    "check_detail_text",
    "check_label",
    "clock_warning_text",
    "content_area_label",
    "error_text",
    "field_label",
    "fill",
    "fill_named",
    "first_registration_text",
    "fix_item_text",
    "fmt_date",
    "fmt_hours",
    "gender_label",
    "import_status_label",
    "issue_sentence",
    "issue_text",
    "key_date_label",
    "level_label",
    "level_of_review_label",
    "next_action_text",
    "office_name",
    "outcome_label",
    "reason_label",
    "record_status_text",
    "registration_kind_label",
    "review_stage_label",
    "review_state_label",
    "source_label",
    "state_label",
]
