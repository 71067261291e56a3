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
from collections.abc import Callable, Sequence
from importlib.resources import files
from typing import Any, NamedTuple

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont

from .bounded import BoundedCache

FONT_NAME = "SwdeskCJK"
FONT_FILE = "WenQuanYiMicroHei-GBK.ttf"
#: Per-character fallbacks, in the order they are tried after FONT_FILE.
FALLBACK_FONT_FILES = ("HanaMinA-CJK.ttf", "HanaMinB-CJK.ttf", "BabelStoneHan-CJK.ttf")
FONT_FILES = (FONT_FILE, *FALLBACK_FONT_FILES)

#: Subset numbers of the fallback chain: member index * _MEMBER_STRIDE + the member's subset.
_MEMBER_STRIDE = 1 << 20

_lock = threading.Lock()
_font: _FallbackFont | None = None


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

#: Subsets' parts kept per member font (one per distinct set of characters of a subset; a
#: form's WenQuanYi subset is about 30 kB compressed).
_SUBSET_PARTS = 16


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


class _Formatted(pdfdoc.PDFObject):
    """A PDF value already written out (ReportLab writes it as it is)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


class _SubsetParts(NamedTuple):
    """What a subset puts into a PDF, apart from object numbers: the widths array as written,
    the ToUnicode map's stream content, and the TrueType program's length and content
    (compressed where the document compresses)."""

    widths: bytes
    to_unicode: bytes
    program_length: int
    program: bytes


class _MemberFont(TTFont):
    """One shipped font inside the chain. Not registered with pdfmetrics: the chain hands its
    subsets to the document. `addObjects` writes the objects ReportLab's `TTFont.addObjects`
    writes (the same bytes), with a ToUnicode map that is correct above U+FFFF, and keeps
    what a subset's objects hold (`_SubsetParts`: its font program, cut from the font and
    compressed, its widths and its ToUnicode map) for the next document with the same
    characters: the same form rendered again, as the wizard does for preview, print and
    export, does not cut and compress the font again."""

    def __init__(self, name: str, file: Any) -> None:
        super().__init__(name, file)
        self._parts = BoundedCache[tuple[bool, str, tuple[int, ...]], _SubsetParts](_SUBSET_PARTS)

    def _subset_parts(self, compress: bool, base_font_name: str, subset: list[int]) -> _SubsetParts:
        """Keyed by the subset's code points and name themselves: the parts depend on nothing
        else (the font is fixed), so a hit is exactly what making them again would give."""
        key = (compress, base_font_name, tuple(subset))
        found = self._parts.get(key)
        if found is None:
            face: Any = self.face
            program: bytes = face.makeSubset(subset)
            to_unicode = _to_unicode_cmap(base_font_name, subset).encode("utf-8")
            widths = pdfdoc.PDFArray(list(map(face.getCharWidth, subset)))
            found = _SubsetParts(
                widths=widths.format(pdfdoc.DummyDoc()),
                to_unicode=zlib.compress(to_unicode) if compress else to_unicode,
                program_length=len(program),
                program=zlib.compress(program) if compress else program,
            )
            self._parts.put(key, found)
        return found

    def _font_descriptor(self, doc: Any, fontname: str, parts: _SubsetParts) -> Any:
        """ReportLab's `TTFontFace.addSubsetObjects` (the same objects, the same bytes), with
        the font program from `parts`."""
        face: Any = self.face
        font_file: Any = _stream(doc, parts.program)
        font_file.dictionary["Length1"] = parts.program_length
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
            parts = self._subset_parts(bool(doc.compression), base_font_name, subset)

            pdf_font: Any = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = _Formatted(parts.widths)
            pdf_font.ToUnicode = doc.Reference(
                _stream(doc, parts.to_unicode), "toUnicodeCMap:" + base_font_name
            )
            pdf_font.FontDescriptor = self._font_descriptor(doc, base_font_name, parts)

            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


def _stream(doc: Any, content: bytes) -> Any:
    """A PDF stream of `content`, which is already compressed when `doc` compresses (so
    ReportLab applies no filter again)."""
    stream: Any = pdfdoc.PDFStream()
    stream.content = content
    if doc.compression:
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    return stream


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
        primary = self._primary
        if all(map(primary.__contains__, map(ord, text))):  # the usual case: one run
            return self._member_at(0).splitString(text, doc)  # member 0: subsets unchanged
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
