"""What the rule packs and working calendars that passed their schema parse to, remembered
in the user's cache folder (`rulepacks-parsed.json`; beside the data of a portable swdesk,
which leaves nothing in the user's folders).

A start-up whose pack and schema are byte for byte those of an entry reads the parsed
values back with `json` (already loaded) instead of importing tomllib, parsing the TOML,
hashing the file and compiling the schema: about 2.5 % of a start to the dashboard. The
entry holds the texts themselves, not digests, so a match is exact; anything else (a
changed pack, another schema, a damaged cache file) is parsed and validated as before, and
only a document that passed is remembered. The cross-field checks always run.

TOML's values that JSON lacks are tagged: a decimal as {"$decimal": "1.5"}, a date, time or
date-time as {"$date": ...}, {"$time": ...}, {"$datetime": ...}. A document with a table key
starting with "$" is never remembered, so a tag cannot be mistaken for a table.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

__all__ = ["cache_file", "parsed_before", "remember_parsed"]

_log = logging.getLogger(__name__)

CACHE_NAME = "rulepacks-parsed.json"
# what earlier versions kept (the digests of the packs that passed): removed when this cache
# is first written, being of no use any more
LEGACY_NAME = "rulepacks-validated.txt"
MAX_ENTRIES = 16  # a few packs and calendars, each in the versions met lately

_TAGS: dict[str, Callable[[str], Any]] = {
    "$decimal": Decimal,
    "$date": date.fromisoformat,
    "$time": time.fromisoformat,
    "$datetime": datetime.fromisoformat,
}


def cache_file() -> Path:
    """The cache: in the user's cache folder, or beside the portable data folder."""
    from swdesk.paths import portable_data_dir

    portable = portable_data_dir()
    if portable is not None:
        return portable / "cache" / CACHE_NAME
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("swdesk", appauthor=False)) / CACHE_NAME


def parsed_before(schema: bytes, text: str) -> dict[str, Any] | None:
    """The parsed values of `text` when it passed `schema` before, else None."""
    schema_text = schema.decode("utf-8")
    for entry in _entries():
        if entry.get("schema") == schema_text and entry.get("text") == text:
            try:
                data = _untagged(entry["data"])
            except (KeyError, TypeError, ValueError, InvalidOperation):
                return None  # a damaged entry: parsed again
            return data if isinstance(data, dict) else None
    return None


def remember_parsed(schema: bytes, text: str, data: Mapping[str, Any]) -> None:
    """Remember that `text` (parsed to `data`) passed `schema`; the oldest entries go
    beyond MAX_ENTRIES. Only a cache: a failure to write is logged and forgotten."""
    try:
        tagged = _tagged(data)
    except ValueError:
        return  # a key the tags could be mistaken for, or a value JSON cannot hold
    schema_text = schema.decode("utf-8")
    kept = [e for e in _entries() if (e.get("schema"), e.get("text")) != (schema_text, text)]
    kept = [*kept, {"schema": schema_text, "text": text, "data": tagged}][-MAX_ENTRIES:]
    target = cache_file()
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(json.dumps({"entries": kept}, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, target)  # another swdesk reading it sees the old or the new file
        target.with_name(LEGACY_NAME).unlink(missing_ok=True)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        _log.debug("rule pack cache not written: %s", exc)


def _entries() -> list[dict[str, Any]]:
    try:
        content = json.loads(cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    entries = content.get("entries") if isinstance(content, dict) else None
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _tagged(value: Any) -> Any:
    if isinstance(value, Mapping):
        if any(str(key).startswith("$") for key in value):
            raise ValueError("a key starting with $")
        return {str(key): _tagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_tagged(item) for item in value]
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise ValueError(f"a {type(value).__name__} value")


def _untagged(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, item),) = value.items()
            convert = _TAGS.get(key)
            if convert is not None:
                return convert(item)
        return {key: _untagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_untagged(item) for item in value]
    return value
