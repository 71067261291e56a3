"""Who refers to a file of the evidence store.

The store is shared: a stored name (content hash + extension) may back an activity's
evidence, an application's material, an application's generated form and a decision's
certificate all at once. A file
may only be removed when none of them refers to it any more.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from .orm import ApplicationMaterialRow, ApplicationRow, DecisionRow, EvidenceRow


def referenced_names(session: Session, names: Iterable[str]) -> set[str]:
    """Which of `names` an evidence row, an application material, a form file or a
    decision's certificate refers to."""
    candidates = set(names) - {""}
    if not candidates:
        return set()
    return set(
        session.scalars(
            union(
                select(EvidenceRow.stored_name).where(EvidenceRow.stored_name.in_(candidates)),
                select(ApplicationMaterialRow.stored_name).where(
                    ApplicationMaterialRow.stored_name.in_(candidates)
                ),
                select(ApplicationRow.form_file).where(ApplicationRow.form_file.in_(candidates)),
                select(DecisionRow.certificate_file).where(
                    DecisionRow.certificate_file.in_(candidates)
                ),
            )
        )
    )


def unreferenced(session: Session, names: Iterable[str]) -> list[str]:
    """Which of `names` nothing refers to any more (sorted), to remove after commit."""
    candidates = set(names) - {""}
    return sorted(candidates - referenced_names(session, candidates))


def names_in_use(session: Session) -> set[str]:
    """Every stored name something refers to (for sweeping the evidence store)."""
    return set(
        session.scalars(
            union(
                select(EvidenceRow.stored_name),
                select(ApplicationMaterialRow.stored_name),
                select(ApplicationRow.form_file).where(ApplicationRow.form_file != ""),
                select(DecisionRow.certificate_file).where(DecisionRow.certificate_file != ""),
            )
        )
    )
