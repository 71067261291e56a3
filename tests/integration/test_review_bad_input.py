"""Every kind of bad input a reviewer meets, imported beside a good bundle: each is refused with
the file named and a reason, nothing of it reaches the database or the bundles folder, and
the good bundle of the same import is imported. Plus property-based mutations: any changed,
cut or added byte ends in a clean refusal (or the identical bundle), never an exception."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bundle_variants import (
    assemble,
    contents,
    member_data_offset,
    patch_central,
    rebuild,
    rewrite,
    with_application,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_samples import (
    SampleBundles,
    ServerOffices,
    copied_office,
    make_office,
    stored_files,
    table_counts,
)

from folder_samples import FolderTemplates
from swdesk.bundle import canonical_json, verify_bundle
from swdesk.bundle.layout import APPLICATION_FORMAT_VERSION
from swdesk.services.review import CHECK_CODES, ReviewWorkspace, review_root

Variant = Callable[[Path, Path], Path]  # (good bundle, where to write) -> the bad file


@pytest.fixture
def city(
    folder_templates: FolderTemplates, tmp_path: Path, servers: ServerOffices | None
) -> Iterator[ReviewWorkspace]:
    """A city office, in a folder or on the tests' PostgreSQL server (`review_engine`)."""
    workspace = copied_office(folder_templates, review_root(tmp_path / "city"), servers=servers)
    yield workspace
    workspace.close()


# -- building the bad files --------------------------------------------------------------


def raw(data: bytes) -> Variant:
    def make(_good: Path, dest: Path) -> Path:
        dest.write_bytes(data)
        return dest

    return make


def transformed(change: Callable[[bytes], bytes]) -> Variant:
    def make(good: Path, dest: Path) -> Path:
        dest.write_bytes(change(good.read_bytes()))
        return dest

    return make


def flipped(member: str | int) -> Variant:
    """One byte in the middle of a member's data changed (a name, or an evidence index)."""

    def make(good: Path, dest: Path) -> Path:
        name = member
        if isinstance(member, int):
            name = [n for n, _ in contents(good)[1] if n.startswith("evidence/")][member]
        offset, size = member_data_offset(good, str(name))
        data = bytearray(good.read_bytes())
        data[offset + size // 2] ^= 0x20
        dest.write_bytes(bytes(data))
        return dest

    return make


def extra_member(name: str | bytes, data: bytes = b"%PDF-1.4 x", relist: bool = False) -> Variant:
    return lambda good, dest: rebuild(
        good, dest, relist=relist, edit_members=lambda e: [*e, (name, data)]
    )


def without_first_evidence(good: Path, dest: Path) -> Path:
    return rebuild(
        good,
        dest,
        relist=False,
        edit_members=lambda entries: [
            (n, d)
            for n, d in entries
            if n != next(m for m, _ in entries if m.startswith("evidence/"))
        ],
    )


def duplicate_photo(good: Path, dest: Path) -> Path:
    photo = dict(contents(good)[1])["photo.jpg"]
    return rebuild(good, dest, relist=False, edit_members=lambda e: [*e, ("photo.jpg", photo)])


def central(member: str, **fields: int) -> Variant:
    return lambda good, dest: patch_central(good, dest, member, **fields)


def deflated(good: Path, dest: Path) -> Path:
    """A real deflate bomb: form.pdf replaced by 40 MB of zeros, compressed."""
    manifest, entries = contents(good)
    with zipfile.ZipFile(dest, "w") as archive:
        archive.writestr("manifest.json", canonical_json(manifest))
        for name, data in entries:
            if name == "form.pdf":
                archive.writestr(name, b"%PDF-" + bytes(40 << 20), zipfile.ZIP_DEFLATED)
            else:
                archive.writestr(name, data)
    return dest


def symlinked(good: Path, dest: Path) -> Path:
    manifest, entries = contents(good)
    with zipfile.ZipFile(dest, "w") as archive:
        archive.writestr("manifest.json", canonical_json(manifest))
        for name, data in entries:
            if name == "photo.jpg":
                link = zipfile.ZipInfo(name)
                link.create_system = 3
                link.external_attr = 0o120777 << 16
                archive.writestr(link, "/etc/passwd")
            else:
                archive.writestr(name, data)
    return dest


def overlapping(good: Path, dest: Path) -> Path:
    """photo.jpg's directory entry points into the middle of form.pdf (overlapping data)."""
    with zipfile.ZipFile(good) as archive:
        form = archive.getinfo("form.pdf")
    return patch_central(good, dest, "photo.jpg", offset=form.header_offset)


def thousands_of_members(good: Path, dest: Path) -> Path:
    manifest, entries = contents(good)
    many = [(f"materials/other-{i}.pdf", b"%PDF-1.4") for i in range(1, 2500)]
    dest.write_bytes(assemble([("manifest.json", canonical_json(manifest)), *entries, *many]))
    return dest


def manifest_bytes(change: Callable[[dict], bytes]) -> Variant:  # type: ignore[type-arg]
    """The manifest replaced by other bytes (members unchanged)."""

    def make(good: Path, dest: Path) -> Path:
        manifest, entries = contents(good)
        dest.write_bytes(assemble([("manifest.json", change(manifest)), *entries]))
        return dest

    return make


def application_bytes(change: Callable[[dict], bytes]) -> Variant:  # type: ignore[type-arg]
    """application.json replaced by other bytes, listed correctly in the manifest."""

    def make(good: Path, dest: Path) -> Path:
        app = json.loads(dict(contents(good)[1])["application.json"])
        return with_application(good, dest, change(app))

    return make


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def _edited(edit: Callable[[dict], None]) -> Callable[[dict], bytes]:  # type: ignore[type-arg]
    def change(value: dict) -> bytes:  # type: ignore[type-arg]
        edit(value)
        return _json(value)

    return change


def bomb_jpeg() -> bytes:
    """A small JPEG whose header claims 60000×60000 pixels."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), (128, 128, 128)).save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, 60000, 60000)
    return bytes(data)


def photo(data: bytes) -> Variant:
    return lambda good, dest: rewrite(good, dest, replace={"photo.jpg": data})


NESTED = b"[" * 100_000 + b"]" * 100_000
DUPLICATE_KEY = b'{"format_version": 1, "format_version": 1}'

CASES: dict[str, tuple[Variant, set[str]]] = {
    "not a zip": (
        raw(b"Dear reviewer, please find my application attached." * 20),
        {"not_a_bundle"},
    ),
    "empty file": (raw(b""), {"not_a_bundle"}),
    "a png renamed": (raw(b"\x89PNG\r\n\x1a\n" + bytes(200)), {"not_a_bundle"}),
    "truncated to half": (transformed(lambda d: d[: len(d) // 2]), {"not_a_bundle"}),
    "truncated by one byte": (transformed(lambda d: d[:-1]), {"not_a_bundle"}),
    "byte changed in manifest.json": (
        flipped("manifest.json"),
        {"manifest_invalid", "bundle_not_canonical"},
    ),
    "byte changed in application.json": (flipped("application.json"), {"member_hash_mismatch"}),
    "byte changed in form.pdf": (flipped("form.pdf"), {"member_hash_mismatch"}),
    "byte changed in photo.jpg": (flipped("photo.jpg"), {"member_hash_mismatch"}),
    "byte changed in the first evidence": (flipped(0), {"member_hash_mismatch"}),
    "byte changed in the last evidence": (flipped(-1), {"member_hash_mismatch"}),
    "member missing": (without_first_evidence, {"member_missing"}),
    "member unlisted": (extra_member("materials/other-1.pdf"), {"member_unlisted"}),
    "name with ..": (extra_member("../evil.pdf"), {"member_unsafe_name"}),
    "name with inner ..": (extra_member("evidence/../../evil.pdf"), {"member_unsafe_name"}),
    "absolute name": (extra_member("/etc/cron.d/evil"), {"member_unsafe_name"}),
    "backslash name": (extra_member("evidence\\..\\evil.pdf"), {"member_unsafe_name"}),
    "drive letter": (extra_member("C:/Windows/evil.pdf"), {"member_unsafe_name"}),
    "drive-relative": (extra_member("c:evil.pdf"), {"member_unsafe_name"}),
    "NUL in name": (extra_member("evidence/x.pdf\x00.jpg"), {"member_unsafe_name"}),
    "full-width ．．／": (
        extra_member("．．／．．／evil.pdf"),
        {"member_unsafe_name", "member_unlisted"},
    ),
    "full-width ．．／ listed": (
        extra_member("．．／evil.pdf", relist=True),
        {"member_unsafe_name", "manifest_invalid"},
    ),
    "full-width ＼ and ：": (
        extra_member("Ｃ：＼evil.pdf"),
        {"member_unsafe_name", "member_unlisted"},
    ),
    "name not UTF-8": (extra_member(b"evidence/\xff\xfe.pdf"), {"member_unsafe_name"}),
    "duplicate name": (duplicate_photo, {"member_duplicate"}),
    "case-only duplicate": (
        extra_member("PHOTO.JPG", b"\xff\xd8\xff\xe0"),
        {"member_duplicate", "member_unlisted"},
    ),
    "case-only duplicate listed": (
        extra_member("Photo.jpg", b"\xff\xd8\xff\xe0", relist=True),
        {"member_duplicate", "manifest_invalid"},
    ),
    "symlink": (symlinked, {"member_not_stored"}),
    "symlink bits": (central("photo.jpg", eattr=0o120777 << 16), {"member_not_stored"}),
    "directory entry": (extra_member("evidence/", b""), {"member_unsafe_name"}),
    "directory attribute": (
        central("photo.jpg", eattr=(0o040755 << 16) | 0x10),
        {"member_not_stored"},
    ),
    "encrypted member": (central("photo.jpg", flags=0x0801), {"member_not_stored"}),
    "strongly encrypted member": (central("form.pdf", flags=0x0841), {"member_not_stored"}),
    "compressed member": (central("form.pdf", method=8), {"member_not_stored"}),
    "deflate bomb": (deflated, {"member_not_stored"}),
    "overlapping entries": (overlapping, {"bundle_not_canonical", "member_size_mismatch"}),
    "thousands of members": (thousands_of_members, {"too_many_members"}),
    "declared size of gigabytes": (
        central("form.pdf", csize=3 << 30, size=3 << 30),
        {"bundle_too_large"},
    ),
    "declared size beyond the file": (
        central("form.pdf", csize=1 << 30, size=1 << 30),
        {"member_size_mismatch"},
    ),
    "data after the end": (
        transformed(lambda d: d + b"\0" * 16),
        {"not_a_bundle", "bundle_not_canonical"},
    ),
    "a comment after the end record": (
        transformed(lambda d: d[:-2] + struct.pack("<H", 5) + b"hello"),
        {"bundle_not_canonical"},
    ),
    "data before the start": (
        transformed(lambda d: b"MZ\x90\x00" + d),
        {"not_a_bundle", "bundle_not_canonical"},
    ),
    "manifest with duplicate keys": (manifest_bytes(lambda m: DUPLICATE_KEY), {"manifest_invalid"}),
    "manifest with NaN": (manifest_bytes(lambda m: b'{"format": NaN}'), {"manifest_invalid"}),
    "manifest nested extremely": (manifest_bytes(lambda m: NESTED), {"manifest_invalid"}),
    "manifest of a newer format": (
        manifest_bytes(lambda m: canonical_json({**m, "format_version": 2})),
        {"format_unsupported"},
    ),
    "manifest against its schema": (
        manifest_bytes(lambda m: canonical_json({**m, "members": "all of them"})),
        {"manifest_invalid"},
    ),
    "application.json with duplicate keys": (
        application_bytes(lambda a: DUPLICATE_KEY),
        {"application_invalid"},
    ),
    "application.json with NaN": (
        application_bytes(
            lambda a: (
                _json(a)
                .replace(b'"is_late": false', b'"is_late": NaN')
                .replace(b'"is_late": true', b'"is_late": NaN')
            )
        ),
        {"application_invalid"},
    ),
    "application.json nested extremely": (
        application_bytes(lambda a: NESTED),
        {"application_invalid"},
    ),
    "application.json nested inside an object": (
        application_bytes(lambda a: b'{"applicant": ' + NESTED + b"}"),
        {"application_invalid"},
    ),
    "application.json of a newer format": (
        application_bytes(
            _edited(lambda a: a.update(format_version=APPLICATION_FORMAT_VERSION + 1))
        ),
        {"format_unsupported"},
    ),
    "application.json without the applicant": (
        application_bytes(_edited(lambda a: a.pop("applicant"))),
        {"application_invalid"},
    ),
    "application.json with a wrong type": (
        application_bytes(_edited(lambda a: a["application"].update(version="1"))),
        {"application_invalid"},
    ),
    "application.json with an unknown key": (
        application_bytes(_edited(lambda a: a.update(admin=True))),
        {"application_invalid"},
    ),
    "application.json naming a missing member": (
        application_bytes(
            _edited(
                lambda a: a["activities"][0]["evidence"].append("evidence/" + "0" * 64 + ".pdf")
            )
        ),
        {"application_invalid"},
    ),
    "application.json with a byte order mark": (
        application_bytes(lambda a: b"\xef\xbb\xbf" + _json(a)),
        {"application_invalid"},
    ),
    "application.json not UTF-8": (
        application_bytes(lambda a: json.dumps(a, ensure_ascii=False).encode("gb18030")),
        {"application_invalid"},
    ),
    "a photo that is a decompression bomb": (photo(bomb_jpeg()), {"photo_too_many_pixels"}),
    "a photo that is no image": (photo(b"\xff\xd8\xff\xe0" + bytes(300)), {"photo_not_image"}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_refused_and_nothing_is_written(
    case: str, sample_bundles: SampleBundles, city: ReviewWorkspace, tmp_path: Path
) -> None:
    make, codes = CASES[case]
    good = sample_bundles.ordinary[0]
    bad = make(good, tmp_path / "bad-input.swdapp")
    assert bad.name == "bad-input.swdapp"
    base = table_counts(city)
    report = city.service.import_files([good, bad])
    outcomes = {Path(e.file).name: e for e in report.entries}
    refused = outcomes["bad-input.swdapp"]
    assert refused.status == "refused"
    assert refused.code in codes, (refused.code, refused.params)
    assert refused.params["file"] == "bad-input.swdapp"
    assert refused.application_id is None
    assert outcomes[good.name].status == "imported"
    # exactly what the good bundle brought, nothing of the bad one
    members = len(verify_bundle(good).members)
    assert table_counts(city) == {
        **base,
        "applications": 1,
        "application_data": 1,
        "members": members,
        "check_results": len(CHECK_CODES),
        "audit_log": base["audit_log"] + 1,
    }
    assert stored_files(city) == [f"{verify_bundle(good).bundle_id}.swdapp"]
    assert report.counts() == {"imported": 1, "duplicate": 0, "refused": 1, "cancelled": 0}


def test_a_folder_instead_of_a_file(city: ReviewWorkspace, tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.swdapp"
    folder.mkdir()
    report = city.service.import_files([folder / "missing.swdapp"])
    assert report.entries[0].code == "bundle_unreadable"
    assert city.service.import_files([folder]).entries == ()


def test_every_refusal_code_is_named_for_the_ui() -> None:
    """The codes the import can refuse with are bundle codes, photo codes or the reviewer's
    own: keep this list in step with ui/texts.py when the GUI words them."""
    from swdesk.bundle import BUNDLE_ERROR_CODES

    seen = {code for _make, codes in CASES.values() for code in codes}
    assert seen - set(BUNDLE_ERROR_CODES) == {"photo_too_many_pixels", "photo_not_image"}


# -- property-based: any changed, cut or added byte ----------------------------------------


@pytest.fixture(scope="module")
def mutation_office(
    tmp_path_factory: pytest.TempPathFactory, sample_bundles: SampleBundles
) -> Iterator[tuple[ReviewWorkspace, bytes, int]]:
    root = review_root(tmp_path_factory.mktemp("mutations"))
    workspace = make_office(root)
    good = sample_bundles.ordinary[3]
    entry = workspace.service.import_files([good]).entries[0]
    assert entry.status == "imported"
    yield workspace, good.read_bytes(), entry.application_id
    workspace.close()


mutation = st.one_of(
    st.tuples(st.just("change"), st.integers(0, 10**9), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10**9), st.just(0)),
    st.tuples(st.just("add"), st.integers(0, 10**9), st.integers(0, 255)),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(change=mutation)
def test_any_changed_cut_or_added_byte_is_refused_cleanly(
    change: tuple[str, int, int],
    mutation_office: tuple[ReviewWorkspace, bytes, int],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    workspace, original, app_id = mutation_office
    kind, position, value = change
    data = bytearray(original)
    position %= len(data) + (1 if kind == "add" else 0)
    if kind == "change":
        data[position] ^= value
    elif kind == "cut":
        del data[position:]
    else:
        data.insert(position, value)
    path = tmp_path_factory.mktemp("mutated") / "mutated.swdapp"
    path.write_bytes(bytes(data))
    before, files = table_counts(workspace), stored_files(workspace)
    (entry,) = workspace.service.import_files([path]).entries
    if entry.status == "refused":
        assert entry.code and entry.params["file"] == "mutated.swdapp"
    else:  # only the identical bundle may come through, as what it is: a duplicate
        assert (entry.status, entry.application_id) == ("duplicate", app_id)
    assert table_counts(workspace) == before
    assert stored_files(workspace) == files
