"""The ID-photo normaliser: what it accepts, what it strips, what it refuses (and how fast)."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zlib

import pytest
from PIL import ExifTags, Image, ImageCms, JpegImagePlugin

from swdesk.domain.errors import UserFixableError
from swdesk.media.photo import (
    MAX_COEFFICIENT_BYTES,
    MAX_FILE_BYTES,
    MAX_JPEG_PIXELS,
    MAX_PIXELS,
    MIN_HEIGHT,
    MIN_WIDTH,
    OUTPUT_SIZE,
    NormalisedPhoto,
    draft_size,
    normalise_photo,
    normalised_size,
)

RED, BLUE, GREEN = (220, 20, 20), (20, 20, 220), (20, 180, 20)


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def halves(
    size: tuple[int, int],
    first: tuple[int, int, int],
    second: tuple[int, int, int],
    *,
    vertical_split: bool = True,
) -> Image.Image:
    """Left/right (or top/bottom) halves in two colours."""
    image = Image.new("RGB", size, first)
    w, h = size
    box = (w // 2, 0, w, h) if vertical_split else (0, h // 2, w, h)
    image.paste(second, box)
    return image


def close_to(pixel: tuple[int, ...], colour: tuple[int, int, int], tol: int = 40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel[:3], colour, strict=True))


def open_result(result: NormalisedPhoto) -> Image.Image:
    image = Image.open(io.BytesIO(result.jpeg))
    image.load()
    return image


def png_header_only(width: int, height: int) -> bytes:
    """A few dozen bytes claiming a huge RGB image (the pixel data never comes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def refused(data: bytes, name: str = "photo.jpg") -> UserFixableError:
    """normalise_photo's refusal of `data`, which the reviewer's check (normalised_size,
    which decodes without normalising) makes too, word for word."""
    with pytest.raises(UserFixableError) as info:
        normalise_photo(data, source_name=name)
    assert info.value.params["file"] == name
    with pytest.raises(UserFixableError) as checked:
        normalised_size(data, source_name=name)
    assert (checked.value.code, checked.value.params) == (info.value.code, info.value.params)
    return info.value


# -- accepted ------------------------------------------------------------------------------


def test_large_jpeg_becomes_354_by_472_baseline_rgb() -> None:
    data = encode(halves((1200, 1600), RED, BLUE), "JPEG", quality=95)
    result = normalise_photo(data, source_name="me.jpg")
    assert (result.width, result.height) == OUTPUT_SIZE
    image = open_result(result)
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert image.size == OUTPUT_SIZE
    assert "progressive" not in image.info and "progression" not in image.info
    assert b"\xff\xc0" in result.jpeg  # SOF0: baseline
    assert b"\xff\xc2" not in result.jpeg  # SOF2: progressive


def test_metadata_is_stripped() -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.ImageDescription] = "GPS tagged holiday photo"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (35.0, 32.0, 24.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (106.0, 40.0, 12.0),
    }
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    data = encode(
        halves((600, 800), RED, BLUE),
        "JPEG",
        exif=exif,
        icc_profile=icc,
        xmp=xmp,
        comment=b"private comment",
    )
    source = Image.open(io.BytesIO(data))
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the input really has GPS data
    for marker in (b"Exif", b"GPS", b"ICC_PROFILE", b"ns.adobe.com", b"private comment"):
        assert marker in data

    result = normalise_photo(data, source_name="holiday.jpg")
    image = open_result(result)
    assert len(image.getexif()) == 0
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert "icc_profile" not in image.info
    assert "xmp" not in image.info
    assert "comment" not in image.info
    for marker in (
        b"Exif",
        b"GPS",
        b"ICC_PROFILE",
        b"ns.adobe.com",
        b"xmpmeta",
        b"private",
        b"PhoneMaker",
    ):
        assert marker not in result.jpeg, marker


@pytest.mark.parametrize("orientation", [6, 8])
def test_exif_orientation_is_applied(orientation: int) -> None:
    # Stored sideways: 800×600, left half red, right half blue. Orientation 6 means "rotate 90°
    # clockwise to view": the left (red) edge ends up on top. 8 is the other way round.
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    data = encode(halves((800, 600), RED, BLUE), "JPEG", exif=exif, quality=95)
    result = normalise_photo(data, source_name="sideways.jpg")
    image = open_result(result)
    assert image.size == OUTPUT_SIZE  # portrait: upright 600×800 → 3:4 already
    top, bottom = (RED, BLUE) if orientation == 6 else (BLUE, RED)
    assert close_to(image.getpixel((177, 40)), top)
    assert close_to(image.getpixel((177, 430)), bottom)
    assert ExifTags.Base.Orientation not in image.getexif()


def test_landscape_without_orientation_is_centre_cropped() -> None:
    # 1600×900: left quarter green, middle red, right quarter blue → the 3:4 centre crop is red.
    image = Image.new("RGB", (1600, 900), RED)
    image.paste(GREEN, (0, 0, 400, 900))
    image.paste(BLUE, (1200, 0, 1600, 900))
    result = normalise_photo(encode(image, "JPEG"), source_name="wide.jpg")
    out = open_result(result)
    assert out.size == OUTPUT_SIZE
    for x in (5, 177, 348):
        assert close_to(out.getpixel((x, 236)), RED)


def test_png_with_alpha_is_flattened_on_white() -> None:
    image = Image.new("RGBA", (600, 800), (0, 0, 0, 0))
    image.paste((20, 20, 220, 255), (150, 200, 450, 600))
    result = normalise_photo(encode(image, "PNG"), source_name="cutout.png")
    out = open_result(result)
    assert out.mode == "RGB"
    assert out.size == OUTPUT_SIZE
    assert close_to(out.getpixel((5, 5)), (255, 255, 255), tol=8)
    assert close_to(out.getpixel((177, 236)), BLUE)


@pytest.mark.parametrize("mode", ["L", "LA", "P", "I;16", "CMYK"])
def test_other_pixel_modes_become_rgb(mode: str) -> None:
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    image = Image.new(mode, (480, 640))
    result = normalise_photo(encode(image, fmt), source_name=f"x.{fmt.lower()}")
    assert open_result(result).mode == "RGB"


def test_mpo_from_a_phone_is_accepted_as_jpeg() -> None:
    first, second = halves((600, 800), RED, BLUE), halves((600, 800), BLUE, RED)
    data = encode(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    out = open_result(normalise_photo(data, source_name="dual.jpg"))
    assert close_to(out.getpixel((40, 236)), RED)


def test_small_but_acceptable_photo_is_not_upscaled() -> None:
    data = encode(Image.new("RGB", (300, 420), RED), "PNG")
    result = normalise_photo(data, source_name="small.png")
    assert (result.width, result.height) == (300, 400)  # 3:4 crop, no upscaling


def test_a_9000_by_12000_camera_photo_is_scaled_down() -> None:
    # More pixels than Pillow's own bomb limit (~89 Mpx); a baseline JPEG decodes in draft
    # mode at 1/8 scale, so it is accepted and becomes an ordinary ID photo.
    data = encode(Image.new("L", (9000, 12000), 150), "JPEG", quality=90)
    result = normalise_photo(data, source_name="camera.jpg")
    assert (result.width, result.height) == OUTPUT_SIZE


def test_a_48_mb_photo_is_accepted() -> None:
    noise = encode(Image.effect_noise((900, 1200), 60).convert("RGB"), "JPEG", quality=95)
    comment = b"\xff\xfe" + (65535).to_bytes(2, "big") + b"x" * 65533  # a 64 KB COM segment
    data = noise[:2] + comment * (48 * 1024 * 1024 // len(comment)) + noise[2:]
    assert 47 * 1024 * 1024 < len(data) <= MAX_FILE_BYTES
    result = normalise_photo(data, source_name="big.jpg")
    assert (result.width, result.height) == OUTPUT_SIZE


def test_a_huge_progressive_jpeg_names_the_limit() -> None:
    # A progressive JPEG keeps all its coefficients in memory: its limit follows from
    # MAX_COEFFICIENT_BYTES (3 bytes a pixel with 4:2:0 subsampling).
    data = encode(
        Image.new("RGB", (12000, 12000), RED), "JPEG", progressive=True, subsampling="4:2:0"
    )
    error = refused(data, "scan.jpg")
    assert error.code == "photo_too_many_pixels"
    assert (error.params["width"], error.params["height"]) == (12000, 12000)
    assert error.params["max_megapixels"] == MAX_COEFFICIENT_BYTES // 3 // 1_000_000


def jpeg_header_only(width: int, height: int) -> bytes:
    """A baseline JPEG header (SOI, DQT, SOF0, DHT, SOS) claiming `width`×`height`."""
    small = encode(Image.new("L", (8, 8), 0), "JPEG")
    sof = small.index(b"\xff\xc0")
    patched = bytearray(small)
    patched[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(patched)


@pytest.mark.parametrize(
    ("size", "orientation", "fmt"),
    [
        ((354, 472), 1, "JPEG"),  # what the practitioner's swdesk puts in a bundle
        ((1200, 1600), 1, "JPEG"),
        ((1600, 900), 1, "JPEG"),
        ((800, 600), 6, "JPEG"),
        ((400, 250), 8, "JPEG"),
        ((250, 340), 1, "JPEG"),  # not scaled up
        ((3000, 4100), 1, "JPEG"),  # decoded at 1/8 by the check, 1/4 when normalised
        ((700, 900), 1, "PNG"),
    ],
)
def test_the_reviewers_size_check_gives_the_normalised_size(
    size: tuple[int, int], orientation: int, fmt: str
) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    params: dict[str, object] = {"exif": exif} if fmt == "JPEG" else {}
    data = encode(halves(size, RED, BLUE), fmt, **params)
    result = normalise_photo(data, source_name="p")
    assert normalised_size(data, source_name="p") == (result.width, result.height)


@pytest.mark.parametrize(
    "size",
    [
        (354, 472),
        (471, 472),
        (472, 472),
        (943, 944),
        (944, 944),
        (945, 1888),
        (1887, 4000),
        (1888, 3776),
        (3776, 3775),
        (3776, 3776),
        (3777, 9001),
        (900, 60000),
        (65000, 472),
        (9000, 12000),
        (1, 1),
    ],
)
@pytest.mark.parametrize("wanted", [(OUTPUT_SIZE[1], OUTPUT_SIZE[1]), (1, 1), (100, 200)])
def test_draft_size_is_the_size_pillow_drafts_to(
    size: tuple[int, int], wanted: tuple[int, int]
) -> None:
    """The reviewer's check computes the normalising scale's size instead of opening the
    photo a second time to draft it: the two must agree, for every Pillow swdesk runs on."""
    # the plugin itself, as swdesk opens a photo: Image.open refuses 9000×12000 as a bomb
    with JpegImagePlugin.JpegImageFile(io.BytesIO(jpeg_header_only(*size))) as image:
        assert image.size == size
        image.draft("RGB", wanted)
        assert draft_size(size, wanted) == image.size


def test_a_jpeg_too_large_at_the_normalising_scale_is_refused_by_the_check_too() -> None:
    # 900 wide: no scale below 1/1 keeps both sides >= 472, so 900×60000 stays 54 Mpx, over
    # MAX_PIXELS, although at 1/8 (the check's decoding scale) it would be under 1 Mpx.
    assert MAX_PIXELS < 900 * 60000
    assert refused(jpeg_header_only(900, 60000), "strip.jpg").code == "photo_too_many_pixels"


# -- refused -------------------------------------------------------------------------------


def test_tiny_image_is_refused_with_sizes() -> None:
    error = refused(encode(Image.new("RGB", (200, 300), RED), "JPEG"), "tiny.jpg")
    assert error.code == "photo_too_small"
    assert error.params == {
        "file": "tiny.jpg",
        "min_width": MIN_WIDTH,
        "min_height": MIN_HEIGHT,
        "width": 200,
        "height": 300,
    }


def test_size_check_uses_the_upright_orientation() -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    data = encode(Image.new("RGB", (400, 250), RED), "JPEG", exif=exif)  # upright 250×400: ok
    assert normalise_photo(data, source_name="ok.jpg").height == 333
    error = refused(encode(Image.new("RGB", (400, 250), RED), "JPEG"), "flat.jpg")
    assert error.code == "photo_too_small"
    assert (error.params["width"], error.params["height"]) == (400, 250)


@pytest.mark.parametrize(
    ("kind", "side"),
    [("png", 30000), ("png", 12000), ("png", 8000), ("jpeg", 65000), ("jpeg", 21000)],
)
def test_decompression_bomb_is_refused_without_allocating(kind: str, side: int) -> None:
    limit = MAX_PIXELS if kind == "png" else MAX_JPEG_PIXELS
    assert side * side > limit
    data = png_header_only(side, side) if kind == "png" else jpeg_header_only(side, side)
    assert len(data) < 1000
    tracemalloc.start()
    try:
        error = refused(data, f"bomb.{kind}")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.code == "photo_too_many_pixels"
    assert error.params["max_megapixels"] == limit // 1_000_000
    assert peak < 5_000_000


def test_highly_compressed_large_png_is_refused() -> None:
    # A real, complete 8000×7000 greyscale PNG that compresses to a few dozen kilobytes.
    width, height = 8000, 7000
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (
            struct.pack(">I", len(payload))
            + kind
            + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
        )

    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )
    assert len(data) < 200_000
    assert refused(data, "flat.png").code == "photo_too_many_pixels"


def test_file_over_64_mb_is_refused_before_decoding() -> None:
    error = refused(b"\xff\xd8\xff" + b"\x00" * MAX_FILE_BYTES, "huge.jpg")
    assert error.code == "photo_file_too_large"
    assert error.params["max_mb"] == 64


def test_text_file_named_jpg_is_refused() -> None:
    error = refused("这不是照片，只是一段文字。\n".encode() * 20, "notes.jpg")
    assert error.code == "photo_not_image"


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_jpeg_is_refused(keep: float) -> None:
    noise = Image.effect_noise((600, 800), 50).convert("RGB")
    data = encode(noise, "JPEG", quality=90)
    error = refused(data[: int(len(data) * keep)], "cut.jpg")
    assert error.code == "photo_not_image"


def test_truncated_png_is_refused() -> None:
    data = encode(Image.effect_noise((600, 800), 50).convert("RGB"), "PNG")
    assert refused(data[: len(data) // 2], "cut.png").code == "photo_not_image"


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF", "WEBP"])
def test_other_image_formats_are_refused(fmt: str) -> None:
    data = encode(Image.new("RGB", (600, 800), RED), fmt)
    assert refused(data, f"photo.{fmt.lower()}").code == "photo_not_image"


def test_empty_file_is_refused() -> None:
    assert refused(b"", "empty.jpg").code == "photo_not_image"
