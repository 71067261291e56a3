"""Files: atomic writes leave no debris, evidence is judged by content and stored once."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from swdesk.core.datafiles import atomic_write_bytes, ensure_writable_dir
from swdesk.domain.errors import UserFixableError
from swdesk.storage import files
from swdesk.storage.files import (
    EvidenceStore,
    PhotoStore,
    atomic_copy,
    detect_kind,
    oserror_to_user_error,
)

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100 + b"\xff\xd9"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 50


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def disk_full(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


# --- atomic helpers ----------------------------------------------------------------------


def test_atomic_write_replaces_content_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "设置.json"
    atomic_write_bytes(target, b"first")
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["设置.json"]


def test_atomic_write_on_a_full_disk_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write(tmp_path / "report.pdf", b"old")
    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(UserFixableError) as caught:
        atomic_write_bytes(target, b"new")
    assert (caught.value.code, caught.value.params) == ("disk_full", {"file": "report.pdf"})
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_atomic_copy_streams_and_hashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "CHUNK_SIZE", 7)  # many chunks
    data = bytes(range(256)) * 10
    src = write(tmp_path / "in" / "a.bin", data)
    dest = tmp_path / "out.bin"
    assert atomic_copy(src, dest) == (hashlib.sha256(data).hexdigest(), len(data))
    assert dest.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.bin"]


# --- evidence store ----------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore(tmp_path / "evidence")


@pytest.mark.parametrize(
    ("data", "name", "media_type", "extension"),
    [
        (PDF_BYTES, "结业证书.pdf", "application/pdf", "pdf"),
        (JPEG_BYTES, "photo.JPG", "image/jpeg", "jpg"),
        (PNG_BYTES, "scan.png", "image/png", "png"),
        (PDF_BYTES, "misnamed.jpg", "application/pdf", "pdf"),  # content decides, not name
    ],
)
def test_import_detects_type_by_content(
    store: EvidenceStore, tmp_path: Path, data: bytes, name: str, media_type: str, extension: str
) -> None:
    src = write(tmp_path / "chosen" / name, data)
    evidence = store.import_file(src, max_bytes=1 << 20)
    sha256 = hashlib.sha256(data).hexdigest()
    assert evidence.original_name == name
    assert evidence.stored_name == f"{sha256}.{extension}"
    assert (evidence.sha256, evidence.size, evidence.media_type) == (sha256, len(data), media_type)
    assert store.path_for(evidence.stored_name).read_bytes() == data
    assert [p.name for p in store.root.iterdir()] == [evidence.stored_name]


def test_duplicate_imports_share_one_file(store: EvidenceStore, tmp_path: Path) -> None:
    first = store.import_file(write(tmp_path / "a" / "证书.pdf", PDF_BYTES), 1 << 20)
    second = store.import_file(write(tmp_path / "b" / "copy.pdf", PDF_BYTES), 1 << 20)
    assert first.stored_name == second.stored_name
    assert (first.original_name, second.original_name) == ("证书.pdf", "copy.pdf")
    assert len(list(store.root.iterdir())) == 1


def test_refuses_a_file_of_another_type(store: EvidenceStore, tmp_path: Path) -> None:
    src = write(tmp_path / "notes.pdf", b"just text, named like a PDF")
    with pytest.raises(UserFixableError) as caught:
        store.import_file(src, 1 << 20)
    assert caught.value.code == "file_type_not_allowed"
    assert caught.value.params == {"file": "notes.pdf", "allowed": ["pdf", "jpg", "png"]}
    assert not store.root.exists() or not any(store.root.iterdir())


def test_refuses_an_empty_file(store: EvidenceStore, tmp_path: Path) -> None:
    with pytest.raises(UserFixableError) as caught:
        store.import_file(write(tmp_path / "empty.pdf", b""), 1 << 20)
    assert (caught.value.code, caught.value.params) == ("file_empty", {"file": "empty.pdf"})


def test_refuses_a_file_too_large(store: EvidenceStore, tmp_path: Path) -> None:
    src = write(tmp_path / "big.pdf", PDF_BYTES + b"\x00" * (3 << 20))
    with pytest.raises(UserFixableError) as caught:
        store.import_file(src, max_bytes=2 << 20)
    assert (caught.value.code, caught.value.params) == (
        "file_too_large",
        {"file": "big.pdf", "max_mb": 2},
    )
    assert not store.root.exists() or not any(store.root.iterdir())


def test_refuses_a_file_that_grows_past_the_limit_while_copied(
    store: EvidenceStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write(tmp_path / "growing.pdf", PDF_BYTES + b"\x00" * 5000)
    real_fstat = os.fstat

    def small_fstat(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *[0] * 5, 10, *[0] * 3))  # claims 10 bytes

    monkeypatch.setattr(files.os, "fstat", small_fstat)
    with pytest.raises(UserFixableError) as caught:
        store.import_file(src, max_bytes=1000)
    assert caught.value.code == "file_too_large"
    assert not any(store.root.iterdir())


def test_refuses_unreadable_files(store: EvidenceStore, tmp_path: Path) -> None:
    (tmp_path / "folder.pdf").mkdir()
    for src in (tmp_path / "missing.pdf", tmp_path / "folder.pdf"):
        with pytest.raises(UserFixableError) as caught:
            store.import_file(src, 1 << 20)
        assert (caught.value.code, caught.value.params) == ("file_unreadable", {"file": src.name})


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_refuses_a_file_without_read_permission(store: EvidenceStore, tmp_path: Path) -> None:
    src = write(tmp_path / "secret.pdf", PDF_BYTES)
    src.chmod(0)
    with pytest.raises(UserFixableError) as caught:
        store.import_file(src, 1 << 20)
    assert caught.value.code == "file_unreadable"


def test_disk_full_during_import_leaves_no_partial_file(
    store: EvidenceStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write(tmp_path / "证书.pdf", PDF_BYTES)
    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(UserFixableError) as caught:
        store.import_file(src, 1 << 20)
    assert (caught.value.code, caught.value.params) == ("disk_full", {"file": "证书.pdf"})
    assert list(store.root.iterdir()) == []


def test_photo_store_takes_images_only(tmp_path: Path) -> None:
    photos = PhotoStore(tmp_path / "photos")
    assert photos.import_bytes(JPEG_BYTES, "me.jpg").media_type == "image/jpeg"
    with pytest.raises(UserFixableError) as caught:
        photos.import_file(write(tmp_path / "me.pdf", PDF_BYTES), 1 << 20)
    assert caught.value.code == "file_type_not_allowed"
    assert caught.value.params["allowed"] == ["jpg", "png"]


@pytest.mark.parametrize(
    "name", ["", ".", "..", "../etc/passwd", "a/b.pdf", "a\\b.pdf", "x.pdf", "A" * 64 + ".pdf"]
)
def test_path_for_refuses_anything_but_a_stored_name(store: EvidenceStore, name: str) -> None:
    with pytest.raises(ValueError):
        store.path_for(name)


def test_sweep_deletes_only_journaled_orphans_and_moves_unknown_ones(
    store: EvidenceStore, tmp_path: Path
) -> None:
    kept = store.import_bytes(PDF_BYTES, "kept.pdf")
    orphan = store.import_bytes(PNG_BYTES, "orphan.png")
    unknown = store.import_bytes(JPEG_BYTES, "unknown.jpg")
    stale = write(store.root / ".swdesk-old.tmp", b"partial")
    os.utime(stale, (0, 0))
    fresh = write(store.root / ".swdesk-busy.tmp", b"being written")
    other = write(store.root / "README.txt", b"not ours")
    recovered = tmp_path / "recovered" / "evidence"

    result = store.sweep({kept.stored_name}, {orphan.stored_name, kept.stored_name}, recovered)
    assert (result.removed, result.moved) == ([orphan.stored_name], [unknown.stored_name])
    remaining = {p.name for p in store.root.iterdir()}
    assert remaining == {kept.stored_name, fresh.name, other.name}
    assert (recovered / unknown.stored_name).read_bytes() == JPEG_BYTES


def test_sweep_of_a_store_whose_journal_is_empty_deletes_nothing(
    store: EvidenceStore, tmp_path: Path
) -> None:
    saved = [
        store.import_bytes(data, name)
        for data, name in ((PDF_BYTES, "a.pdf"), (PNG_BYTES, "b.png"))
    ]
    result = store.sweep(set(), set(), tmp_path / "recovered")
    assert result.removed == []
    assert sorted(result.moved) == sorted(e.stored_name for e in saved)
    assert (tmp_path / "recovered" / saved[0].stored_name).read_bytes() == PDF_BYTES


def test_remove_unreferenced_deletes_exactly_the_names_given(store: EvidenceStore) -> None:
    gone = store.import_bytes(PDF_BYTES, "gone.pdf")
    kept = store.import_bytes(PNG_BYTES, "kept.png")
    store.remove_unreferenced([gone.stored_name, gone.stored_name])  # missing files are fine
    assert [p.name for p in store.root.iterdir()] == [kept.stored_name]
    with pytest.raises(ValueError):
        store.remove_unreferenced(["../kept.png"])


def test_detect_kind_uses_magic_bytes_only() -> None:
    assert detect_kind(b"%PDF-1.4") == files.PDF
    assert detect_kind(b"\xff\xd8\xff\xdb") == files.JPEG
    assert detect_kind(b"\x89PNG\r\n\x1a\n") == files.PNG
    assert detect_kind(b"GIF89a") is None
    assert detect_kind(b"%PD") is None


def test_photo_store_has_a_default_size_limit(tmp_path: Path) -> None:
    photos = PhotoStore(tmp_path / "photos")
    src = write(tmp_path / "huge.jpg", JPEG_BYTES + b"\x00" * PhotoStore.DEFAULT_MAX_BYTES)
    with pytest.raises(UserFixableError) as caught:
        photos.import_file(src)
    assert caught.value.params == {"file": "huge.jpg", "max_mb": 10}


def test_ensure_writable_dir(tmp_path: Path) -> None:
    target = tmp_path / "新建" / "data"
    ensure_writable_dir(target)
    assert target.is_dir() and list(target.iterdir()) == []
    blocker = write(tmp_path / "a-file", b"x")
    with pytest.raises(UserFixableError) as caught:
        ensure_writable_dir(blocker / "sub")
    assert (caught.value.code, caught.value.params) == (
        "not_writable",
        {"path": str(blocker / "sub")},
    )


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (errno.ENOSPC, "disk_full"),
        (errno.EACCES, "not_writable"),
        (errno.ENOENT, "file_unreadable"),
    ],
)
def test_oserror_to_user_error(number: int, code: str) -> None:
    error = oserror_to_user_error(OSError(number, os.strerror(number), "/some/where/导出.pdf"))
    assert error.code == code
    assert error.params["path"] == "/some/where/导出.pdf"
