"""Values as the repositories store them: hours as whole tenths, and the id a domain
object must have before it can be updated."""

from __future__ import annotations

from decimal import Decimal


def hours_to_tenths(hours: Decimal) -> int:
    """Decimal("1.5") -> 15. More than one decimal place is a caller's bug."""
    tenths = hours * 10
    if tenths != tenths.to_integral_value():
        raise ValueError(f"hours must have at most one decimal place: {hours}")
    return int(tenths)


def tenths_to_hours(tenths: int) -> Decimal:
    """15 -> Decimal("1.5"), always with one decimal place."""
    return Decimal(tenths).scaleb(-1)


def require_id(value: int | None, what: str) -> int:
    """The id of an object that must already be stored (`what` names it in the error)."""
    if value is None:
        raise ValueError(f"{what} has no id: add it first")
    return value
