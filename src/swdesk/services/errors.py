"""The errors of the layers below that the windows and the composition root catch by type.

The user interface reaches storage, the PDF readers and the rule packs only through
services; where it must tell one failure from another (a damaged database from a
read-only one, a PDF too costly to render from one that is broken) it catches the types
named here. `oserror_to_user_error` words an `OSError` that escaped (disk full, not
writable, unreadable) as the `UserFixableError` the message boxes show.
"""

from swdesk.database.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseProblem,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnreadable,
)
from swdesk.pdf.limits import PdfTooComplex
from swdesk.rulepacks import RulePackError
from swdesk.storage.files import oserror_to_user_error

__all__ = [
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseMissing",
    "DatabaseProblem",
    "DatabaseReadOnly",
    "DatabaseTooNew",
    "DatabaseUnreadable",
    "PdfTooComplex",
    "RulePackError",
    "oserror_to_user_error",
]
