"""The bundle writer never crashes on a typed value the format cannot hold: it refuses
with a UserFixableError naming the field (never the value, which may be an ID number), and
keeps BundleContentError for what only a bug can cause."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from test_bundle import CREATED, GENERATOR, application, members

from swdesk.bundle import BundleContentError, write_bundle
from swdesk.domain.errors import UserFixableError


def _with(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    app = application()
    node = app
    for key in path[:-1]:
        node = node[key] if not isinstance(node, list) else node[int(key)]
    node[path[-1]] = value
    return app


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("applicant", "employer_credit_code"), "９１３２０000MB151840XJ", "employer_credit_code"),
        (("applicant", "employer_credit_code"), "11320000\tMB151840XJ", "employer_credit_code"),
        (("applicant", "id_number"), "110105\t19491231002X", "id_number"),
        (("applicant", "id_number"), "11010519491231002x", "id_number"),
        (("applicant", "employer"), "阳光\t社工中心", "employer"),
        (("applicant", "phone"), "139\t12345678", "phone"),
        (("certificate", "number"), "A 2019 1", "certificate_number"),
        (("late_explanation",), "住院\x07治疗", "late_explanation"),
        (("activities", "0", "title"), "伦理\t培训", "title"),
        (("activities", "0", "organiser"), "民政局\n", "organiser"),
    ],
)
def test_a_typed_value_the_format_cannot_hold_names_its_field(
    tmp_path: Path, path: tuple[str, ...], value: str, field: str
) -> None:
    dest = tmp_path / "x.swdapp"
    with pytest.raises(UserFixableError) as caught:
        write_bundle(
            dest, members(tmp_path, app=_with(path, value)), created_at=CREATED, generator=GENERATOR
        )
    assert caught.value.code == "bundle_field_invalid"
    assert caught.value.params == {"field": field}
    assert value not in str(caught.value) and value not in repr(caught.value.params)
    assert os.listdir(tmp_path) == ["sources"]  # nothing written


def test_a_malformed_structure_is_still_a_bug(tmp_path: Path) -> None:
    app = application()
    app["hours"]["required"] = "seventy-two"  # computed by swdesk, never typed
    with pytest.raises(BundleContentError):
        write_bundle(
            tmp_path / "x.swdapp",
            members(tmp_path, app=app),
            created_at=CREATED,
            generator=GENERATOR,
        )
