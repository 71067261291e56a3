#!/usr/bin/env python3
"""Build the fonts swdesk ships in resources/fonts/ from Debian's font packages.

One primary font and three per-character fallbacks, each a subset of a free TrueType font
(``glyf`` outlines, which ReportLab's TTFont requires), each holding only what the fonts before
it lack:

1. ``WenQuanYiMicroHei-GBK.ttf``: face 0 ("WenQuanYi Micro Hei") of ``wqy-microhei.ttc``
   (Debian ``fonts-wqy-microhei``, Apache-2.0): every character encodable in GBK (so names
   with 喆 堃 镕 淼, which GB2312 lacks, work), plus ASCII/Latin-1, General Punctuation, CJK
   Symbols and Punctuation, Halfwidth/Fullwidth Forms and the euro sign.
2. ``HanaMinA-CJK.ttf``: from ``HanaMinA.ttf`` (Debian ``fonts-hanazono``, Hanazono Font
   License or OFL-1.1; we use the Hanazono Font License): the CJK ideographs of the BMP that
   the GBK subset lacks, CJK Unified Ideographs Extension A, compatibility ideographs,
   radicals and strokes.
3. ``HanaMinB-CJK.ttf``: from ``HanaMinB.ttf`` (same package and licence): Extensions B-F.
4. ``BabelStoneHan-CJK.ttf``: from ``BabelStoneHan.ttf`` (Debian ``fonts-babelstone-han``,
   Arphic Public License): the ideographs of the ranges above that neither font has (the
   newest of the BMP and Extension A), and Extensions G and H.

    sudo apt-get install fonts-wqy-microhei fonts-hanazono fonts-babelstone-han
    .venv/bin/pip install fonttools          # or: pip install -e '.[dev]'
    .venv/bin/python scripts/make_font_subset.py             # all four
    .venv/bin/python scripts/make_font_subset.py --only HanaMinA-CJK.ttf

Hinting is dropped (Qt and PDF viewers render fine unhinted). All name records are kept, so
Qt reports the families "WenQuanYi Micro Hei", "HanaMinA", "HanaMinB" and "BabelStone Han".
The fallbacks drop OpenType layout (no glyph closure over Japanese variant forms; swdesk sets
no vertical text). The output is byte-for-byte deterministic for given source files and
fontTools version; each build prints sizes and sha256 sums (see resources/fonts/README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = REPO_ROOT / "resources" / "fonts"

EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x20AC, 0x20AC),  # euro sign (CP936 has it, Python's "gbk" codec does not)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]

#: Ideographs (and their building blocks) of the Basic Multilingual Plane and the
#: compatibility supplement: the first fallback's ranges.
BMP_CJK_RANGES = [
    (0x2E80, 0x2EFF),  # CJK Radicals Supplement
    (0x2F00, 0x2FDF),  # Kangxi Radicals
    (0x2FF0, 0x2FFF),  # Ideographic Description Characters
    (0x31C0, 0x31EF),  # CJK Strokes
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x2F800, 0x2FA1F),  # CJK Compatibility Ideographs Supplement
]

#: The supplementary-plane extensions: the second and third fallbacks' ranges.
SUPPLEMENTARY_CJK_RANGES = [
    (0x20000, 0x2A6DF),  # Extension B
    (0x2A700, 0x2B73F),  # Extension C
    (0x2B740, 0x2B81F),  # Extension D
    (0x2B820, 0x2CEAF),  # Extension E
    (0x2CEB0, 0x2EBEF),  # Extension F
    (0x2EBF0, 0x2EE5F),  # Extension I
    (0x30000, 0x3134F),  # Extension G
    (0x31350, 0x323AF),  # Extension H
]


@dataclass(frozen=True)
class FontSpec:
    output: str  # file name in resources/fonts
    source: Path
    index: int  # face in a .ttc
    package: str  # Debian package that installs `source`
    fallback_ranges: tuple[tuple[int, int], ...] | None  # None: the primary font (GBK)


SPECS = [
    FontSpec(
        "WenQuanYiMicroHei-GBK.ttf",
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        0,
        "fonts-wqy-microhei",
        None,
    ),
    FontSpec(
        "HanaMinA-CJK.ttf",
        Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
        0,
        "fonts-hanazono",
        tuple(BMP_CJK_RANGES),
    ),
    FontSpec(
        "HanaMinB-CJK.ttf",
        Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"),
        0,
        "fonts-hanazono",
        tuple(SUPPLEMENTARY_CJK_RANGES),
    ),
    FontSpec(
        "BabelStoneHan-CJK.ttf",
        Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf"),
        0,
        "fonts-babelstone-han",
        tuple(BMP_CJK_RANGES + SUPPLEMENTARY_CJK_RANGES),
    ),
]


def gbk_code_points() -> set[int]:
    """All BMP code points (outside surrogates and private use) that the GBK codec can encode."""
    points = set()
    for cp in range(0x20, 0x10000):
        if cp == 0x7F or 0xD800 <= cp <= 0xDFFF or 0xE000 <= cp <= 0xF8FF:
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        points.add(cp)
    return points


def primary_code_points() -> set[int]:
    points = gbk_code_points()
    for first, last in EXTRA_RANGES:
        points.update(range(first, last + 1))
    return points


def _expand(ranges: Iterable[tuple[int, int]]) -> set[int]:
    points: set[int] = set()
    for first, last in ranges:
        points.update(range(first, last + 1))
    return points


def _cmap_of(path: Path, index: int = 0) -> set[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        return set(font.getBestCmap())


def build(spec: FontSpec, covered_before: set[int], output: Path) -> set[int]:
    """Subset `spec.source` into `output`; return the code points it holds."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(spec.source, fontNumber=spec.index, lazy=False, recalcTimestamp=False)
    if "glyf" not in font:
        sys.exit(
            f"{spec.source}#{spec.index} has no TrueType outlines (glyf): ReportLab needs them"
        )
    cmap = font.getBestCmap()
    if spec.fallback_ranges is None:
        wanted = primary_code_points()
    else:
        wanted = _expand(spec.fallback_ranges) - covered_before
    present = sorted(cp for cp in wanted if cp in cmap)

    options = subset.Options()
    options.hinting = False  # drop glyph instructions, fpgm/prep/cvt
    # not needed; FontForge's FFTM timestamps are not reproducible
    options.drop_tables += ["FFTM", "DSIG", "meta", "prop", "BASE"]
    options.name_IDs = ["*"]  # keep every name record (family, copyright, licence, ...)
    options.name_languages = ["*"]
    options.name_legacy = True
    # The primary font keeps its layout (vertical forms etc.; costs little); the fallbacks
    # drop it, so no glyph closure pulls in variant forms nobody asked for.
    options.layout_features = ["*"] if spec.fallback_ranges is None else []
    options.notdef_outline = True
    options.glyph_names = False
    options.recalc_timestamp = False
    options.recalc_bounds = True

    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=present)
    subsetter.subset(font)

    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(output, reorderTables=True)
    font.close()

    data = output.read_bytes()
    print(f"{spec.output}")
    print(f"  source:  {spec.source} (face {spec.index}, Debian package {spec.package})")
    print(f"  size:    {len(data):,} bytes")
    print(f"  sha256:  {hashlib.sha256(data).hexdigest()}")
    print(f"  chars:   {len(present):,} kept of {len(wanted):,} wanted")
    if spec.fallback_ranges is None:
        missing_gbk = sorted(cp for cp in gbk_code_points() if cp not in cmap)
        print(f"  GBK characters the source font lacks: {len(missing_gbk):,}")
        if missing_gbk:
            print("    " + " ".join(f"U+{cp:04X} {chr(cp)}" for cp in missing_gbk[:40]))
    return set(present)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=FONT_DIR)
    parser.add_argument(
        "--only",
        action="append",
        choices=[spec.output for spec in SPECS],
        help="build only this file (repeatable); the fonts before it are read from --output-dir",
    )
    args = parser.parse_args(argv)
    try:
        import fontTools  # noqa: F401
    except ImportError:
        print("fontTools is missing: '.venv/bin/pip install fonttools'", file=sys.stderr)
        return 1
    covered: set[int] = set()
    for spec in SPECS:
        output = args.output_dir / spec.output
        if args.only and spec.output not in args.only:
            if not output.exists():
                print(f"{output} is missing: build it first", file=sys.stderr)
                return 1
            covered |= _cmap_of(output)
            continue
        if not spec.source.exists():
            print(
                f"{spec.source} not found: install it with 'apt-get install {spec.package}'",
                file=sys.stderr,
            )
            return 1
        covered |= build(spec, covered, output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
