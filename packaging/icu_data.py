"""Qt's ICU data cut down to what a Chinese and English swdesk can use, for the Linux build.

PySide6's wheels ship ICU's whole data library, `libicudata.so.<N>` (32 MB of the build):
the names of every language, region, currency, unit and time zone in every locale, the
collation and spelling-out rules of every locale, about two hundred legacy character
converters and the transliterators. swdesk speaks Simplified Chinese and English, sorts and
converts nothing through ICU, and Qt asks ICU only for what the app asks Qt. The build
keeps, from the package inside that library:

- every item that is not one locale's data (the root locale, the shared pools, the Unicode
  and normalisation tables, the break rules and word dictionaries, the supplemental
  data that every locale uses);
- the locale data of Chinese (zh, zh_Hans, zh_Hans_CN, ... with their aliases) and English
  (en, en_US, en_GB, en_001, ...), in every category;

and drops the other locales, every converter but GB 18030 and GBK (China's own, kept in case
a file is read through ICU), the transliterators and the Unicode character names. An item a
kept one refers to stays too (Hong Kong's spelled-out numbers refer to Cantonese's).
`icupkg` (Debian's icu-devtools) removes the items; the smaller package is put back into a
shared library of the same name exporting the same symbol (`icudt<N>_dat`), assembled by the
C compiler. Without those tools, or when anything about the library is not as expected, the
build keeps the original and says why.

    python packaging/icu_data.py LIBRARY WORK_DIR   # prints the filtered library's path
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["KEEP_LANGUAGES", "filter_icu_data", "wanted"]

KEEP_LANGUAGES = ("zh", "en")
KEEP_CONVERTERS = ("gb18030.cnv", "windows-936-2000.cnv")  # GB 18030 and GBK
SHARED_ITEMS = ("root.res", "pool.res", "res_index.res")  # every locale's, though lowercase
# a locale's own item: language (2-3 letters), then script, region, variant ("de_.res" is
# German's collation alias); the camel-case supplemental tables do not match
_LOCALE_ITEM = re.compile(r"^([a-z]{2,3})(?:_[A-Za-z0-9]*)*\.res$")
_MISSING = re.compile(r"depends on missing item (\S+)")
_DATA_SYMBOL = re.compile(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$")


def wanted(item: str) -> bool:
    """Whether the package item `item` (e.g. "curr/zh_Hant.res", "gb18030.cnv") stays."""
    folder, _, name = item.rpartition("/")
    if folder == "translit" or name == "unames.icu":
        return False
    if name.endswith(".cnv"):
        return name in KEEP_CONVERTERS
    match = _LOCALE_ITEM.match(name)
    return match is None or name in SHARED_ITEMS or match.group(1) in KEEP_LANGUAGES


def filter_icu_data(library: Path, work: Path) -> tuple[Path | None, str]:
    """The filtered copy of `library` (written in `work`) and what was done, or None and why
    the original should stay."""
    tools = {name: shutil.which(name) for name in ("icupkg", "nm", "cc")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        return None, f"{', '.join(missing)} not found (Debian: icu-devtools, binutils, gcc)"
    icupkg, nm, cc = (str(tools[name]) for name in ("icupkg", "nm", "cc"))
    try:
        return _filter(library, work, icupkg, nm, cc)
    except (OSError, ValueError) as exc:
        return None, f"{library.name} kept whole: {exc}"
    except subprocess.CalledProcessError as exc:
        return None, f"{library.name} kept whole: {Path(exc.cmd[0]).name} failed: {exc.stderr}"


def _filter(library: Path, work: Path, icupkg: str, nm: str, cc: str) -> tuple[Path | None, str]:
    symbol, offset, size = _data_symbol(library, nm)
    # icupkg wants the package file named as its items' prefix: icudt73l (l: little-endian)
    package = symbol.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b") + ".dat"
    (work / "all").mkdir(parents=True, exist_ok=True)
    (work / "kept").mkdir(parents=True, exist_ok=True)
    original, filtered = work / "all" / package, work / "kept" / package
    original.write_bytes(library.read_bytes()[offset : offset + size])
    items = _run([icupkg, "-l", str(original)]).split()
    dropped = [item for item in items if not wanted(item)]
    if not items or len(dropped) == len(items):
        return None, f"{library.name} holds no ICU package this filter knows"
    drop_list = work / "dropped.txt"
    for _round in range(5):  # an item a kept one needs is kept too, and so on
        drop_list.write_text("\n".join(dropped) + "\n", encoding="ascii")
        filtered.unlink(missing_ok=True)
        removing = subprocess.run(
            [icupkg, "-r", str(drop_list), str(original), str(filtered)],
            capture_output=True,
            text=True,
        )
        needed = set(_MISSING.findall(removing.stderr))
        if removing.returncode == 0:
            break
        if not needed & set(dropped):
            raise subprocess.CalledProcessError(
                removing.returncode, removing.args, removing.stdout, removing.stderr
            )
        dropped = [item for item in dropped if item not in needed]
    else:
        return None, f"{library.name} kept whole: its items' references did not settle"
    source = work / "icudata.s"
    source.write_text(_assembly(symbol, filtered), encoding="ascii")
    output = work / library.name
    soname = f"-Wl,-soname,{library.name}"
    _run([cc, "-shared", "-nostdlib", soname, "-o", str(output), str(source)])
    if _data_symbol(output, nm)[0] != symbol:
        return None, f"the rebuilt {library.name} does not export {symbol}"
    kept = len(items) - len(dropped)
    return output, (
        f"{library.name}: kept {kept} of {len(items)} ICU items (Chinese and English), "
        f"{library.stat().st_size / 1e6:.1f} MB -> {output.stat().st_size / 1e6:.1f} MB"
    )


def _data_symbol(library: Path, nm: str) -> tuple[str, int, int]:
    """The exported data symbol's name, file offset and size. The library is one read-only
    section loaded at its file offset (as ICU's own build makes it): checked, not assumed."""
    listing = _run([nm, "-D", "--defined-only", "-S", str(library)])
    found = [m for line in listing.splitlines() if (m := _DATA_SYMBOL.match(line.strip()))]
    if len(found) != 1:
        raise ValueError(f"{len(found)} icudt*_dat symbols")
    address, size = int(found[0].group(1), 16), int(found[0].group(2), 16)
    data = library.read_bytes()
    # the package starts with its header: its size (2 bytes), the magic bytes 0xda 0x27,
    # and at byte 12 its data format, "CmnD" (a common data package)
    magic, kind = data[address + 2 : address + 4], data[address + 12 : address + 16]
    if magic != b"\xda\x27" or kind != b"CmnD":
        raise ValueError("no ICU common data package at the symbol's address")
    return found[0].group(3), address, size


def _assembly(symbol: str, package: Path) -> str:
    return (
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f'\t.incbin "{package}"\n'
        f"\t.size {symbol}, .-{symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n'
    )


def _run(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


if __name__ == "__main__":
    result, note = filter_icu_data(Path(sys.argv[1]), Path(sys.argv[2]))
    print(note, file=sys.stderr)
    if result is None:
        sys.exit(1)
    print(result)
