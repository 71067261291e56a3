"""The writer process of the crash tests: writes through swdesk until it is killed.

`sys.executable crash_worker.py MODE ARGS...` runs one writer: it prints "ready" once
everything is open, then one line per unit of work AFTER that work is durable (the commit
returned), flushing each line, so the parent knows what it must find after a SIGKILL.

- `activities DB ROUND PRACTITIONER_ID`: adds activities with evidence rows, one
  transaction each, forever. Line: "<activity id> <n> <digest>".
- `import REVIEW_ROOT PASSWORD FOLDER TODAY`: opens the reviewer workspace and imports
  every bundle in FOLDER with `ReviewService.import_files`. Line per file:
  "file <done>/<total>", then "done <imported> <duplicate> <refused>".

- `writes ROOT`: runs a whole session (practitioner and two review offices, every kind of
  file swdesk writes) inside ROOT while recording, with an audit hook, every file opened
  for writing, every rename and every fsync under ROOT; prints them as one JSON list.

`sys.executable crash_worker.py serve` is a fork server, so that fifty rounds do not pay
fifty interpreter and SQLAlchemy start-ups: it imports swdesk once, then for each line
"MODE ARGS..." read from stdin forks one writer whose stdout is a fresh pipe, prints
"pid <pid>", relays the writer's lines as they come, and prints "end" when the writer is
gone (killed or finished). The parent kills the writer, never the server.

`planned_activity` and `activity_digest` are shared with the parent test, which rebuilds
every row it finds from its title and compares all fields.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import random
import re
import shlex
import signal
import sys
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.domain.models import Activity, EvidenceFile

TITLE = re.compile(r"^第(\d+)轮第(\d+)次")
_ORGANISERS = ("甘肃省社会工作协会", "平凉市民政局", "兰州大学社会工作系", "崆峒区社工站")
_SENTENCE = "在社区矫正个案中练习了动机式访谈，并与督导讨论了保密例外的处理。"


def planned_activity(round_no: int, n: int) -> Activity:
    """The n-th activity the worker of round `round_no` writes (deterministic).

    Reflections run from empty to the 2,000-character maximum, so some transactions need
    overflow pages and some fit in one page; evidence rows vary from none to three.
    """
    rng = random.Random(round_no * 1_000_003 + n)
    end = date(2023, 1, 1) + timedelta(days=rng.randrange(900))
    start = end - timedelta(days=rng.randrange(3))
    evidence = tuple(
        EvidenceFile(
            original_name=f"第{round_no}轮证明{n}-{k}.pdf",
            stored_name=f"{_hex(round_no, n, k)}.pdf",
            sha256=_hex(round_no, n, k),
            size=rng.randrange(1_000, 5_000_000),
            media_type="application/pdf",
        )
        for k in range(rng.randrange(4))
    )
    learnt = (_SENTENCE * 70)[: rng.randrange(2001)]
    return Activity(
        title=f"第{round_no}轮第{n}次 社会工作伦理与实务培训",
        organiser=rng.choice(_ORGANISERS),
        activity_type=rng.choice(list(ActivityType)),
        content_area=rng.choice(list(ContentArea)),
        start_date=start,
        end_date=end,
        hours=Decimal(rng.randrange(1, 240)).scaleb(-1),
        reflection_learnt=learnt,
        reflection_change="个案记录中写明保密例外" if n % 2 else "",
        evidence=evidence,
    )


def _hex(round_no: int, n: int, k: int) -> str:
    return hashlib.sha256(f"{round_no}/{n}/{k}".encode()).hexdigest()


def key_of(activity: Activity) -> tuple[int, int]:
    """(round, n) of an activity written by the worker, read from its title."""
    found = TITLE.match(activity.title)
    if found is None:
        raise ValueError(f"not written by the crash worker: {activity.title!r}")
    return int(found[1]), int(found[2])


def without_ids(activity: Activity) -> Activity:
    return replace(
        activity,
        id=None,
        practitioner_id=None,
        evidence=tuple(replace(e, id=None) for e in activity.evidence),
    )


def activity_digest(activity: Activity) -> str:
    """SHA-256 over every stored field of the activity and its evidence (ids excluded)."""
    a = without_ids(activity)
    fields = [
        a.title,
        a.organiser,
        str(a.activity_type),
        str(a.content_area),
        a.start_date.isoformat(),
        a.end_date.isoformat(),
        str(a.hours),
        a.reflection_learnt,
        a.reflection_change,
        [[e.original_name, e.stored_name, e.sha256, e.size, e.media_type] for e in a.evidence],
    ]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def write_activities(db_path: Path, round_no: int, practitioner_id: int) -> None:
    from swdesk.storage.database import Database
    from swdesk.storage.repositories import ActivityRepository

    database = Database.open(db_path)
    with database.session() as session:  # connect and configure the mappers up front
        ActivityRepository(session).count_for(practitioner_id)
    _say("ready")
    n = 0
    while True:
        activity = planned_activity(round_no, n)
        with database.session() as session:
            activity_id = ActivityRepository(session).add(practitioner_id, activity)
        _say(f"{activity_id} {n} {activity_digest(activity)}")  # committed: report it
        n += 1


def import_bundles(root: Path, password: str, folder: Path, today: date) -> None:
    from swdesk.services.review import open_review_workspace

    workspace = open_review_workspace(root, password, clock=lambda: today)
    _say("ready")

    def progress(done: int, total: int, _name: str) -> bool:
        _say(f"file {done}/{total}")
        return True

    report = workspace.service.import_files([folder], progress)
    counts = report.counts()
    workspace.close()
    _say(f"done {counts['imported']} {counts['duplicate']} {counts['refused']}")


def record_writes(root: Path) -> None:
    """See the module docs (`writes`). Inputs are made before recording starts."""
    from dataclasses import replace as changed

    from review_samples import APPLIED_AT, TODAY, make_office, trust_each_other

    from swdesk.services.demo import populate_demo
    from swdesk.services.demo_images import certificate_pdf, portrait_png
    from swdesk.services.review import review_root
    from swdesk.services.workspace import open_workspace
    from swdesk.signing import keystore

    keystore.SCRYPT_N = 2**10
    root = root.resolve()
    inputs = root / "inputs"
    inputs.mkdir(parents=True)
    for number in (1, 2):
        (inputs / f"证件照{number}.png").write_bytes(portrait_png(number))
    (inputs / "证书.pdf").write_bytes(certificate_pdf(["Training", "2025-03-01"]))
    events: list[list[str]] = []
    recording = False
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def inside(path: object) -> str | None:
        if isinstance(path, int | bytes) or path is None:
            return None
        text = os.path.abspath(os.fspath(path))  # type: ignore[arg-type]
        return text if text.startswith(str(root)) else None

    def hook(event: str, args: tuple[object, ...]) -> None:
        if not recording:
            return
        if event == "open":
            path, mode, flags = args
            writing = (
                any(c in mode for c in "wax+")
                if isinstance(mode, str)
                else bool(isinstance(flags, int) and flags & write_flags)
            )
            if writing and (where := inside(path)):
                events.append(["open", where])
        elif (
            event == "os.rename" and (source := inside(args[0])) and (target := inside(args[1]))
        ):  # the event of os.rename and os.replace
            events.append(["rename", source, target])
        elif (
            event == "os.link" and (source := inside(args[0])) and (target := inside(args[1]))
        ):  # a publish that never replaces a file
            events.append(["link", source, target])

    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if recording and (where := inside(os.readlink(f"/proc/self/fd/{fd}"))):
            events.append(["fsync", where])
        real_fsync(fd)

    sys.addaudithook(hook)
    os.fsync = fsync  # type: ignore[assignment]
    recording = True
    from swdesk.services.profiles import ProfileDraft

    ws = open_workspace(root / "practitioner", clock=lambda: TODAY)
    city = make_office(review_root(root / "city"))
    province = make_office(
        review_root(root / "province"), level="province", name="甘肃省民政厅", region="620000"
    )
    try:
        trust_file = trust_each_other(city, province, root)
        for _ in populate_demo(ws.profiles, ws.activities, TODAY):
            pass
        zhang = next(p.id for p in ws.profiles.list_profiles() if p.name == "张晓梅")
        record = ws.profiles.get_record(zhang)
        ws.profiles.update_profile(
            zhang,
            ProfileDraft(
                record.practitioner,
                record.certificates[0],
                record.registrations[0],
                inputs / "证件照1.png",
            ),
        )
        activity = ws.activities.list_activities(zhang)[0]
        ws.activities.save_activity(zhang, activity, [inputs / "证书.pdf"])
        draft = changed(
            ws.applications.current_draft(zhang),
            declaration_accepted=True,
            declaration_accepted_at=APPLIED_AT,
        )
        usb = root / "usb"
        usb.mkdir()
        bundle = ws.applications.export(draft, usb / "application.swdapp").path
        ws.applications.save_form(ws.applications.current_draft(zhang), usb / "form.pdf")
        [app_id] = city.service.import_files([bundle]).imported_ids
        city.service.decide([app_id], "approved")
        (root / "to-province").mkdir(exist_ok=True)
        to_province = city.service.export_decisions(root / "to-province")
        city.service.export_roster(usb / "roster.xlsx")
        forward = [p for p in to_province if p.suffix == ".swdfwd"]
        [forwarded] = province.service.import_files(forward).imported_ids
        province.service.decide([forwarded], "approved")
        (root / "back").mkdir(exist_ok=True)
        back = province.service.export_decisions(root / "back")
        ws.decisions.import_trust_file(trust_file)
        for path in [*to_province, *back]:
            if path.suffix == ".swddec":
                ws.decisions.import_decision(path)
    finally:
        city.close()
        province.close()
        ws.close()
        recording = False
    _say(json.dumps(events, ensure_ascii=False))


def run(argv: list[str]) -> None:
    mode, *args = argv
    if mode == "writes":
        record_writes(Path(args[0]))
    elif mode == "activities":
        write_activities(Path(args[0]), int(args[1]), int(args[2]))
    elif mode == "import":
        import_bundles(Path(args[0]), args[1], Path(args[2]), date.fromisoformat(args[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


def serve() -> None:
    """Fork one writer per command line on stdin and relay its output (see above).

    A writer is reaped only when the next command (or the end of stdin) arrives, so its pid
    stays reserved until then: the parent may SIGKILL it at any moment before that.
    """
    from sqlalchemy.orm import configure_mappers

    import swdesk.media.photo  # noqa: F401  (imported once, before any fork)
    import swdesk.services.review.batch_import  # noqa: F401 (the package loads these lazily)
    import swdesk.services.review.service  # noqa: F401
    import swdesk.services.review.workspace  # noqa: F401
    import swdesk.storage.repositories  # noqa: F401
    from swdesk.pdf.fonts import ensure_font

    configure_mappers()
    ensure_font()  # the reviewer's form check reads the PDF fonts: loaded once, not per writer
    previous: int | None = None
    for command in sys.stdin:
        if previous is not None:
            os.waitpid(previous, 0)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer: its stdout is the pipe, it never returns
            os.close(read_end)
            os.dup2(write_end, 1)
            os.close(write_end)
            code = 0
            try:
                run(shlex.split(command))
            except BaseException as exc:  # noqa: BLE001 - report and exit, never return
                sys.stderr.write(f"writer failed: {exc!r}\n")
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        os.close(write_end)
        previous = pid
        _say(f"pid {pid}")
        with os.fdopen(read_end, encoding="utf-8") as lines:
            for line in lines:
                _say(line.rstrip("\n"))
        _say("end")
    if previous is not None:
        os.waitpid(previous, 0)


class WorkerServer:
    """The parent's handle on a `serve` process: start writers, kill them, read their lines.

    Use as a context manager; `start` returns the writer's pid, `wait_ready` waits for its
    "ready", `next_line` for its next line, `kill` sends SIGKILL (unless it already ended)
    and returns every line it printed after "ready".
    """

    TIMEOUT_S = 60

    def __init__(self, stderr_path: Path) -> None:
        import subprocess
        import threading

        self.stderr_path = stderr_path
        self._stderr = stderr_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, __file__, "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._pending: list[str] = []

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _next(self) -> str:
        line = self._lines.get(timeout=self.TIMEOUT_S)
        if line is None:
            raise AssertionError(f"the worker server died: {self.stderr()}")
        return line

    def start(self, *args: str) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(shlex.join(args) + "\n")
        self.process.stdin.flush()
        line = self._next()
        assert line.startswith("pid "), line
        return int(line.split()[1])

    def wait_ready(self) -> None:
        line = self._next()
        if line != "ready":
            raise AssertionError(f"the writer did not start ({line!r}): {self.stderr()}")

    def next_line(self) -> str:
        """Wait for the writer's next line (kept: `kill` and `finish` return it too)."""
        line = self._next()
        self._pending.append(line)
        return line

    def kill(self, pid: int) -> tuple[list[str], bool]:
        """SIGKILL the writer `pid`; returns its lines and whether it was still running.

        Its pid cannot have been reused: the server reaps it only at the next command."""
        while not self._lines.empty():
            line = self._lines.get_nowait()
            if line is None:
                raise AssertionError(f"the worker server died: {self.stderr()}")
            self._pending.append(line)
        running = "end" not in self._pending
        if running:
            os.kill(pid, signal.SIGKILL)
        lines, self._pending = self._pending, []
        while not lines or lines[-1] != "end":
            lines.append(self._next())
        return lines[:-1], running

    def finish(self) -> list[str]:
        """Wait until the writer ends by itself; returns its lines."""
        lines = [*self._pending, self._next()]
        self._pending = []
        while lines[-1] != "end":
            lines.append(self._next())
        return lines[:-1]

    def stderr(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text("utf-8", errors="replace")

    def close(self) -> None:
        """End the server (closing its stdin); it reaps the last writer and exits."""
        import subprocess

        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=self.TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=self.TIMEOUT_S)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._stderr.close()

    def __enter__(self) -> WorkerServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def main(argv: list[str]) -> None:
    if argv == ["serve"]:
        serve()
    else:
        run(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
