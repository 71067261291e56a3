"""Load rule packs: TOML files shipped in `swdesk.resources/rulepacks` (`shipped_packs()`),
checked against `schema.json` and a few cross-field rules, turned into
`domain.rulepack.RulePack`. `load_pack`, `available_packs` and `shipped_trust_file` read the
shipped folder unless given another folder of packs laid out the same way.

A pack that cannot be read raises `RulePackError` naming the file and what is wrong.

Validating against the schema compiles it (fastjsonschema, `schema_check`): a pack that
passed is remembered with what it parses to (`parsed_cache`), so a start-up with unchanged
packs neither parses TOML nor imports the validator. A changed pack is parsed and validated
again; the cross-field checks always run.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar, cast

from swdesk.domain.enums import ActivityType, CertificateLevel
from swdesk.domain.errors import UserFixableError
from swdesk.domain.rulepack import (
    Basis,
    Citation,
    County,
    LateCountsUntil,
    ReviewAuthority,
    RulePack,
    WindowAnchor,
)

from .parsed_cache import parsed_before, remember_parsed
from .schema_check import compiled, schema_bytes, schema_reason

__all__ = [
    "RulePackError",
    "available_packs",
    "default_pack_id",
    "load_pack",
    "load_pack_file",
    "pack_from_data",
    "shipped_packs",
    "shipped_trust_file",
]

_log = logging.getLogger(__name__)
T = TypeVar("T")
_PACK_ID = re.compile(r"[a-z][a-z0-9_-]{0,39}")
_ONE_DECIMAL = Decimal("0.1")
_DEFAULT_PACK_ID = "gansu"


class RulePackError(UserFixableError):
    """A rule pack is missing ("rulepack_unknown") or invalid ("rulepack_invalid").

    `params`: pack (the id asked for, or ""), file (the path), reason (what is wrong,
    in English, for the message and the log).
    """

    def __init__(self, code: str, *, file: str, reason: str, pack: str = "") -> None:
        super().__init__(code, file=file, reason=reason, pack=pack)
        self.file = file
        self.reason = reason

    def __str__(self) -> str:
        return f"rule pack {self.file}: {self.reason}"


def default_pack_id() -> str:
    """The pack used when a profile names none: Gansu (the project's first users)."""
    return _DEFAULT_PACK_ID


def shipped_packs() -> Traversable:
    """The folder of the rule packs shipped with swdesk: `<pack id>.toml` and, where a
    province ships one, `<pack id>.trust.swdtrust`."""
    return files("swdesk.resources").joinpath("rulepacks")


def _schema_bytes() -> bytes:
    return schema_bytes("schema.json")


def _validator() -> Callable[[Any], Any]:
    return compiled("schema.json")


def load_pack(pack_id: str, folder: Traversable | None = None) -> RulePack:
    """The pack `pack_id` (e.g. "gansu") in `folder`: `<pack_id>.toml` there. RulePackError
    if missing/invalid. Without `folder`, the shipped pack, read once per process; a folder
    the caller names is read at every call."""
    if folder is None:
        return _shipped_pack(pack_id)
    return _pack_in(folder, pack_id)


@cache
def _shipped_pack(pack_id: str) -> RulePack:
    return _pack_in(shipped_packs(), pack_id)


def _pack_in(folder: Traversable, pack_id: str) -> RulePack:
    file_name = f"{pack_id}.toml"
    if not _PACK_ID.fullmatch(pack_id):
        raise RulePackError(
            "rulepack_unknown", file=file_name, reason="not a pack name", pack=pack_id
        )
    path = folder.joinpath(file_name)
    if not path.is_file():
        raise RulePackError(
            "rulepack_unknown", file=str(path), reason="no such rule pack", pack=pack_id
        )
    return load_pack_file(path, expected_id=pack_id)


def load_pack_file(path: Traversable | Path, *, expected_id: str | None = None) -> RulePack:
    """Read and check one pack file (not cached). RulePackError names `path` on failure."""
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise RulePackError("rulepack_invalid", file=name, reason=str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise RulePackError("rulepack_invalid", file=name, reason="not UTF-8 text") from exc
    pack = build_checked(
        text,
        name,
        _schema_bytes(),
        lambda data, checked: pack_from_data(data, file=name, schema_checked=checked),
        parse_float=Decimal,
    )
    if expected_id is not None and pack.id != expected_id:
        raise RulePackError(
            "rulepack_invalid",
            file=name,
            reason=f"id is {pack.id!r}, the file name says {expected_id!r}",
        )
    return pack


def build_checked(
    text: str,
    file: str,
    schema: bytes,
    build: Callable[[Mapping[str, Any], bool], T],
    **toml_options: Any,
) -> T:
    """`build(values, schema_checked)` for the TOML document `text` (a pack or calendar
    checked against `schema`): from the values remembered when these very texts passed
    before (`parsed_cache`), else parsed (RulePackError naming `file` when it is no TOML),
    built, which validates it, and remembered. Remembered values that no longer build (a
    damaged cache entry) are set aside: the file read anew decides."""
    remembered = parsed_before(schema, text)
    if remembered is not None:
        try:
            return build(remembered, True)
        except Exception as exc:  # noqa: BLE001 - a damaged cache entry, see above
            _log.debug("remembered values of %s not used: %s", file, type(exc).__name__)
    import tomllib  # here: a start-up with remembered packs never needs it

    try:
        data = tomllib.loads(text, **toml_options)
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError("rulepack_invalid", file=file, reason=f"TOML: {exc}") from exc
    result = build(data, False)
    remember_parsed(schema, text, data)
    return result


def pack_from_data(data: Mapping[str, Any], *, file: str, schema_checked: bool = False) -> RulePack:
    """A RulePack from parsed TOML; RulePackError(file=`file`) when the data is invalid.
    `schema_checked`: these exact bytes passed the schema before (see the module doc)."""
    reason = None if schema_checked else schema_reason(_validator(), data)
    if reason:
        raise RulePackError("rulepack_invalid", file=file, reason=reason)

    citations: dict[str, Citation] = {}

    def rule(key: str) -> Any:
        table = cast(Mapping[str, Any], data[key])
        citations[key] = _citation(table, key, file)
        return table["value"]

    def hours(key: str) -> dict[CertificateLevel, Decimal]:
        result: dict[CertificateLevel, Decimal] = {}
        for level in CertificateLevel:
            table = cast(Mapping[str, Any], data[key][level.value])
            citations[f"{key}.{level.value}"] = _citation(table, f"{key}.{level.value}", file)
            result[level] = _hours_value(table["value"], f"{key}.{level.value}", file)
        return result

    chain = tuple(
        ReviewAuthority(str(e["level"]), str(e["name_zh"]), str(e["name_en"]))
        for e in rule("review_chain")
    )
    counties = tuple(
        County(str(e["code"]), str(e["name_zh"]), str(e["name_en"])) for e in rule("counties")
    )
    pack = RulePack(
        id=str(data["id"]),
        name_zh=str(data["name_zh"]),
        name_en=str(data["name_en"]),
        region=str(data["region"]),
        version=str(data["version"]),
        cycle_years=int(rule("cycle_years")),
        window_opens_months_before=int(rule("window_opens_months_before")),
        window_anchor=cast(WindowAnchor, rule("window_anchor")),
        first_registration_within_months=int(rule("first_registration_within_months")),
        time_zone=_time_zone(rule("time_zone"), file),
        reminder_months_before=int(rule("reminder_months_before")),
        hours_required=hours("hours_required"),
        late_hours_required=hours("late_hours_required"),
        late_requires_explanation=bool(rule("late_requires_explanation")),
        late_counts_hours_until=cast(LateCountsUntil, rule("late_counts_hours_until")),
        max_hours_per_day=_hours_value(rule("max_hours_per_day"), "max_hours_per_day", file),
        lump_sum_types=frozenset(ActivityType(t) for t in rule("lump_sum_types")),
        review_chain=tuple(a.level for a in chain),
        review_authorities=chain,
        review_deadline_working_days=int(rule("review_deadline_working_days")),
        counties=counties,
        evidence_max_bytes=int(rule("evidence_max_bytes")),
        photo_size_mm=_photo_size(rule("photo_size_mm"), file),
        citations=citations,
    )
    _check_consistency(pack, file)
    return pack


def _photo_size(value: Any, file: str) -> tuple[Decimal, Decimal]:
    """(width, height) in mm of the printed ID photo: portrait, at most one decimal."""
    width, height = (Decimal(v) for v in value)
    if width >= height or any(v != v.quantize(_ONE_DECIMAL) for v in (width, height)):
        raise RulePackError(
            "rulepack_invalid",
            file=file,
            reason="photo_size_mm: [width, height], portrait, 0.1 mm steps",
        )
    return width, height


_CITATION_TEXT_FIELDS = ("document", "article", "date", "published_in", "url", "quote", "note")


def _citation(table: Mapping[str, Any], key: str, file: str) -> Citation:
    """The citation fields of one rule table (the schema checked their shape; checked again
    here because a pack whose bytes passed before skips the schema)."""
    basis = str(table.get("basis", ""))
    if basis not in ("cited", "assumption", "design"):
        raise RulePackError(
            "rulepack_invalid",
            file=file,
            reason=f"{key}: basis must be cited, assumption or design",
        )
    fields = {name: str(table.get(name, "")).strip() for name in _CITATION_TEXT_FIELDS}
    if basis == "cited" and not (
        fields["document"] and fields["published_in"] and "verified" in table
    ):
        raise RulePackError(
            "rulepack_invalid",
            file=file,
            reason=(f"{key}: a cited rule names its document, published_in and verified"),
        )
    if fields["article"] and "article_checked" not in table:
        raise RulePackError(
            "rulepack_invalid",
            file=file,
            reason=(f"{key}: an article says whether it was read in the text (article_checked)"),
        )
    if basis != "cited" and not fields["note"]:
        raise RulePackError(
            "rulepack_invalid",
            file=file,
            reason=f"{key}: an assumption or design choice explains itself in note",
        )
    return Citation(
        basis=cast(Basis, basis),
        verified=bool(table.get("verified", False)),
        article_checked=bool(table.get("article_checked", False)),
        **fields,
    )


def _time_zone(value: Any, file: str) -> str:
    """An IANA zone name zoneinfo knows (the tzdata package supplies them on Windows)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = str(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise RulePackError(
            "rulepack_invalid", file=file, reason=f"time_zone: unknown zone {name!r}"
        ) from exc
    return name


def _hours_value(value: Any, key: str, file: str) -> Decimal:
    hours = Decimal(value)
    if hours != hours.quantize(_ONE_DECIMAL):
        raise RulePackError(
            "rulepack_invalid", file=file, reason=f"{key}: at most one decimal place"
        )
    return hours


def _check_consistency(pack: RulePack, file: str) -> None:
    problems = []
    if pack.reminder_months_before < pack.window_opens_months_before:
        problems.append("reminder_months_before must be >= window_opens_months_before")
    if pack.window_opens_months_before >= pack.cycle_years * 12:
        problems.append("window_opens_months_before must be shorter than the cycle")
    if pack.reminder_months_before >= pack.cycle_years * 12:
        problems.append("reminder_months_before must be shorter than the cycle")
    if len(set(pack.review_chain)) != len(pack.review_chain):
        problems.append("review_chain: levels must be unique")
    codes = [c.code for c in pack.counties]
    if len(set(codes)) != len(codes):
        problems.append("counties: codes must be unique")
    if problems:
        raise RulePackError("rulepack_invalid", file=file, reason="; ".join(problems))


def available_packs(folder: Traversable | None = None) -> list[tuple[str, str]]:
    """(id, Chinese name) of every valid pack in `folder` (default: the shipped packs), the
    default first, then by id.

    An invalid pack is left out (and logged) so one bad file does not hide the others.
    """
    ids = sorted(
        entry.name.removesuffix(".toml")
        for entry in (shipped_packs() if folder is None else folder).iterdir()
        if entry.name.endswith(".toml") and entry.is_file()
    )
    result: list[tuple[str, str]] = []
    for pack_id in ids:
        try:
            pack = load_pack(pack_id, folder)
        except RulePackError as exc:
            _log.warning("skipping %s", exc)
            continue
        result.append((pack.id, pack.name_zh))
    result.sort(key=lambda item: (item[0] != _DEFAULT_PACK_ID, item[0]))
    return result


SHIPPED_TRUST_SUFFIX = ".trust.swdtrust"


def shipped_trust_file(pack_id: str, folder: Traversable | None = None) -> tuple[str, bytes] | None:
    """The default trust list shipped beside pack `pack_id` in `folder` (default: the
    shipped packs), as (file name, bytes), or None.

    A province can ship its signed list of review offices with the rule pack as
    `resources/rulepacks/<pack id>.trust.swdtrust`; a practitioner's swdesk imports it the
    first time it needs a trust list and none was imported. The bytes are not checked here
    (the caller verifies them with `swdesk.signing.read_trust_file`).
    """
    if not _PACK_ID.fullmatch(pack_id):
        return None
    name = pack_id + SHIPPED_TRUST_SUFFIX
    entry = (shipped_packs() if folder is None else folder).joinpath(name)
    if not entry.is_file():
        return None
    return name, entry.read_bytes()
