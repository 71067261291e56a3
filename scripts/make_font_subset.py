#!/usr/bin/env python3
"""Build resources/fonts/WenQuanYiMicroHei-GBK.ttf, the CJK font that swdesk ships.

Source: face 0 ("WenQuanYi Micro Hei") of wqy-microhei.ttc from the Debian package
``fonts-wqy-microhei`` (Apache-2.0), installed only on the machine that builds the subset:

    sudo apt-get install fonts-wqy-microhei
    .venv/bin/pip install fonttools          # or: pip install -e '.[dev]'
    .venv/bin/python scripts/make_font_subset.py

Kept: every character encodable in GBK (so names with 喆 堃 镕 淼, which GB2312 lacks, work),
plus ASCII/Latin-1, General Punctuation, CJK Symbols and Punctuation, Halfwidth/Fullwidth Forms
and the euro sign. Hinting is dropped (only the Latin glyphs carry any, so that saves just
~23 kB; Qt and PDF viewers render fine unhinted). Outlines stay TrueType (``glyf``), which
ReportLab's TTFont requires. All name records are kept, so the family name stays
"WenQuanYi Micro Hei" (文泉驿微米黑).

The output is deterministic for a given source file and fontTools version.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

DEFAULT_SOURCE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "resources" / "fonts" / "WenQuanYiMicroHei-GBK.ttf"

EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x20AC, 0x20AC),  # euro sign (CP936 has it, Python's "gbk" codec does not)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
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


def wanted_code_points() -> set[int]:
    points = gbk_code_points()
    for first, last in EXTRA_RANGES:
        points.update(range(first, last + 1))
    return points


def build(source: Path, index: int, output: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, fontNumber=index, lazy=False, recalcTimestamp=False)
    if "glyf" not in font:
        sys.exit(f"{source}#{index} has no TrueType outlines (glyf); ReportLab needs them")
    cmap = font.getBestCmap()
    wanted = wanted_code_points()
    present = sorted(cp for cp in wanted if cp in cmap)
    missing_gbk = sorted(cp for cp in gbk_code_points() if cp not in cmap)

    options = subset.Options()
    options.hinting = False  # drop glyph instructions, fpgm/prep/cvt
    options.drop_tables += ["FFTM"]  # FontForge timestamps: not needed, not reproducible
    options.name_IDs = ["*"]  # keep every name record (family, copyright, licence, ...)
    options.name_languages = ["*"]
    options.name_legacy = True
    options.layout_features = ["*"]  # keep vertical forms etc.; costs little
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
    print(f"source:  {source} (face {index})")
    print(f"output:  {output}")
    print(f"size:    {len(data):,} bytes")
    print(f"sha256:  {hashlib.sha256(data).hexdigest()}")
    print(f"chars:   {len(present):,} kept of {len(wanted):,} wanted")
    print(f"GBK characters the source font lacks: {len(missing_gbk):,}")
    if missing_gbk:
        print("  " + " ".join(f"U+{cp:04X} {chr(cp)}" for cp in missing_gbk[:40]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="wqy-microhei.ttc")
    parser.add_argument("--index", type=int, default=0, help="face in the .ttc (0: Micro Hei)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(
            f"{args.source} not found: install it with 'apt-get install fonts-wqy-microhei'",
            file=sys.stderr,
        )
        return 1
    try:
        import fontTools  # noqa: F401
    except ImportError:
        print("fontTools is missing: '.venv/bin/pip install fonttools'", file=sys.stderr)
        return 1
    build(args.source, args.index, args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
