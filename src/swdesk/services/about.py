"""What the About dialog shows: swdesk's name and version, and the licences of everything
swdesk ships (the font, the Python runtime, Qt and each Python library).

The list lives in `resources/licenses/index.json`, written by `scripts/collect_licenses.py`
from the installed packages' metadata together with the full licence texts beside it. At run
time the version and licence of each library are read again from its package metadata
(`importlib.metadata`) when it is there; the index is the fallback (a frozen build may lack
some metadata). No Qt here.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from email.message import Message
from functools import cache
from importlib import metadata, resources
from typing import Any, cast

LICENSE_INDEX = "licenses/index.json"
# Classifiers for packages whose metadata carries neither an SPDX expression nor a short
# "License" field.
_CLASSIFIER_LICENSES = {
    "License :: OSI Approved :: BSD License": "BSD",
    "License :: OSI Approved :: MIT License": "MIT",
    "License :: OSI Approved :: Apache Software License": "Apache-2.0",
}


@dataclass(frozen=True, slots=True)
class Component:
    """One thing swdesk ships, with its licence."""

    name: str
    kind: str  # "application", "font", "runtime" or "library"
    version: str
    license: str  # an SPDX expression where the package gives one
    files: tuple[str, ...]  # licence texts, paths inside swdesk.resources
    distribution: str | None = None  # the Python package it comes from


def license_of(distribution: metadata.Distribution) -> str | None:
    """The licence a package declares: its SPDX `License-Expression`, else a short
    `License` field, else its licence classifier."""
    # importlib.metadata's PackageMetadata is an email Message, whose get() returns None for
    # a missing field (the protocol types only [] and get_all())
    meta = cast(Message, distribution.metadata)
    expression = meta.get("License-Expression")
    if expression:
        return str(expression).strip()
    declared = str(meta.get("License") or "").strip()
    if declared and "\n" not in declared and len(declared) <= 80:
        return declared
    for classifier in meta.get_all("Classifier") or []:
        if classifier in _CLASSIFIER_LICENSES:
            return _CLASSIFIER_LICENSES[classifier]
    return None


@cache
def _index() -> tuple[dict[str, Any], ...]:
    text = resources.files("swdesk.resources").joinpath(LICENSE_INDEX).read_text("utf-8")
    return tuple(json.loads(text)["components"])


def bundled_components() -> list[Component]:
    """Everything listed in the licence index, versions and licences from the installed
    metadata where available."""
    result = []
    for entry in _index():
        dist_name = entry.get("distribution")
        version = str(entry.get("version") or "")
        license_text = str(entry["license"])
        if entry["kind"] == "runtime":
            version = platform.python_version()
        if isinstance(dist_name, str):
            try:
                dist = metadata.distribution(dist_name)
            except metadata.PackageNotFoundError:
                pass
            else:
                version = dist.version
                license_text = license_of(dist) or license_text
        result.append(
            Component(
                name=str(entry["name"]),
                kind=str(entry["kind"]),
                version=version,
                license=license_text,
                files=tuple(str(f) for f in entry["files"]),
                distribution=dist_name if isinstance(dist_name, str) else None,
            )
        )
    return result


def license_text(component: Component) -> str:
    """The full licence text(s) of `component`, joined with a heading per file."""
    base = resources.files("swdesk.resources")
    parts = []
    for name in component.files:
        with base.joinpath(name).open("r", encoding="utf-8", errors="replace") as file:
            body = file.read()
        parts.append(body if len(component.files) == 1 else f"==== {name} ====\n\n{body}")
    return "\n\n".join(parts)
