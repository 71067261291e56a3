"""A package's names load on first use: the module behind a name is imported only when the
name is asked for, then kept; an unknown name is an AttributeError naming the package."""

from __future__ import annotations

import subprocess
import sys

import pytest

import swdesk.pdf

PROBE = """
import sys
import swdesk.pdf
before = "reportlab" in sys.modules, "swdesk.pdf.form" in sys.modules
render = swdesk.pdf.render_application_form
after = "swdesk.pdf.form" in sys.modules
print(before, after, render is swdesk.pdf.render_application_form)
"""


def test_a_name_loads_its_module_when_first_asked_for() -> None:
    shown = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert shown == ["(False,", "False)", "True", "True"]


def test_an_unknown_name_names_the_package() -> None:
    with pytest.raises(AttributeError, match="'swdesk.pdf' has no attribute 'render_form'"):
        swdesk.pdf.render_form  # noqa: B018 - the attribute access is the test


def test_dir_lists_the_names_not_yet_loaded() -> None:
    assert {"render_application_form", "qr_symbol", "ensure_font"} <= set(dir(swdesk.pdf))
