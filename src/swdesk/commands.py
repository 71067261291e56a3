"""The command-line commands (no window): profile list, application export, bundle verify
(backup, review, trust and decision in their own modules).

Output is one line per fact, in a form scripts can read; exit 0 on success, 1 when the
request was refused (fix list open, bundle damaged, data folder unusable), with one line
`error: <code>: <English reason>; key=value ...` on stderr (`print_error`). No command
prints a traceback: an unexpected exception is logged and said as `internal_error`.

A command never creates a database in a folder that holds saved files but no usable
database (`error: database_missing ...`), and says "disk_full", "database_read_only",
"database_unreadable" or "database_corrupt" for what it found. When opening moved stored
files no record refers to into `recovered/`, one `notice:` line on stderr says where; when
today's date is before the last start or a recorded date, a `notice:` line says the clock
may be wrong.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .domain.errors import UserFixableError
from .paths import resolve_data_dir

if TYPE_CHECKING:  # the services load only for the command that needs them
    from .services.workspace import Workspace


def run_command(args: argparse.Namespace, out: TextIO = sys.stdout,
                err: TextIO = sys.stderr) -> int:
    """Run one command; its exit status. Never a traceback: a refusal is one `error:` line
    (exit 1); a closed standard output (`swdesk profile list | head -0`) ends the command
    quietly (exit 1); any other exception is logged with its traceback to the log file and
    said as `error: internal_error: <class>; details in <log file>` (exit 1)."""
    try:
        status = _dispatch(args, out, err)
        out.flush()
        return status
    except BrokenPipeError:
        _silence_closed_output(out)
        return 1
    except UserFixableError as error:
        return print_error(err, error.code, error.params)
    except Exception as error:  # the last guard: said in one line, logged whole
        log_path = _log_internal_error(args, error)
        where = str(log_path) if log_path is not None else "no log file (cannot write one)"
        print(f"error: internal_error: {type(error).__name__}; details in {where}", file=err)
        return 1


def _silence_closed_output(out: TextIO) -> None:
    """After the reader of standard output went away: point it at the null device, so that
    Python's flush at exit does not complain about the broken pipe."""
    import os

    try:
        fileno = out.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a StringIO in tests)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fileno)
        os.close(devnull)
    except OSError:
        pass


def _log_internal_error(args: argparse.Namespace, error: BaseException) -> Path | None:
    """Write `error` with its traceback to the log file (the data folder's `logs/` in
    portable mode, else the user log folder, as the window does); the file or None."""
    import logging

    from platformdirs import user_log_dir

    from .logging_setup import setup_logging

    log_dir = Path(user_log_dir("swdesk", appauthor=False))
    try:
        data_dir, origin = resolve_data_dir(getattr(args, "sub_data_dir", None)
                                            or getattr(args, "data_dir", None))
        if origin == "portable":
            log_dir = data_dir / "logs"
    except Exception:  # the log folder is a best effort
        pass
    path = setup_logging(log_dir)
    logging.getLogger("swdesk.commands").error(
        "command %s %s failed unexpectedly", args.command, getattr(args, "action", ""),
        exc_info=(type(error), error, error.__traceback__))
    return path


def _dispatch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "review":
        from .commands_review import run_review_command

        return run_review_command(args, out, err)
    if args.command == "backup":
        from .commands_backup import run_backup_command

        return run_backup_command(args, out, err)
    if args.command in ("trust", "decision"):
        from .commands_decision import run_decision_command

        return run_decision_command(args, out, err)
    try:
        if args.command == "bundle":
            return _bundle_verify(Path(args.file), out, err)
        data_dir, _origin = resolve_data_dir(args.sub_data_dir or args.data_dir)
        workspace = open_practitioner_workspace(data_dir, err)
        try:
            if args.command == "profile":
                return _profile_list(workspace, out)
            return _application_export(workspace, args, out)
        finally:
            workspace.close()
    except UserFixableError as error:
        return print_error(err, error.code, error.params)


def open_practitioner_workspace(data_dir: Path, err: TextIO) -> Workspace:
    """Open the data folder for a command (never as a new folder when it holds saved files:
    `DatabaseMissing`); a one-line notice on `err` when the sweep moved files aside."""
    from .services.workspace import open_workspace

    workspace = open_workspace(data_dir)
    recovered = workspace.recovered
    if recovered is not None:
        print(f"notice: moved {recovered.count} stored file(s) no record refers to into "
              f"{recovered.folder}", file=err)
    doubt = workspace.clock_doubt
    if doubt is not None:
        seen = ("swdesk last started on" if doubt.source == "last_start" else
                "a record is dated")
        print(f"notice: today's date {doubt.today.isoformat()} (China time) is before "
              f"{doubt.latest_seen.isoformat()}: {seen} that day. Check the computer's date "
              "and time: deadlines are judged by it", file=err)
    return workspace


def format_params(params: dict[str, Any]) -> str:
    """`key=value` pairs, sorted by key, for one line of output."""
    return " ".join(f"{k}={v}" for k, v in sorted(params.items()))


def print_error(err: TextIO, code: str, params: dict[str, Any],
                reason: str | None = None) -> int:
    """The one line every refusal prints on stderr: `error: <code>: <reason>; key=value
    ...` (the reason in English, `commands_errors`; the details only when there are any);
    returns exit status 1."""
    from .commands_errors import error_reason

    details = format_params(params)
    line = f"error: {code}: {reason or error_reason(code)}" + (f"; {details}" if details
                                                                 else "")
    print(" ".join(line.splitlines()), file=err)  # a name holding a newline stays one line
    return 1


def require_suffix(path: str | None, suffix: str) -> None:
    """Refuse (`wrong_extension`) a file to write whose name does not end in `suffix`,
    before anything is done: a roster named .csv or a key named .txt is a typing mistake."""
    if path is not None and Path(path).suffix.lower() != suffix:
        raise UserFixableError("wrong_extension", file=Path(path).name, expected=suffix)


def _profile_list(workspace: Workspace, out: TextIO) -> int:
    from .storage.sealing import ProfileLocked

    for profile in workspace.profiles.list_profiles():
        try:
            state = workspace.dashboard.status_for(profile.id).state.value
        except ProfileLocked:
            state = "locked"
        masked = "(encrypted)" if profile.sealed else profile.masked_id_number
        print(f"{profile.id}\t{profile.name}\t{masked}\t{state}", file=out)
    return 0


def _unlock(workspace: Workspace, pid: int, pin_file: str | None) -> None:
    """Unlock a PIN-protected profile with the PIN from `pin_file` or SWDESK_PIN."""
    import os

    if not workspace.profiles.has_pin(pid):
        return
    pin = os.environ.get("SWDESK_PIN", "")
    if pin_file:
        try:
            pin = Path(pin_file).read_text(encoding="utf-8").splitlines()[0].strip()
        except (OSError, UnicodeDecodeError, IndexError) as error:
            raise UserFixableError("file_unreadable", file=Path(pin_file).name) from error
    if not pin or not workspace.profiles.unlock(pid, pin):
        raise UserFixableError("wrong_pin", profile=pid)


def _application_export(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    from dataclasses import replace

    from .bundle import BUNDLE_SUFFIX
    from .domain.application import MaterialRole
    from .services.applications import FixListOpen

    require_suffix(args.out, BUNDLE_SUFFIX)
    if args.profile not in {profile.id for profile in workspace.profiles.list_profiles()}:
        raise UserFixableError("profile_unknown", profile=args.profile)
    _unlock(workspace, args.profile, args.pin_file)
    service = workspace.applications
    draft = service.current_draft(args.profile)
    if args.photo:
        draft = service.attach(draft, MaterialRole.PHOTO, Path(args.photo))
    if args.accept_declaration and not draft.declaration_accepted:
        draft = replace(draft, declaration_accepted=True,
                        declaration_accepted_at=datetime.now().replace(microsecond=0))
    try:
        result = service.export(draft, Path(args.out))
    except FixListOpen as refused:
        print(f"refused: {len(refused.items)} item(s) in the fix list", file=out)
        for item in refused.items:
            params = " ".join(f"{k}={v}" for k, v in item.params.items())
            print(f"- {item.code} [{item.page.value}] {params}".rstrip(), file=out)
        return 1
    print(f"exported {result.path} bundle={result.bundle_id} "
          f"content={result.content_digest}", file=out)
    return 0


def _bundle_verify(path: Path, out: TextIO, err: TextIO) -> int:
    from .bundle import BundleError, verify_bundle

    try:
        verified = verify_bundle(path)
    except BundleError as error:
        return print_error(err, error.code, {}, reason=error.one_line())
    print(verified.summary(), file=out)
    return 0
