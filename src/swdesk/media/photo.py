"""The applicant's ID photo: checked, turned upright, cropped to 3:4, scaled and re-encoded.

`normalise_photo` accepts JPEG or PNG (by content, not by name) and returns a baseline RGB
JPEG of at most 354×472 px (30×40 mm at 300 dpi) without any metadata (EXIF/GPS, ICC, XMP,
comments). Anything it refuses raises `UserFixableError` with a code the UI turns into a
sentence; every refusal carries `file=source_name`.

Large photos are welcome: the photo is re-encoded anyway, so a 48 MB camera file or a
9000×12000 scan is simply scaled down. Untrusted input stays bounded in memory:

- the file size is checked before Pillow sees the bytes (`MAX_FILE_BYTES`);
- the pixel count is read from the header before anything is decoded; Pillow's own
  decompression-bomb check (`Image.MAX_IMAGE_PIXELS`, about 89 megapixels) would refuse a
  9000×12000 photo outright, so the header is read by the JPEG or PNG plugin directly and
  swdesk's limits below apply instead;
- a baseline JPEG is decoded at 1/2, 1/4 or 1/8 scale (libjpeg "draft" mode), which needs
  memory for the reduced image only: up to `MAX_JPEG_PIXELS` in the header;
- a progressive JPEG keeps every coefficient of the full image in memory (2 bytes a sample:
  3 bytes a pixel with the usual 4:2:0 chroma subsampling, 6 without), so it may need at
  most `MAX_COEFFICIENT_BYTES` (a 9000×12000 4:2:0 photo needs 324 MB);
- a PNG is decoded whole and stops at `MAX_PIXELS`;
- a decompression bomb (a tiny file claiming billions of pixels) is refused from its header.
"""

from __future__ import annotations

import io
import logging
import struct
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PIL import Image, ImageCms, JpegImagePlugin, PngImagePlugin

from swdesk.domain.errors import UserFixableError

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_FILE_BYTES = 64 * 1024 * 1024  # camera originals and scans are scaled down, not refused
MAX_PIXELS = 50_000_000  # fully decoded formats (PNG, progressive JPEG): width × height
MAX_JPEG_PIXELS = 400_000_000  # baseline JPEG, decoded at 1/8 scale: ≤ 6.25 Mpx in memory
MAX_COEFFICIENT_BYTES = 360_000_000  # a progressive JPEG's coefficient buffers
MIN_WIDTH = 240  # after EXIF orientation, so that the 3:4 crop is at least 240×320
MIN_HEIGHT = 320
OUTPUT_SIZE = (354, 472)  # 30×40 mm at 300 dpi, portrait 3:4
# a JPEG is normalised from its smallest decoding scale still this large (`_draft_for_output`)
_OUTPUT_DRAFT = (OUTPUT_SIZE[1], OUTPUT_SIZE[1])
JPEG_QUALITY = 90
_JPEG_MAGIC = b"\xff\xd8\xff"  # MPO (a phone's JPEG with a multi-picture extension) too
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_BACKGROUND = (255, 255, 255)  # transparent areas of a PNG become white

# Pillow raises a wide range of exceptions on malformed input; all mean "not a usable image".
_DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
    zlib.error,
)

# EXIF orientations that turn the image a quarter: its raw width is its upright height
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
# EXIF orientation → the transposition that makes the image upright (as ImageOps.exif_transpose).
_ORIENTATION_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True, slots=True)
class NormalisedPhoto:
    jpeg: bytes
    width: int
    height: int


def normalise_photo(data: bytes, *, source_name: str) -> NormalisedPhoto:
    """Check and normalise an ID photo; raise UserFixableError when it cannot be used."""
    rgb = _prepared(data, source_name)
    out = io.BytesIO()
    try:
        rgb.save(
            out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False, dpi=(300, 300)
        )
    except _DECODE_ERRORS as exc:  # as when it was part of `_prepared`'s steps
        raise UserFixableError("photo_not_image", file=source_name) from exc
    return NormalisedPhoto(jpeg=out.getvalue(), width=rgb.width, height=rgb.height)


def normalised_size(data: bytes, *, source_name: str) -> tuple[int, int]:
    """The width and height `normalise_photo` gives the photo, with the same refusals,
    without making it: the reviewer's import checks a photo this way. A JPEG's every pixel
    is still decoded (a truncated or corrupt photo is refused as when normalising), at the
    smallest scale libjpeg offers, and nothing is resampled, converted or encoded; a PNG
    is prepared whole, as for normalising."""
    if not data.startswith(_JPEG_MAGIC):
        rgb = _prepared(data, source_name)
        return rgb.width, rgb.height
    return _with_open(data, source_name, lambda image: _decoded_size(image, source_name))


def _prepared(data: bytes, source_name: str) -> Image.Image:
    """The photo checked, decoded, upright, cropped, scaled and in sRGB, ready to encode."""
    return _with_open(data, source_name, lambda image: _normalise(image, source_name))


def _with_open(data: bytes, source_name: str, step: Callable[[Image.Image], T]) -> T:
    """`step` on the photo opened and checked (`_open_checked`), its failures to decode
    refused as "photo_not_image" (a bomb as "photo_too_many_pixels")."""
    if len(data) > MAX_FILE_BYTES:
        raise UserFixableError(
            "photo_file_too_large", file=source_name, max_mb=MAX_FILE_BYTES // (1024 * 1024)
        )
    image = _open_checked(data, source_name)
    try:
        return step(image)
    except UserFixableError:
        raise
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(source_name) from exc
    except _DECODE_ERRORS as exc:  # truncated or corrupt pixel data
        log.info("photo %r could not be decoded: %s", source_name, exc)
        raise UserFixableError("photo_not_image", file=source_name) from exc
    finally:
        image.close()


def _too_many_pixels(
    source_name: str, width: int = 0, height: int = 0, limit: int = MAX_PIXELS
) -> UserFixableError:
    return UserFixableError(
        "photo_too_many_pixels",
        file=source_name,
        max_pixels=limit,
        max_megapixels=limit // 1_000_000,
        width=width,
        height=height,
    )


def _open_checked(data: bytes, source_name: str) -> Image.Image:
    """Open (header only) and check format and pixel count before anything is decoded.

    The plugin classes are used directly instead of `Image.open`: `Image.open` applies
    Pillow's global bomb limit (about 89 megapixels, an error above twice that), lower than
    what a baseline JPEG decoded in draft mode needs; swdesk's own per-format limits follow.
    """
    plugin: type[Image.Image]
    if data.startswith(_JPEG_MAGIC):
        plugin = JpegImagePlugin.JpegImageFile
    elif data.startswith(_PNG_MAGIC):
        plugin = PngImagePlugin.PngImageFile
    else:
        raise UserFixableError("photo_not_image", file=source_name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # odd chunks or markers: decoding decides below
            image = plugin(io.BytesIO(data))
    except _DECODE_ERRORS as exc:  # includes UnidentifiedImageError
        raise UserFixableError("photo_not_image", file=source_name) from exc
    width, height = image.size
    if width <= 0 or height <= 0:
        image.close()
        raise UserFixableError("photo_not_image", file=source_name)
    limit = _pixel_limit(image)
    if width * height > limit:
        image.close()
        raise _too_many_pixels(source_name, width, height, limit)
    return image


def _pixel_limit(image: Image.Image) -> int:
    """The largest width × height this file may have (see the module docstring)."""
    if image.format != "JPEG":
        return MAX_PIXELS
    if not (image.info.get("progressive") or image.info.get("progression")):
        return MAX_JPEG_PIXELS
    # 2 bytes per coefficient; a component sampled h×v of the largest factors holds
    # (h/h_max)·(v/v_max) samples per pixel.
    layers = getattr(image, "layer", None) or [("", 1, 1, 0)] * 3
    h_max = max(layer[1] for layer in layers) or 1
    v_max = max(layer[2] for layer in layers) or 1
    samples = sum((layer[1] / h_max) * (layer[2] / v_max) for layer in layers)
    return min(MAX_JPEG_PIXELS, int(MAX_COEFFICIENT_BYTES / (2 * max(samples, 1.0))))


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)  # ExifTags.Base.Orientation
    except _DECODE_ERRORS:  # corrupt EXIF: treat as upright
        return 1
    return value if isinstance(value, int) and value in _ORIENTATION_TRANSPOSE else 1


def _upright(image: Image.Image, source_name: str) -> tuple[int, int, int]:
    """The EXIF orientation and the upright width and height; "photo_too_small" below
    MIN_WIDTH × MIN_HEIGHT."""
    orientation = _orientation(image)
    raw_w, raw_h = image.size
    upright_w, upright_h = (raw_h, raw_w) if orientation in _QUARTER_TURNS else (raw_w, raw_h)
    if upright_w < MIN_WIDTH or upright_h < MIN_HEIGHT:
        raise UserFixableError(
            "photo_too_small",
            file=source_name,
            min_width=MIN_WIDTH,
            min_height=MIN_HEIGHT,
            width=upright_w,
            height=upright_h,
        )
    return orientation, upright_w, upright_h


def _crop_and_output(upright_w: int, upright_h: int) -> tuple[int, int, int, int]:
    """The centred 3:4 crop (width, height) of an upright photo and the size it is scaled
    to (at most OUTPUT_SIZE), both upright."""
    crop_w = min(upright_w, upright_h * 3 // 4)
    crop_h = min(upright_h, upright_w * 4 // 3)
    return crop_w, crop_h, min(crop_w, OUTPUT_SIZE[0]), min(crop_h, OUTPUT_SIZE[1])


def _draft_for_output(image: Image.Image, source_name: str) -> None:
    """A JPEG set to decode at 1/2, 1/4 or 1/8 scale while both sides stay >= the output's
    long side (the 3:4 crop of the result is then still at least 354×472); refused first
    when even that leaves more than MAX_PIXELS (`_check_output_pixels`)."""
    _check_output_pixels(image, source_name)
    image.draft("RGB", _OUTPUT_DRAFT)


def _check_output_pixels(image: Image.Image, source_name: str) -> None:
    """Refuse the JPEG open as `image` when, decoded at normalising's scale (`draft_size`),
    it would still have more than MAX_PIXELS: checked on the header alone, so that the
    reviewer's check, which decodes at another scale, refuses exactly what normalising does."""
    at_output = draft_size(image.size, _OUTPUT_DRAFT)
    if len(getattr(image, "tile", ())) != 1:  # Pillow decodes such a JPEG at full size
        at_output = image.size
    if at_output[0] * at_output[1] > MAX_PIXELS:
        raise _too_many_pixels(source_name, image.size[0], image.size[1], MAX_PIXELS)


def draft_size(size: tuple[int, int], wanted: tuple[int, int]) -> tuple[int, int]:
    """The size a JPEG of `size` takes when set to decode at the smallest scale that keeps
    it at least `wanted` (`image.draft(mode, wanted)`): 1/2, 1/4 or 1/8, rounded up, as
    Pillow computes it (a test holds the two together)."""
    scale = min(size[0] // wanted[0], size[1] // wanted[1])
    reduce = next((s for s in (8, 4, 2) if scale >= s), 1)
    return (size[0] + reduce - 1) // reduce, (size[1] + reduce - 1) // reduce


def _decoded_size(image: Image.Image, source_name: str) -> tuple[int, int]:
    """`normalise_photo`'s output size for the JPEG open as `image`, every refusal of
    `_normalise` made (`_check_output_pixels`), then the pixels decoded at 1/8 scale
    (corrupt or missing data fails as it would at any scale)."""
    _turn, upright_w, upright_h = _upright(image, source_name)
    _check_output_pixels(image, source_name)
    image.draft("RGB", (1, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # as in `_normalise`: the decode raises if it matters
        image.load()
    _crop_w, _crop_h, out_w, out_h = _crop_and_output(upright_w, upright_h)
    return out_w, out_h


def _normalise(image: Image.Image, source_name: str) -> Image.Image:
    orientation, upright_w, upright_h = _upright(image, source_name)
    swapped = orientation in _QUARTER_TURNS
    raw_w, raw_h = image.size
    icc_profile = image.info.get("icc_profile")
    if image.format in ("JPEG", "MPO"):
        _draft_for_output(image, source_name)
    with warnings.catch_warnings():
        # e.g. "Truncated File Read" or odd PNG chunks: the decode below raises if it matters.
        warnings.simplefilter("ignore")
        image.load()
    scale_x, scale_y = image.size[0] / raw_w, image.size[1] / raw_h

    # Centre-crop to 3:4 (upright) in raw coordinates, then rotate only the small result.
    crop_w, crop_h, out_w, out_h = _crop_and_output(upright_w, upright_h)
    if swapped:
        crop_w, crop_h, out_w, out_h = crop_h, crop_w, out_h, out_w
    left, top = (raw_w - crop_w) / 2, (raw_h - crop_h) / 2
    box = (left * scale_x, top * scale_y, (left + crop_w) * scale_x, (top + crop_h) * scale_y)

    image = _resizable(image)
    # reducing_gap: a fast integer reduction first, then Lanczos; visually the same.
    small = image.resize((out_w, out_h), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
    method = _ORIENTATION_TRANSPOSE.get(orientation)
    if method is not None:
        small = small.transpose(method)
    rgb = _to_srgb(small, icc_profile)

    rgb.info = {}  # nothing of the source travels on: no EXIF, GPS, ICC, XMP or comment
    return rgb


def _resizable(image: Image.Image) -> Image.Image:
    """A mode Pillow can resample smoothly: RGB, RGBA, L, LA or CMYK."""
    mode = image.mode
    if mode in ("RGB", "RGBA", "L", "LA", "CMYK"):
        return image
    if mode.startswith("I;16") or mode == "I":  # 16-bit greyscale PNG
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if mode == "P" and "transparency" in image.info:
        return image.convert("RGBA")
    if mode == "PA":
        return image.convert("RGBA")
    return image.convert("RGB")


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Flatten transparency onto white and convert to sRGB RGB (via the ICC profile if any)."""
    if image.mode in ("RGBA", "LA"):
        background = Image.new("RGB", image.size, _BACKGROUND)
        background.paste(image.convert("RGBA"), mask=image.getchannel("A"))
        image = background if image.mode == "RGBA" else background.convert("L")
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            converted = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as exc:
            log.info("ignoring unusable ICC profile: %s", exc)
    return image if image.mode == "RGB" else image.convert("RGB")
