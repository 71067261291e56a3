"""Hostile files cost bounded memory and are refused with one clear line: all of them are
made once per module and imported together by one `swdesk review import` in a child process
whose peak memory (RSS) is measured; the peak bounds each file's import, and each file's
line is checked by its own test. Every command that opens a user's file refuses a FIFO at
once instead of blocking on it (run in the test's process; a watchdog would unblock a
command stuck on the FIFO, and the test fail). The time the import took is printed, never
asserted."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from bundle_variants import Entries, contents, patch_central
from decision_samples import exported_demo
from PIL import Image
from review_samples import PASSWORD, TODAY, make_office

from cli_runner import run_cli
from folder_samples import FolderTemplates
from swdesk.bundle import BundleMember, write_bundle
from swdesk.bundle.layout import member_rule, order_key
from swdesk.pdf.limits import FORM_PDF_LIMITS, PdfTooComplex, check_pdf_limits
from swdesk.services.review import review_root
from swdesk.services.workspace import open_workspace

MAX_PEAK_RSS = 300 << 20
BOMB_BYTES = 512 << 20  # inflated: more than the memory allowed


def _pdf_with_stream(stream: bytes, extra: bytes = b"/Filter /FlateDecode") -> bytes:
    """A one-page PDF whose page content is `stream` (xref offsets not needed: PDFium
    rebuilds a missing cross-reference table)."""
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R >>\nendobj\n"
        b"4 0 obj\n<< "
        + extra
        + b" /Length "
        + str(len(stream)).encode()
        + b" >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _deflate_bomb(size: int) -> bytes:
    """A zlib stream (as FlateDecode reads it) inflating to `size` bytes of page content.

    Each megabyte is compressed once: after a full flush the compressor starts afresh, so
    every further megabyte compresses to the same bytes, repeated here; the Adler-32 at the
    end is over all `size` bytes, so the stream is valid to its end."""
    chunk = b"BT /F1 12 Tf (x) Tj ET" + b" " * ((1 << 20) - 22)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: the zlib frame is ours
    block = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    count = size >> 20
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + block * count + raw.flush() + checksum.to_bytes(4, "big")


@pytest.fixture(scope="module")
def pdf_bomb() -> bytes:
    return _pdf_with_stream(_deflate_bomb(BOMB_BYTES))


@pytest.fixture(scope="module")
def sample(folder_templates: FolderTemplates, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real bundle: 张晓梅's application with her photo and evidence, exported by the
    practitioner side (the folder is built once per session)."""
    folder = tmp_path_factory.mktemp("exported") / "demo"
    return exported_demo(folder_templates, folder, TODAY).bundle


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A real small JPEG whose frame header claims width × height pixels."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.find(b"\xff\xc0")
    data[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def _png_claiming(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    data[16:24] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return bytes(data)


def _rebundle(
    source: Path,
    dest: Path,
    replace: dict[str, bytes] | None = None,
    evidence: bytes | None = None,
    check: bool = True,
    ext: str = "pdf",
) -> Path:
    """`source` re-written validly with members replaced; with `evidence`, every evidence
    member is replaced by those bytes under their hash's name."""
    manifest, entries = contents(source)
    listed = {m["name"]: m for m in manifest["members"]}
    renamed: dict[str, str] = {}
    members = []
    for name, data in entries:
        role, media = listed[name]["role"], listed[name]["media_type"]
        if replace and name in replace:
            data = replace[name]
        if evidence is not None and role == "evidence":
            new = f"evidence/{hashlib.sha256(evidence).hexdigest()}.{ext}"
            renamed[name] = new
            if new in {m[0] for m in members}:
                continue
            rule = member_rule(new)
            assert rule is not None
            name, data, media = new, evidence, rule.media_type
        members.append((name, role, media, data))
    if evidence is not None:
        assert renamed, "the sample bundle has no evidence"
        application = json.loads(dict(entries)["application.json"])
        for activity in application.get("activities", []):
            activity["evidence"] = list(
                dict.fromkeys(renamed.get(n, n) for n in activity.get("evidence", []))
            )
        members = [
            (
                n,
                r,
                m,
                json.dumps(application, ensure_ascii=False).encode()
                if n == "application.json"
                else d,
            )
            for n, r, m, d in members
        ]
    if not check:  # members whose magic bytes the writer would refuse: assembled directly
        from bundle_variants import rebuild

        return rebuild(
            source, dest, edit_members=lambda old: [(n, (replace or {}).get(n, d)) for n, d in old]
        )
    write_bundle(
        dest,
        [BundleMember(n, r, m, data=d) for n, r, m, d in members],
        created_at=datetime.fromisoformat(manifest["created_at"]),
        generator=manifest["generator"],
    )
    return dest


def _measured(*args: str, timeout: float = 300) -> tuple[int, str, int]:
    """(exit code, stdout, peak RSS in bytes) of `swdesk` run in a grandchild: the
    wrapper reports RUSAGE_CHILDREN, which then covers that one process only."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run([sys.executable, '-m', 'swdesk', *sys.argv[1:]],"
        f" capture_output=True, text=True, timeout={timeout})\n"
        "sys.stderr.write(r.stderr)\n"
        "sys.stdout.write(r.stdout)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(r.returncode)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, *args],
        capture_output=True,
        text=True,
        timeout=timeout + 30,
        env={**os.environ, "SWDESK_REVIEW_PASSWORD": PASSWORD},
    )
    *lines, peak = result.stdout.splitlines()
    return result.returncode, "\n".join(lines) + result.stderr, int(peak) * 1024


@pytest.fixture(scope="module")
def reviewer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A city office's data folder; its key is sealed at a low scrypt cost (the blob records
    it), so each command below unlocks it quickly."""
    root = tmp_path_factory.mktemp("reviewer") / "city"
    make_office(review_root(root)).close()
    return root


def _hostile(kind: str, folder: Path, sample: Path, pdf_bomb: bytes) -> Path:
    dest = folder / f"{kind}.swdapp"
    if kind == "form_pdf_bomb":
        return _rebundle(sample, dest, {"form.pdf": pdf_bomb})
    if kind == "evidence_pdf_bomb":
        return _rebundle(sample, dest, evidence=pdf_bomb)
    if kind == "photo_jpeg_pixels":
        return _rebundle(sample, dest, {"photo.jpg": _jpeg_claiming(65000, 65000)})
    if kind == "photo_png_pixels":
        return _rebundle(sample, dest, {"photo.jpg": _png_claiming(100000, 100000)}, check=False)
    if kind == "evidence_png_pixels":
        return _rebundle(sample, dest, evidence=_png_claiming(100000, 100000), ext="png")
    if kind == "evidence_jpeg_pixels":
        return _rebundle(sample, dest, evidence=_jpeg_claiming(65000, 65000), ext="jpg")
    if kind == "huge_declared_size":
        return patch_central(sample, dest, "form.pdf", size=0xFFFFFFF0, csize=0xFFFFFFF0)
    if kind == "junk_300mb":
        with open(dest, "wb") as junk:
            junk.write(b"PK\x03\x04 not really")
            junk.truncate(300 << 20)
        return dest
    raise AssertionError(kind)


HOSTILE = {
    "form_pdf_bomb": "pdf_too_complex",
    "evidence_pdf_bomb": "pdf_too_complex",
    # evidence images are not decoded at import (the viewer's QImage has Qt's allocation
    # limit): they are taken, in bounded memory
    "evidence_png_pixels": None,
    "evidence_jpeg_pixels": None,
    "photo_jpeg_pixels": "photo_too_many_pixels",
    "photo_png_pixels": "member_wrong_type",
    "huge_declared_size": "bundle_too_large",
    "junk_300mb": "not_a_bundle",
}


@pytest.fixture(scope="module")
def hostile_import(
    sample: Path, reviewer: Path, pdf_bomb: bytes, tmp_path_factory: pytest.TempPathFactory
) -> tuple[int, str, int]:
    """(exit code, output, peak RSS) of one `swdesk review import` of every hostile file."""
    folder = tmp_path_factory.mktemp("hostile")
    files = [str(_hostile(kind, folder, sample, pdf_bomb)) for kind in sorted(HOSTILE)]
    started = time.monotonic()
    code, output, peak = _measured("review", "import", "--data-dir", str(reviewer), *files)
    print(f"{len(files)} files: {time.monotonic() - started:.1f} s, peak RSS {peak >> 20} MiB")
    return code, output, peak


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_bundle_is_imported_or_refused_in_bounded_memory(
    kind: str, hostile_import: tuple[int, str, int]
) -> None:
    code, output, peak = hostile_import
    assert peak < MAX_PEAK_RSS, f"peak RSS {peak >> 20} MiB"
    refused = sum(expected is not None for expected in HOSTILE.values())
    assert code == 1 and f" refused={refused} " in output, output  # the others' lines
    [line] = [
        line
        for line in output.splitlines()
        if line.count("\t") >= 2 and Path(line.split("\t")[2]).name == f"{kind}.swdapp"
    ]
    expected = HOSTILE[kind]
    if expected is None:
        assert line.startswith("imported\t"), output
        return
    status, _number, _file, detail = line.split("\t")
    assert status == "refused" and detail.startswith(f"{expected} "), output
    assert f"file={kind}.swdapp" in detail, detail


def test_the_reader_refuses_a_member_whose_bytes_are_not_its_type(
    sample: Path, tmp_path: Path
) -> None:
    from bundle_variants import rebuild

    from swdesk.bundle import BundleError, verify_bundle

    elf = b"\x7fELF\x02\x01\x01" + bytes(200)
    _manifest, entries = contents(sample)
    evidence = next(n for n, _ in entries if n.startswith("evidence/"))
    elf_evidence = f"evidence/{hashlib.sha256(elf).hexdigest()}.pdf"

    def replaced(member: str, data: bytes) -> Callable[[list[tuple[str, bytes]]], Entries]:
        def edit(old: list[tuple[str, bytes]]) -> Entries:
            if member == elf_evidence:  # named by its hash, in the evidence's sorted place
                kept = [(n, v) for n, v in old if n != evidence]
                return sorted([*kept, (member, data)], key=lambda item: order_key(item[0]))
            return [(n, data if n == member else v) for n, v in old]

        return edit

    cases = {"photo.jpg": _png_claiming(10, 10), "form.pdf": elf, elf_evidence: elf}
    for member, data in cases.items():
        dest = rebuild(
            sample,
            tmp_path / "wrong.swdapp",
            edit_members=replaced(member, data),
            edit_manifest=lambda manifest: [
                entry.update(role="evidence")
                for entry in manifest["members"]
                if entry["name"] == elf_evidence
            ],
        )
        with pytest.raises(BundleError) as caught:
            verify_bundle(dest)
        assert caught.value.code == "member_wrong_type", (member, caught.value)
        assert caught.value.params["member"] == member
        rule = member_rule(member)
        assert rule is not None and caught.value.params["expected"] == rule.extension.upper()


def test_a_pdf_stream_inflating_beyond_the_limit_is_refused_before_pdfium(pdf_bomb: bytes) -> None:
    with pytest.raises(PdfTooComplex, match="inflates to more than"):
        check_pdf_limits(pdf_bomb, FORM_PDF_LIMITS)
    small = _pdf_with_stream(zlib.compress(b"BT /F1 12 Tf (hello) Tj ET"))
    check_pdf_limits(small, FORM_PDF_LIMITS)  # an ordinary stream passes
    double = _pdf_with_stream(
        zlib.compress(zlib.compress(b" " * 1000)), b"/Filter [/FlateDecode /FlateDecode]"
    )
    with pytest.raises(PdfTooComplex, match="more than one filter"):
        check_pdf_limits(double, FORM_PDF_LIMITS)
    image = _pdf_with_stream(
        b"\xff\xd8\xff",
        b"/Type /XObject /Subtype /Image /Width 90000 /Height 90000 /Filter /DCTDecode",
    )
    with pytest.raises(PdfTooComplex, match="image"):
        check_pdf_limits(image, FORM_PDF_LIMITS)


def test_every_stream_keyword_is_found_and_only_the_keyword(pdf_bomb: bytes) -> None:
    """The bomb is found after other streams and words that contain "stream" (it is the
    last of several), and those words alone are not taken for streams."""
    lookalikes = b"%% streams mainstream xstream streamy endstream\n"
    ordinary = _pdf_with_stream(zlib.compress(b"BT /F1 12 Tf (hi) Tj ET"))
    check_pdf_limits(lookalikes + ordinary * 3, FORM_PDF_LIMITS)
    with pytest.raises(PdfTooComplex, match="inflates to more than"):
        check_pdf_limits(lookalikes + ordinary * 3 + pdf_bomb, FORM_PDF_LIMITS)
    filtered = b"<< /Filter /LZWDecode >>"  # output that cannot be bounded cheaply
    with pytest.raises(PdfTooComplex, match="LZWDecode"):
        check_pdf_limits(filtered + b"stream\n" + b"x" * 20_000, FORM_PDF_LIMITS)
    check_pdf_limits(filtered + b"streamx" + b"x" * 20_000, FORM_PDF_LIMITS)


# -- FIFOs: every reader refuses a file that is not a regular file, without blocking -----


FIFO_PATIENCE_S = 30  # "at once": a refusal takes well under a second


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _unblock(fifo: Path, blocked: list[bool]) -> None:
    """Open the FIFO's other end for a moment: a command stuck opening or reading it (or
    opening it to write) goes on, with an empty file."""
    blocked.append(True)
    for flags in (os.O_WRONLY | os.O_NONBLOCK, os.O_RDONLY | os.O_NONBLOCK):
        with contextlib.suppress(OSError):  # ENXIO: nobody waits on that side
            os.close(os.open(fifo, flags))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
@pytest.mark.parametrize(
    "command",
    ["decision import", "trust import", "backup restore", "review trust", "review import"],
)
def test_a_fifo_is_refused_at_once(command: str, reviewer: Path, tmp_path: Path) -> None:
    suffix = {
        "decision import": ".swddec",
        "trust import": ".swdtrust",
        "backup restore": ".swdbak",
        "review trust": ".swdtrust",
        "review import": ".swdapp",
    }[command]
    fifo = _fifo(tmp_path, f"pipe{suffix}")
    if command.startswith("review"):
        data = reviewer
    else:
        data = tmp_path / "data"
        if command != "backup restore":
            open_workspace(data).close()
    # run in this process (no Python start per command); should the command block on the
    # FIFO, a watchdog opens its other end so that the command goes on and the test fails
    blocked: list[bool] = []
    watchdog = threading.Timer(FIFO_PATIENCE_S, _unblock, (fifo, blocked))
    watchdog.start()
    try:
        result = run_cli(
            *command.split(),
            "--data-dir",
            str(data),
            str(fifo),
            env={"SWDESK_REVIEW_PASSWORD": PASSWORD},
        )
    finally:
        watchdog.cancel()
        watchdog.join()
    assert not blocked, f"{command} blocked on a FIFO"
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    if command == "review import":  # a batch: one line per file, then the summary
        refused = [line for line in result.stdout.splitlines() if line.startswith("refused")]
        assert len(refused) == 1 and "file=pipe.swdapp" in refused[0], result.stdout
        assert "not a regular file" in refused[0], refused[0]
    else:
        assert f"file=pipe{suffix}" in lines[0], lines[0]


def test_the_detail_view_renders_no_pdf_beyond_the_limits(pdf_bomb: bytes) -> None:
    from swdesk.ui.pdf_preview import MAX_PAGE_PIXELS, render_pages

    with pytest.raises(PdfTooComplex):
        render_pages(pdf_bomb, 60)
    huge_page = _pdf_with_stream(zlib.compress(b"0 0 m 10 10 l S")).replace(
        b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 14400 14400]"
    )  # 200 × 200 inches
    (image,) = render_pages(huge_page, 150)
    assert image.width() * image.height() <= MAX_PAGE_PIXELS * 1.01


@pytest.mark.qt_log_ignore("exceeds the current allocation limit")
def test_the_evidence_viewer_decodes_no_image_bomb() -> None:
    """The evidence view shows images with QImage, whose allocation limit (256 MB in Qt 6)
    refuses a pixel bomb from its header instead of allocating it."""
    from PySide6.QtGui import QImage

    assert QImage.fromData(_png_claiming(100000, 100000)).isNull()
    assert QImage.fromData(_jpeg_claiming(65000, 65000)).isNull()
