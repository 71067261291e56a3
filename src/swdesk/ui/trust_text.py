"""What a trust list holds, as the confirmation before putting it in force lists it: the
offices (the issuing province first) and, when the list names any, the training providers
whose attendance records it lets count as verified."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from swdesk.services.decisions import TrustList

__all__ = ["trust_listing"]


def trust_listing(trust: TrustList) -> str:
    """One line per office, "name（region）", then the providers under their own heading."""
    offices = [trust.issuer, *(o for o in trust.offices if o != trust.issuer)]
    text = "\n".join(f"{o.name}（{o.region}）" for o in offices)
    if trust.providers:
        heading = QCoreApplication.translate("TrustListing", "Training providers on the list:")
        names = "\n".join(p.name for p in trust.providers)
        text += f"\n\n{heading}\n{names}"
    return text
