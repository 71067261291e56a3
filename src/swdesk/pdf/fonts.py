"""The font of swdesk's PDFs: one name, `FONT_NAME`, that draws each character with the first
shipped font that has it.

The shipped fonts (resources/fonts/, see its README): WenQuanYi Micro Hei (GBK subset) first,
then three fallbacks that hold only what the fonts before them lack: HanaMinA (the rest of the
BMP's CJK ideographs and Extension A), HanaMinB (Extensions B-F) and BabelStone Han (the
newest BMP and Extension A ideographs, Extensions G and H). Together they draw every
character of the 通用规范汉字表 (2013) and of CJK Unified Ideographs with Extension A, so a
name such as 𠮷祥 or 刘䶮 prints and stays in the PDF's text.

`FONT_NAME` is registered with ReportLab as one TrueType font whose `splitString` sends each
run of characters to the font that has them, so every caller (canvas strings, paragraphs,
tables) gets the fallback with no markup. Each underlying font is embedded as its own subset
of only the glyphs the document uses (ReportLab's dynamic subsetting, 256 characters per
subset font): a form with one Extension B character embeds a few kB of HanaMinB, not 30 MB.
The fallbacks are read only when a text needs them.

ReportLab writes a subset's ToUnicode map with the bare code point, which is wrong above
U+FFFF (a PDF's ToUnicode holds UTF-16); the fonts here write surrogate pairs, so PDF readers
extract 𠮷 as 𠮷.
"""

from __future__ import annotations

import io
import threading
import unicodedata
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from importlib.resources import files
from typing import Any, Generic, TypeVar

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont

FONT_NAME = "SwdeskCJK"
FONT_FILE = "WenQuanYiMicroHei-GBK.ttf"
#: Per-character fallbacks, in the order they are tried after FONT_FILE.
FALLBACK_FONT_FILES = ("HanaMinA-CJK.ttf", "HanaMinB-CJK.ttf", "BabelStoneHan-CJK.ttf")
FONT_FILES = (FONT_FILE, *FALLBACK_FONT_FILES)

#: Subset numbers of the fallback chain: member index * _MEMBER_STRIDE + the member's subset.
_MEMBER_STRIDE = 1 << 20

_lock = threading.Lock()
_font: _FallbackFont | None = None

#: Held while any swdesk PDF is rendered: ReportLab keeps per-document state in shared
#: objects (the registered font's subsets, `rl_config`) and is not safe in two threads at once.
RENDER_LOCK = threading.Lock()


def ensure_font() -> str:
    """Register the shipped fonts with ReportLab (first call only) and return the name to use."""
    _loaded_font()
    return FONT_NAME


def missing_glyphs(text: str) -> set[str]:
    """The characters of `text` that none of the shipped fonts can draw (they would print as
    empty boxes).

    Whitespace, control and format characters (Cc, Cf) and variation selectors are ignored;
    private-use and unassigned code points count as missing.
    """
    return _loaded_font().missing(text)


def can_draw(text: str) -> bool:
    """True when every visible character of `text` has a glyph in the shipped fonts."""
    return not missing_glyphs(text)


def font_for_char(char: str) -> str | None:
    """The file name of the shipped font that draws `char`, or None (for tests and the README)."""
    font = _loaded_font()
    index = font.member_index(ord(char))
    return None if index is None else FONT_FILES[index]


# -- implementation ----------------------------------------------------------------------

#: Font programs kept per member font (one per distinct set of characters of a subset; a
#: form's WenQuanYi subset is about 30 kB compressed).
_SUBSET_PROGRAMS = 16

_K = TypeVar("_K")
_V = TypeVar("_V")


class _BoundedCache(Generic[_K, _V]):
    """A least-recently-used map of at most `size` entries, safe across threads."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[_K, _V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: _K) -> _V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: _K, value: _V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def _ignorable(char: str) -> bool:
    code = ord(char)
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
        return True
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF  # variation selectors


def _read_font_file(name: str) -> bytes:
    # Read through importlib.resources: works from a wheel, a zip and a frozen build.
    return files("swdesk.resources").joinpath("fonts", name).read_bytes()


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode CMap for a subset, with UTF-16 (surrogate pairs above U+FFFF)."""

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{utf16(code)}>" for i, code in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


class _MemberFont(TTFont):
    """One shipped font inside the chain. Not registered with pdfmetrics: the chain hands its
    subsets to the document. `addObjects` is ReportLab's, with a ToUnicode map that is
    correct above U+FFFF, and the subset's font program (the glyphs of the characters
    it holds, compressed as ReportLab would) kept for the next document that needs the same
    characters: rendering the same form again, as the wizard does for preview, print and
    export, does not cut and compress the font again."""

    def __init__(self, name: str, file: Any) -> None:
        super().__init__(name, file)
        self._programs = _BoundedCache[tuple[bool, tuple[int, ...]], tuple[int, bytes]](
            _SUBSET_PROGRAMS
        )

    def _font_program(self, subset: Sequence[int], compress: bool) -> tuple[int, bytes]:
        """(uncompressed length, stream content) of the subset's TrueType program.

        Keyed by the subset's code points themselves: the program depends on nothing else
        (the font is fixed), so a hit is exactly what making it again would give."""
        key = (compress, tuple(subset))
        found = self._programs.get(key)
        if found is None:
            face: Any = self.face
            program: bytes = face.makeSubset(subset)
            found = (len(program), zlib.compress(program) if compress else program)
            self._programs.put(key, found)
        return found

    def _font_descriptor(self, doc: Any, fontname: str, subset: Sequence[int]) -> Any:
        """ReportLab's `TTFontFace.addSubsetObjects` (the same objects, the same bytes), with
        the font program from `_font_program`."""
        face: Any = self.face
        length, content = self._font_program(subset, bool(doc.compression))
        font_file: Any = pdfdoc.PDFStream()
        font_file.content = content
        font_file.dictionary["Length1"] = length
        if doc.compression:  # already compressed: ReportLab applies no filter again
            font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        font_file_ref = doc.Reference(font_file, f"fontFile:{face.filename}({fontname})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": face.ascent,
                "CapHeight": face.capHeight,
                "Descent": face.descent,
                "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox),
                "FontName": pdfdoc.PDFName(fontname),
                "ItalicAngle": face.italicAngle,
                "StemV": face.stemV,
                "FontFile2": font_file_ref,
                "MissingWidth": face.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - ReportLab's name
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(getattr(self, "_asciiReadable", None))
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_font_name = b"".join(
                (SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)
            ).decode("pdfdoc")

            pdf_font: Any = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))

            cmap = pdfdoc.PDFStream()
            cmap.content = _to_unicode_cmap(base_font_name, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self._font_descriptor(doc, base_font_name, subset)

            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


class _FaceView:
    """The primary font's face under the chain's own name, so that registering the chain never
    collides in pdfmetrics with another registration of the same file."""

    def __init__(self, face: Any, name: bytes) -> None:
        self._face = face
        self.name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._face, attr)


class _FallbackFont(TTFont):
    """`FONT_NAME`: metrics and ascent of the primary font; each character drawn by the first
    member font that has it (characters none has: the primary's .notdef box)."""

    def __init__(self, name: str, load: Callable[[str], bytes]) -> None:
        # Deliberately not TTFont.__init__: the chain parses no font of its own.
        self.fontName = name
        self._load = load
        primary = self._member(0)
        self._members: list[_MemberFont | None] = [primary] + [None] * len(FALLBACK_FONT_FILES)
        self._members_lock = threading.Lock()
        self._primary = primary.face.charToGlyph
        self.face: Any = _FaceView(primary.face, name.encode("ascii"))
        self.encoding = primary.encoding
        self.state = primary.state  # unused by the chain; present for ReportLab's checks
        self._asciiReadable = getattr(primary, "_asciiReadable", None)
        self.shapable = False  # no HarfBuzz shaping: it would read only the primary's face
        self._widths: dict[int, float] = {}  # code point → advance (1/1000 em), see stringWidth

    def _member(self, index: int) -> _MemberFont:
        return _MemberFont(f"{self.fontName}-{index}", io.BytesIO(self._load(FONT_FILES[index])))

    def _member_at(self, index: int) -> _MemberFont:
        """Member `index`, read from its file the first time a text needs it."""
        member = self._members[index]
        if member is None:
            with self._members_lock:
                member = self._members[index]
                if member is None:
                    member = self._members[index] = self._member(index)
        return member

    def member_index(self, code: int) -> int | None:
        """The first member font that has `code` (fallbacks are loaded only as far as needed)."""
        for index in range(len(FONT_FILES)):
            if code in self._member_at(index).face.charToGlyph:
                return index
        return None

    def missing(self, text: str) -> set[str]:
        primary = self._primary
        return {
            ch
            for ch in text
            if ord(ch) not in primary and not _ignorable(ch) and self.member_index(ord(ch)) is None
        }

    def _runs(self, text: str) -> list[tuple[int, str]]:
        """`text` cut into runs of (member index, characters) with the first member that has
        each character; characters none has stay with the primary (its .notdef)."""
        primary = self._primary
        runs: list[tuple[int, str]] = []
        start, current = 0, 0
        for i, ch in enumerate(text):
            code = ord(ch)
            index = 0 if code in primary or code == 0xA0 else (self.member_index(code) or 0)
            if index != current:
                if i > start:
                    runs.append((current, text[start:i]))
                start, current = i, index
        if len(text) > start:
            runs.append((current, text[start:]))
        return runs

    # -- the TTFont interface ReportLab's canvas, paragraphs and tables use ---------------

    def _char_width(self, code: int) -> float:
        """The advance of `code` in 1/1000 em, from the member that draws it (remembered for
        the characters some member has: at most the fonts' own character maps)."""
        index = 0 if code in self._primary or code == 0xA0 else self.member_index(code)
        face = self._member_at(index or 0).face
        width: float = face.charWidths.get(code, face.defaultWidth)
        if index is not None:
            self._widths[code] = width
        return width

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        # Called for every character by ReportLab's line breaking: one dictionary look-up per
        # character, the members' fonts consulted only for a character seen the first time.
        if isinstance(text, bytes):
            text = text.decode(encoding)
        widths = self._widths
        try:
            return 0.001 * size * sum([widths[ch] for ch in map(ord, text)])
        except KeyError:
            return 0.001 * size * sum([self._char_width(ch) for ch in map(ord, text)])

    def splitString(
        self, text: str | bytes, doc: Any, encoding: str = "utf-8"
    ) -> list[tuple[int, bytes]]:  # noqa: N802, E501
        if isinstance(text, bytes):
            text = text.decode(encoding)
        member = self._member_at
        return [
            (index * _MEMBER_STRIDE + subset, chunk)
            for index, run in self._runs(text)
            for subset, chunk in member(index).splitString(run, doc)
        ]

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:  # noqa: N802
        index, member_subset = divmod(subset, _MEMBER_STRIDE)
        return str(self._member_at(index).getSubsetInternalName(member_subset, doc))

    def addObjects(self, doc: Any) -> None:  # noqa: N802
        """Nothing: the member fonts a document used add their own objects."""


def _loaded_font() -> _FallbackFont:
    global _font
    font = _font
    if font is not None:
        return font
    with _lock:
        if _font is None:
            loaded = _FallbackFont(FONT_NAME, _read_font_file)
            pdfmetrics.registerFont(loaded)
            # One face only: <b>/<i> in paragraph markup must not fail, they map to it too.
            pdfmetrics.registerFontFamily(
                FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME
            )
            _font = loaded
        return _font
