"""application.json version 2: the registration's number (登记证书编号).

Version 2 adds `registration.number` and nothing else. A version 1 file (every bundle
written before, and every bundle written today without a number) is still read; a version 1
file that carries a number is invalid; a newer version is refused as made by a newer swdesk.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_bundle import CREATED, GENERATOR, application, members, rebuild, refused, write

from swdesk.bundle import verify_bundle, write_bundle
from swdesk.bundle.checks import application_problem, schema_problem
from swdesk.domain.errors import UserFixableError

MEMBERS = [
    ("form.pdf", "form"),
    ("photo.jpg", "photo"),
    ("evidence/" + "0" * 64 + ".pdf", "evidence"),
]


def numbered(number: str = "甘社登字620802-2022-0137", version: int = 2) -> dict[str, Any]:
    app = application()
    app["format_version"] = version
    app["registration"]["number"] = number
    return app


def _with(app: dict[str, Any]) -> Callable[[list[tuple[str, bytes]]], list[tuple[str, bytes]]]:
    return lambda entries: [
        (n, json.dumps(app, ensure_ascii=False).encode() if n == "application.json" else d)
        for n, d in entries
    ]


def test_version_2_with_a_number_is_read_back(tmp_path: Path) -> None:
    info = write(tmp_path, app=numbered())
    verified = verify_bundle(info.path)
    assert verified.application["format_version"] == 2
    assert verified.application["registration"]["number"] == "甘社登字620802-2022-0137"


def test_version_1_without_a_number_is_still_read(tmp_path: Path) -> None:
    info = write(tmp_path)  # application() is a version 1 file, as written before
    verified = verify_bundle(info.path)
    assert "number" not in verified.application["registration"]


@pytest.mark.parametrize(
    ("app", "reason"),
    [
        (numbered(version=1), "registration"),  # version 1 has no number
        (numbered(""), "registration"),  # present means known: never empty
        (numbered("   "), "registration"),
        (numbered("9" * 41), "registration"),  # 40 characters at most
        (numbered("GS\n2022"), "registration"),  # one line
    ],
)
def test_bad_numbers_are_refused(tmp_path: Path, app: dict[str, Any], reason: str) -> None:
    assert application_problem(app, MEMBERS) is not None
    info = write(tmp_path)
    error = refused(rebuild(info.path, tmp_path / "x.swdapp", edit_members=_with(app)))
    assert (error.code, error.member) == ("application_invalid", "application.json")
    assert reason in error.reason


def test_forty_characters_and_a_version_2_first_registration_pass_the_schema() -> None:
    assert schema_problem("application", numbered("号" * 40)) is None
    first = application()
    first["application"]["kind"] = "first"
    first["registration"] = None
    first["format_version"] = 2
    assert schema_problem("application", first) is None
    assert schema_problem("application", numbered("号" * 41)) is not None


def test_the_writer_names_a_number_it_cannot_hold(tmp_path: Path) -> None:
    """A number stored without the service's check (an older version, a hand-edited
    database) is refused by the writer with the field's name, never as a bug."""
    with pytest.raises(UserFixableError) as refusal:
        write_bundle(
            tmp_path / "x.swdapp",
            members(tmp_path, app=numbered("GS\t2022\n1")),
            created_at=CREATED,
            generator=GENERATOR,
        )
    assert (refusal.value.code, dict(refusal.value.params)) == (
        "bundle_field_invalid",
        {"field": "registration_number"},
    )
    assert not (tmp_path / "x.swdapp").exists()
