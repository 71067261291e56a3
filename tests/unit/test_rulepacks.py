"""Rule packs: the shipped packs load, follow the schema, cite every rule; bad ones fail clearly."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from swdesk.domain.enums import ActivityType, CertificateLevel
from swdesk.rulepacks import (
    RulePackError,
    available_packs,
    default_pack_id,
    load_pack,
    load_pack_file,
    pack_from_data,
    shipped_trust_file,
)

PACK_IDS = ["gansu", "national"]
RULE_KEYS = {
    "cycle_years",
    "window_opens_months_before",
    "window_anchor",
    "first_registration_within_months",
    "time_zone",
    "reminder_months_before",
    *(f"hours_required.{level.value}" for level in CertificateLevel),
    *(f"late_hours_required.{level.value}" for level in CertificateLevel),
    "late_requires_explanation",
    "late_counts_hours_until",
    "max_hours_per_day",
    "lump_sum_types",
    "review_chain",
    "review_deadline_working_days",
    "counties",
    "evidence_max_bytes",
    "photo_size_mm",
}


def pack_text(pack_id: str) -> str:
    return files("swdesk.resources").joinpath("rulepacks", f"{pack_id}.toml").read_text("utf-8")


def schema() -> dict[str, object]:
    text = files("swdesk.rulepacks").joinpath("schema.json").read_text(encoding="utf-8")
    result: dict[str, object] = json.loads(text)
    return result


def test_default_pack() -> None:
    assert default_pack_id() == "gansu"
    assert load_pack(default_pack_id()).id == "gansu"


def test_available_packs_default_first() -> None:
    assert available_packs() == [("gansu", "甘肃省（平凉市）"), ("national", "全国（民政部）")]


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_shipped_pack_validates_against_schema(pack_id: str) -> None:
    Draft202012Validator.check_schema(schema())
    data = tomllib.loads(pack_text(pack_id), parse_float=Decimal)
    Draft202012Validator(schema()).validate(data)


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_every_rule_has_a_citation(pack_id: str) -> None:
    """A cited rule names its document and where it was published; an assumption or a
    design choice says so and explains itself."""
    pack = load_pack(pack_id)
    assert set(pack.citations) == RULE_KEYS
    for key, citation in pack.citations.items():
        assert len(pack.sources[key]) >= 10, key
        if citation.basis == "cited":
            assert citation.document and citation.published_in, key
        else:
            assert citation.note, key
        assert not citation.verified, key  # no official publication was at hand
    assert pack.citations["max_hours_per_day"].is_assumption
    assert "no official source found" in pack.sources["max_hours_per_day"]
    assert pack.sources["max_hours_per_day"].startswith("Assumption: ")
    assert pack.citations["time_zone"].basis == "design"
    for key in (
        "cycle_years",
        "window_opens_months_before",
        "window_anchor",
        "first_registration_within_months",
    ):
        citation = pack.citations[key]
        assert (citation.basis, citation.article, citation.date) == (
            "cited",
            "第四条",
            "2009-04-08",
        ), key
        assert citation.document == "民发〔2009〕44号《社会工作者职业水平证书登记办法》"
        assert citation.url.startswith("https://")


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_an_article_number_not_read_in_the_text_says_so(pack_id: str) -> None:
    """123号's hours article is numbered only by a secondary source: the citation says so."""
    citation = load_pack(pack_id).citations["hours_required.intermediate"]
    assert citation.document == "民发〔2009〕123号《社会工作者继续教育办法》"
    assert (citation.article, citation.article_checked) == ("第七条", False)
    assert "第七条 (numbered so by a secondary source)" in citation.summary()
    assert citation.date == "2009-09-07"
    assert load_pack(pack_id).citations["cycle_years"].article_checked


def test_only_cited_rules_may_block() -> None:
    gansu = load_pack("gansu")
    assert not gansu.may_block("max_hours_per_day")
    assert not gansu.may_block("late_hours_required.assistant")  # the article's example
    assert gansu.may_block("hours_required.assistant")
    assert gansu.may_block("late_requires_explanation")
    assert gansu.may_block("evidence_max_bytes")  # swdesk's own file-size limit
    assert not gansu.may_block("no_such_rule")
    assert not load_pack("national").may_block("late_requires_explanation")


def test_gansu_pack_follows_the_article() -> None:
    pack = load_pack("gansu")
    assert (pack.cycle_years, pack.window_opens_months_before, pack.reminder_months_before) == (
        3,
        3,
        6,
    )
    assert dict(pack.hours_required) == dict.fromkeys(CertificateLevel, Decimal("90"))
    assert pack.required_hours(CertificateLevel.ASSISTANT, late=True) == Decimal("120")
    assert pack.late_requires_explanation is True
    assert pack.late_counts_hours_until == "application_date"
    assert pack.max_hours_per_day == Decimal("8")
    assert pack.lump_sum_types == frozenset({ActivityType.DEGREE, ActivityType.RESEARCH})
    assert pack.review_chain == ("city", "province")
    assert [a.name_zh for a in pack.review_authorities] == ["平凉市民政局", "甘肃省民政厅"]
    assert pack.authority("province") is not None
    assert pack.review_deadline_working_days == 30
    assert [(c.code, c.name_zh) for c in pack.counties] == [
        ("620802", "崆峒区"),
        ("620821", "泾川县"),
        ("620822", "灵台县"),
        ("620823", "崇信县"),
        ("620825", "庄浪县"),
        ("620826", "静宁县"),
        ("620881", "华亭市"),
    ]
    assert pack.county("620826") is not None and pack.county("620826").name_zh == "静宁县"  # type: ignore[union-attr]
    assert pack.county("110105") is None
    assert pack.evidence_max_bytes == 10 * 1024 * 1024
    assert pack.region == "CN-GS"
    assert pack.window_anchor == "expiry_date"
    assert pack.first_registration_within_months == 12
    assert pack.time_zone == "Asia/Shanghai"


def test_national_pack() -> None:
    pack = load_pack("national")
    assert pack.hours_required == {
        CertificateLevel.ASSISTANT: Decimal("72"),
        CertificateLevel.INTERMEDIATE: Decimal("90"),
        CertificateLevel.SENIOR: Decimal("90"),
    }
    assert "123号" in pack.sources["hours_required.assistant"]
    assert pack.review_deadline_working_days == 30
    assert pack.counties == ()
    assert pack.cycle_years == 3


def test_load_pack_is_cached() -> None:
    assert load_pack("gansu") is load_pack("gansu")


def test_packs_load_from_a_given_folder(tmp_path: Path) -> None:
    """A folder laid out like the shipped one: its valid packs, its trust lists; a broken
    pack there is left out of the list, a pack it lacks is unknown naming the file."""
    write_pack(tmp_path, pack_text("national"), "national.toml")
    write_pack(tmp_path, "not = a pack", "broken.toml")
    (tmp_path / "national.trust.swdtrust").write_bytes(b"a signed list")
    assert available_packs(tmp_path) == [("national", "全国（民政部）")]
    assert load_pack("national", tmp_path) == load_pack("national")
    assert shipped_trust_file("national", tmp_path) == ("national.trust.swdtrust", b"a signed list")
    assert shipped_trust_file("national") is None
    with pytest.raises(RulePackError) as missing:
        load_pack("gansu", tmp_path)
    assert missing.value.code == "rulepack_unknown"
    assert missing.value.file == str(tmp_path / "gansu.toml")


@pytest.mark.parametrize("pack_id", ["nope", "../gansu", "Gansu", ""])
def test_unknown_pack(pack_id: str) -> None:
    with pytest.raises(RulePackError) as info:
        load_pack(pack_id)
    assert info.value.code == "rulepack_unknown"
    assert info.value.params["pack"] == pack_id


def write_pack(tmp_path: Path, text: str, name: str = "broken.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_invalid(path: Path, fragment: str) -> RulePackError:
    with pytest.raises(RulePackError) as info:
        load_pack_file(path)
    err = info.value
    assert err.code == "rulepack_invalid"
    assert err.params["file"] == str(path)
    assert str(path) in str(err)
    assert fragment in str(err), str(err)
    return err


def test_copy_of_shipped_pack_loads_from_a_file(tmp_path: Path) -> None:
    pack = load_pack_file(write_pack(tmp_path, pack_text("gansu"), "gansu.toml"))
    assert pack == load_pack("gansu")


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("[cycle_years]\nvalue = 3", '[cycle_years]\nvalue = "three"', "cycle_years.value"),
        ("[cycle_years]\nvalue = 3", "[cycle_years]\nvalue = 0", "cycle_years.value"),
        (
            "[max_hours_per_day]\nvalue = 8",
            "[max_hours_per_day]\nvalue = 7.25",
            "max_hours_per_day",
        ),
        ('value = ["degree", "research"]', 'value = ["degree", "thesis"]', "lump_sum_types.value"),
        ('region = "CN-GS"', 'region = "CN-GS"\nregoin = "x"', "regoin"),
        (
            "[reminder_months_before]\nvalue = 6",
            "[reminder_months_before]\nvalue = 2",
            "reminder_months_before",
        ),
        ('{ code = "620821"', '{ code = "620802"', "codes must be unique"),
        ("schema_version = 2", "schema_version = 2\n[[[", "TOML"),
        ("schema_version = 2", "schema_version = 1", "schema_version"),
        (
            '[window_anchor]\nvalue = "expiry_date"',
            '[window_anchor]\nvalue = "renewal_date"',
            "window_anchor.value",
        ),
        ('value = "Asia/Shanghai"', 'value = "Asia/Nowhere"', "time_zone"),
        (
            '[max_hours_per_day]\nvalue = 8\nbasis = "assumption"',
            '[max_hours_per_day]\nvalue = 8\nbasis = "guess"',
            "max_hours_per_day.basis",
        ),
        ('date = "2009-04-08"', 'date = "8 April 2009"', "cycle_years.date"),
        ('url = "https://www.233.com', 'url = "www.233.com', "cycle_years.url"),
    ],
)
def test_broken_pack_raises_naming_the_file(
    tmp_path: Path, old: str, new: str, fragment: str
) -> None:
    text = pack_text("gansu")
    assert old in text
    assert_invalid(write_pack(tmp_path, text.replace(old, new, 1)), fragment)


def _without_line(text: str, table: str, field: str) -> str:
    start = text.index(f"[{table}]")
    line = text.index(f"\n{field} = ", start) + 1
    end = text.index("\n", line)
    return text[:line] + text[end + 1 :]


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ("review_deadline_working_days", "document"),
        ("review_deadline_working_days", "published_in"),
        ("review_deadline_working_days", "verified"),
        ("cycle_years", "basis"),
        ("cycle_years", "article_checked"),
        ("max_hours_per_day", "note"),
    ],
)
def test_rule_without_its_citation_is_rejected(tmp_path: Path, table: str, field: str) -> None:
    broken = _without_line(pack_text("gansu"), table, field)
    assert_invalid(write_pack(tmp_path, broken), table)


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ("review_deadline_working_days", "document"),
        ("max_hours_per_day", "note"),
        ("cycle_years", "article_checked"),
    ],
)
def test_citation_checked_even_when_the_schema_is_skipped(table: str, field: str) -> None:
    """A pack whose bytes passed the schema before is not validated again: the loader still
    refuses a cited rule without its document, or an assumption without its note."""
    data = tomllib.loads(_without_line(pack_text("gansu"), table, field), parse_float=Decimal)
    with pytest.raises(RulePackError) as info:
        pack_from_data(data, file="x.toml", schema_checked=True)
    assert table in info.value.reason


def test_id_must_match_file_name(tmp_path: Path) -> None:
    with pytest.raises(RulePackError) as info:
        load_pack_file(write_pack(tmp_path, pack_text("gansu"), "other.toml"), expected_id="other")
    assert "other.toml" in str(info.value)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes(pack_text("gansu").encode("gbk"))
    assert_invalid(path, "UTF-8")


def test_schema_is_packaged() -> None:
    assert files("swdesk.rulepacks").joinpath("schema.json").is_file()
