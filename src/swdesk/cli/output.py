"""What every command shares: the streams and environment it runs with, and the one-line
refusal `error: <code>: <reason>; key=value ...` on stderr.

Output is one line per fact, in a form scripts can read; exit 0 on success, 1 when the
request was refused, with the `error:` line (`print_error`).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..domain.errors import UserFixableError


@dataclass(frozen=True)
class Console:
    """Where a command writes (`out`, `err`), what it reads (`stdin`: the ID number of
    `review delete-person --id-number -`, the typed yes of a confirmation) and the
    environment it takes secrets from (SWDESK_PIN, SWDESK_REVIEW_PASSWORD)."""

    out: TextIO
    err: TextIO
    stdin: TextIO
    env: Mapping[str, str]


# Every command's handler, set on its parser with `set_defaults(handler=...)`: the parsed
# options and the console in, the exit status out.
Handler = Callable[[argparse.Namespace, Console], int]


def format_params(params: dict[str, Any]) -> str:
    """`key=value` pairs, sorted by key, for one line of output."""
    return " ".join(f"{k}={v}" for k, v in sorted(params.items()))


def print_error(err: TextIO, code: str, params: dict[str, Any], reason: str | None = None) -> int:
    """The one line every refusal prints on stderr: `error: <code>: <reason>; key=value
    ...` (the reason in English, `reasons`; the details only when there are any);
    returns exit status 1."""
    from .reasons import error_reason

    details = format_params(params)
    line = f"error: {code}: {reason or error_reason(code)}" + (f"; {details}" if details else "")
    print(" ".join(line.splitlines()), file=err)  # a name holding a newline stays one line
    return 1


def require_suffix(path: str | None, suffix: str) -> None:
    """Refuse (`wrong_extension`) a file to write whose name does not end in `suffix`,
    before anything is done: a roster named .csv or a key named .txt is a typing mistake."""
    if path is not None and Path(path).suffix.lower() != suffix:
        raise UserFixableError("wrong_extension", file=Path(path).name, expected=suffix)


class ProgressLines:
    """Progress of a long command on stderr, for the person at the terminal: a line when a
    new step starts (`what`), and its count again at most every `interval` seconds, e.g.
    `moving: applications 40000`. Called as `progress(what, count)`; never cancels."""

    def __init__(
        self,
        err: TextIO,
        label: str,
        *,
        interval: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._err, self._label, self._interval, self._clock = err, label, interval, clock
        self._what: str | None = None
        self._last = 0.0

    def __call__(self, what: str, count: int) -> None:
        now = self._clock()
        if what == self._what and now - self._last < self._interval:
            return
        self._what, self._last = what, now
        print(f"{self._label}: {what} {count}", file=self._err, flush=True)
