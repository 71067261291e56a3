"""Every code the lower layers can produce has a sentence in both languages."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from swdesk.domain.errors import FieldIssue, UserFixableError
from swdesk.ui.i18n import install_language
from swdesk.ui.texts import error_text, field_label, issue_text

SRC = Path(__file__).resolve().parents[2] / "src" / "swdesk"
ISSUE = re.compile(r'FieldIssue\(\s*[^,()]+,\s*"([a-z_]+)"', re.S)
ERROR = re.compile(r'(?:UserFixableError|super\(\)\.__init__)\(\s*"([a-z_]+)"', re.S)
FIELD = re.compile(r'FieldIssue\(\s*"([a-z_]+)"', re.S)


def _codes(pattern: re.Pattern[str]) -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def _is_fallback(text: str, code: str, language: str) -> bool:
    """The generic sentence (what a code without its own text gets), or the bare code."""
    generic = {
        issue_text(FieldIssue("name", "__no_such_code__")),
        error_text(UserFixableError("__no_such_code__")),
    }
    return (
        text in generic or code in text
        if language == "zh_CN"
        else (text in generic or f"({code})" in text or text == code)
    )


def _user_fixable_codes() -> set[str]:
    """Every code a UserFixableError (or any subclass) is raised with anywhere in src: a
    literal first argument, or a `code = "a" if ... else "b"` passed on as `code`."""
    sources = [p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")]
    classes = {"UserFixableError"}
    while True:
        found = {
            name
            for text in sources
            for name, bases in re.findall(r"class (\w+)\(([^)]*)\)", text)
            if any(b.strip() in classes for b in bases.split(","))
        }
        if found <= classes:
            break
        classes |= found
    call = re.compile(
        rf"\b(?:{'|'.join(sorted(classes))}|super\(\)\.__init__)"
        r'\(\s*"([a-z_]+)"',
        re.S,
    )
    chosen = re.compile(r'\bcode\s*=\s*"([a-z_]+)"(?:\s+if\b[^\n]*?\belse\s+"([a-z_]+)")?')
    codes: set[str] = set()
    for text in sources:
        codes.update(call.findall(text))
        if re.search(r"Error\(\s*code\b", text):
            for first, second in chosen.findall(text):
                codes.update(c for c in (first, second) if c)
    return codes


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_issue_code_has_a_sentence(
    qapp: QApplication, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SWDESK_STRICT_TEXTS")  # sample params: the sentence, not its filling
    install_language(qapp, language)
    codes = _codes(ISSUE)
    assert len(codes) > 25
    for code in sorted(codes):
        text = issue_text(FieldIssue("name", code, {"max": 3, "min": 1}))
        assert not _is_fallback(text, code, language), f"no message for issue code {code!r}"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_error_code_has_a_sentence_naming_the_file(
    qapp: QApplication, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SWDESK_STRICT_TEXTS")  # sample params: the sentence, not its filling
    install_language(qapp, language)
    from swdesk.bundle import BUNDLE_ERROR_CODES
    from swdesk.signing import SIGNING_ERROR_CODES

    codes = (_codes(ERROR) | set(BUNDLE_ERROR_CODES) | set(SIGNING_ERROR_CODES)) - {
        "validation_failed"
    }
    assert {"already_running", "database_corrupt", "file_too_large", "disk_full"} <= codes
    for code in sorted(codes):
        text = error_text(
            UserFixableError(
                code, file="证书.pdf", path="/data", max_mb=20, reason="x", pack="gansu"
            )
        )
        assert not _is_fallback(text, code, language), f"no message for error code {code!r}"
        if code.startswith("file_"):
            assert "证书.pdf" in text


def test_every_field_has_a_label(qapp: QApplication) -> None:
    install_language(qapp, "zh_CN")
    for field in _codes(FIELD):
        assert field_label(field) != field, f"no label for field {field!r}"
    assert field_label("id_number") == "公民身份号码"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_error_text_never_shows_a_bare_code(
    qapp: QApplication, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every code raised anywhere in src, through any subclass, has its own plain sentence:
    never the code itself, never the generic stand-in. (Sample params: whether each
    sentence fills from its raise sites' params is the test further down.)"""
    monkeypatch.delenv("SWDESK_STRICT_TEXTS")
    install_language(qapp, language)
    from swdesk.bundle import BUNDLE_ERROR_CODES
    from swdesk.signing import SIGNING_ERROR_CODES

    codes = _user_fixable_codes() | set(BUNDLE_ERROR_CODES) | set(SIGNING_ERROR_CODES)
    assert {
        "database_corrupt",
        "profile_locked",
        "rulepack_invalid",
        "not_writable",
        "forward_invalid",
        "fix_list_open",
    } <= codes
    generic = error_text(UserFixableError("__no_such_code__"))
    assert "__no_such_code__" not in generic
    missing = []
    for code in sorted(codes - {"validation_failed"}):
        text = error_text(UserFixableError(code, file="a.pdf", path="/data", count=2))
        if text == generic or code in text:
            missing.append(code)
    assert missing == [], f"codes without a sentence: {missing}"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_review_check_details_show_no_internal_names(qapp: QApplication, language: str) -> None:
    """What the reviewer reads beside an automatic check: words, not member names, keys or
    error codes."""
    from types import SimpleNamespace

    from swdesk.ui.texts import check_detail_text

    install_language(qapp, language)
    checks = [
        (
            "materials_present",
            False,
            {"missing": ["form.pdf", "photo.jpg", "evidence", "late_explanation"]},
        ),
        (
            "photo_acceptable",
            False,
            {
                "problem": "photo_too_small",
                "width": 100,
                "height": 120,
                "min_width": 354,
                "min_height": 472,
            },
        ),
        ("photo_acceptable", False, {"problem": "photo_not_image"}),
        (
            "pdf_matches_json",
            False,
            {"mismatch": ["name", "id_number", "uid", "version", "hours"], "pages": 2},
        ),
        ("pdf_matches_json", False, {"problem": "too_large", "max_bytes": 1}),
        ("pdf_matches_json", False, {"problem": "unreadable", "reason": "x"}),
    ]
    raw = {
        "form.pdf",
        "late_explanation",
        "photo_too_small",
        "photo_not_image",
        "id_number",
        "uid",
        "too_large",
        "unreadable",
        "max_bytes",
    }
    for code, passed, params in checks:
        text = check_detail_text(SimpleNamespace(code=code, passed=passed, params=params))
        assert text and not [r for r in raw if r in text], (code, text)


def test_english_sources_use_english_quotes() -> None:
    """The English texts quote with "…" (or ‘…’); the Chinese quotes “…” and 「…」 belong to
    the Chinese translations only."""
    import xml.etree.ElementTree as ET

    ts = SRC.parents[1] / "resources" / "translations" / "swdesk_zh_CN.ts"
    chinese_quotes = set("“”「」『』")
    wrong = [
        f"{context.findtext('name')}: {source[:70]}"
        for context in ET.parse(ts).iter("context")
        for source in (m.findtext("source") or "" for m in context.iter("message"))
        if chinese_quotes & set(source)
    ]
    assert wrong == []


# -- placeholders ---------------------------------------------------------------------------


def test_fill_replaces_every_placeholder_in_one_pass() -> None:
    """A value that itself contains "%2" stays as it is: chained `.replace("%1", …)
    .replace("%2", …)` would substitute it again."""
    from swdesk.ui.texts import fill

    assert fill("%1 and %2", "%2 percent", "x") == "%2 percent and x"
    assert "%1 and %2".replace("%1", "%2 percent").replace("%2", "x") == "x percent and x"
    assert fill("%2 before %1", "a", "b") == "b before a"
    assert fill("the 10%1 rule", "x") == "the 10x rule"


def test_a_placeholder_mismatch_raises_in_tests_and_is_logged_for_the_user(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Under the test suite (SWDESK_STRICT_TEXTS) a sentence whose placeholders and values
    differ raises; a user still gets the sentence, and the log says what went wrong."""
    from swdesk.ui.texts import TextFormatError, fill, fill_named

    with pytest.raises(TextFormatError):
        fill("%1 of %2 hours", "3")
    assert fill("One activity, %2 hours", "1", "3") == "One activity, 3 hours"
    with pytest.raises(TextFormatError):
        fill_named("%(counted)s of %(required)s hours", {"counted": 3})
    monkeypatch.delenv("SWDESK_STRICT_TEXTS")
    with caplog.at_level("ERROR", logger="swdesk.ui.texts"):
        assert fill("%1 of %2 hours", "3") == "3 of %2 hours"
        assert fill_named("%(counted)s of %(required)s hours", {"counted": 3}) == (
            "%(counted)s of %(required)s hours"
        )
    assert len([r for r in caplog.records if r.levelname == "ERROR"]) == 2


@functools.cache  # both languages' tests read the same sources
def _raise_sites() -> list[tuple[str, str, set[str] | None]]:
    """(class, code, keyword names) of every `UserFixableError` (or subclass) and
    `FieldIssue` built in src with a literal code; None where the params are not literal
    (`**params`, a dict variable): those sites cannot be checked here."""
    import ast

    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in SRC.rglob("*.py")]
    classes = {"UserFixableError"}
    while True:
        found = {
            node.name
            for tree in trees
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef)
            and any(isinstance(b, ast.Name) and b.id in classes for b in node.bases)
        }
        if found <= classes:
            break
        classes |= found
    sites: list[tuple[str, str, set[str] | None]] = []
    for tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = (
                node.func.id
                if isinstance(node.func, ast.Name)
                else (node.func.attr if isinstance(node.func, ast.Attribute) else "")
            )
            literal = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if (
                name == "__init__"
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Call)
                and isinstance(node.func.value.func, ast.Name)
                and node.func.value.func.id == "super"
            ):
                name = "UserFixableError"  # a subclass's super().__init__("code", ...)
            if name in classes and node.args and isinstance(node.args[0], ast.Constant):
                keys = {k.arg for k in node.keywords if k.arg is not None}
                dynamic = any(k.arg is None for k in node.keywords) or len(node.args) > 1
                sites.append(("error", str(node.args[0].value), None if dynamic else keys))
            elif (
                name == "FieldIssue"
                and len(node.args) >= 2
                and len(literal) >= 1
                and isinstance(node.args[1], ast.Constant)
            ):
                params = (
                    node.args[2]
                    if len(node.args) > 2
                    else next((k.value for k in node.keywords if k.arg == "params"), None)
                )
                if params is None:
                    sites.append(("issue", str(node.args[1].value), set()))
                elif isinstance(params, ast.Dict) and all(
                    isinstance(k, ast.Constant) for k in params.keys
                ):
                    sites.append(
                        (
                            "issue",
                            str(node.args[1].value),
                            {str(k.value) for k in params.keys if isinstance(k, ast.Constant)},
                        )
                    )
                else:
                    sites.append(("issue", str(node.args[1].value), None))
    return sites


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_sentence_fills_from_the_params_its_raise_sites_give(
    qapp: QApplication, language: str
) -> None:
    """Every error and field issue built in src with literal params renders with exactly
    those params: a sentence naming a param no raise site gives would show "%(name)s" to
    the user (and raises here, under SWDESK_STRICT_TEXTS)."""
    install_language(qapp, language)
    sites = _raise_sites()
    checked = [s for s in sites if s[2] is not None]
    assert len({code for kind, code, _ in checked if kind == "error"}) > 60
    assert len({code for kind, code, _ in checked if kind == "issue"}) > 25
    failures = []
    for kind, code, keys in checked:
        params = {key: "7" for key in keys or ()}
        try:
            if kind == "error":
                error_text(UserFixableError(code, **params))
            else:
                issue_text(FieldIssue("name", code, params), with_field=True)
        except Exception as error:  # noqa: BLE001 - every failing site is listed
            failures.append(f"{kind} {code} {sorted(params)}: {error}")
    assert failures == []


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_fix_list_line_fills_the_field_issue_with_its_own_params(
    qapp: QApplication, language: str
) -> None:
    """The fix list names a profile field's problem with the issue's figures (the precheck
    passes them beside "field" and "issue"), never a bare "%(max)s"."""
    from swdesk.domain.fix_list import FixItem, WizardPage
    from swdesk.ui.texts import fix_item_text

    install_language(qapp, language)
    text = fix_item_text(
        FixItem(
            "profile_invalid",
            WizardPage.PROFILE,
            {"field": "years_in_social_work", "issue": "years_range", "max": 60},
        )
    )
    assert "60" in text and "%" not in text
    assert field_label("years_in_social_work") in text
