"""Every character the UI and the PDFs write themselves is in the shipped GBK font subset, so
nothing shows as a box on a machine without other fonts."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _offending(text: str) -> set[str]:
    bad = set()
    for char in text:
        if ord(char) < 128 or char == "\ufeff":  # ASCII, or the BOM of a CSV file
            continue
        try:
            char.encode("gbk")
        except UnicodeEncodeError:
            bad.add(char)
    return bad


def _string_literals(source: str) -> list[str]:
    """String constants of a module, docstrings excluded (they are never shown)."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_source_literals_are_gbk() -> None:
    for folder in ("ui", "pdf", "services"):
        for path in (ROOT / "src" / "swdesk" / folder).rglob("*.py"):
            bad = set().union(
                *map(_offending, _string_literals(path.read_text(encoding="utf-8"))), set()
            )
            assert not bad, f"{path.name} uses characters outside the font: {sorted(bad)}"


def test_translations_are_gbk() -> None:
    tree = ET.parse(ROOT / "resources" / "translations" / "swdesk_zh_CN.ts")
    for message in tree.iter("message"):
        translation = message.find("translation")
        text = "".join(translation.itertext()) if translation is not None else ""
        assert not _offending(text), f"{message.findtext('source')!r}: {_offending(text)}"
