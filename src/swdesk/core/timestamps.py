"""Times written into files that leave the computer.

Every time swdesk writes into a bundle, a backup, a decision or a trust list carries its
UTC offset: the local time of the computer that wrote it, with that computer's offset
(`2025-03-02T10:00:00+08:00`), as `datetime.isoformat()` writes it. swdesk's own database
keeps naive local times; they get the offset here, on the way out. Readers of format
version 1 still accept a time without an offset (bundles and backups written before this
rule), meaning the writer's local time.
"""

from __future__ import annotations

from datetime import datetime

__all__ = ["aware", "stamp"]


def aware(value: datetime) -> datetime:
    """`value` with a UTC offset: a naive time is taken as this computer's local time."""
    return value.astimezone() if value.tzinfo is None else value


def stamp(value: datetime, timespec: str = "auto") -> str:
    """ISO 8601 text of `value` with its UTC offset (see the module docs)."""
    return aware(value).isoformat(timespec=timespec)
