"""A document as data: one builder per document, three renderers (PDF, DOCX, XLSX) for all of them."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

Number = int | Decimal | float


@dataclass(frozen=True)
class Provisional:
    """A figure not yet approved by the Kepala Dinas: every format shows it marked "(s)" (sementara)."""

    value: Number | None


@dataclass(frozen=True)
class CellFormula:
    """One cell's XLSX formula (a total row, say); PDF and DOCX show `value`.

    Placeholders: {row} this row, {first} the table's first data row, {prev} the row above, and
    {Title} the letter of the column titled Title.
    """

    formula: str
    value: "Number | Provisional | None" = None


Value = str | Number | Provisional | CellFormula | None


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 1.0  # relative
    kind: str = "text"  # text | int | pct | rupiah | number
    # An XLSX formula for this column, with {row} for the row number and {X} for the letter of the
    # column titled X (e.g. "=IF(AND(ISNUMBER({Realisasi}{row}),{Target}{row}>0),{Realisasi}{row}/{Target}{row}*100,\"\")").
    formula: str | None = None


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[Column]
    rows: Sequence[Sequence[Value]]
    sheet: str | None = None  # XLSX sheet name; tables sharing a sheet are stacked
    note: str = ""
    plain: bool = False  # no header row, no borders (a statement's "Nama : ..." lines)


@dataclass(frozen=True)
class Image:
    """An SVG picture (charts); PDF embeds it, DOCX and XLSX get its PNG rendering when available."""

    svg: str
    caption: str = ""
    png: bytes | None = None


@dataclass(frozen=True)
class Signature:
    place_date: str
    position: str
    name: str
    rank: str = ""
    nip: str = ""  # empty for an elected official (the Walikota has none)


@dataclass(frozen=True)
class SignatureRow:
    """Two or more signatories side by side (a PK: the Walikota and the Kepala Dinas)."""

    signatures: tuple[Signature, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class TableOfContents:
    """The document's headings (levels 1-2) with their page: target counters in the PDF, a TOC field
    in the DOCX (filled when the file is opened); the XLSX has no pages and leaves it out."""

    title: str = "DAFTAR ISI"


Block = Heading | Paragraph | Table | Image | Signature | SignatureRow | PageBreak | TableOfContents


@dataclass
class Letterhead:
    pemerintah: str
    dinas: str
    alamat: str
    email: str

    @property
    def instansi(self) -> str:
        """The issuing office as one name (DINAS SOSIAL KOTA BANJARBARU): every file's author."""
        return f"{self.dinas} {self.pemerintah.removeprefix('PEMERINTAH ')}"


@dataclass
class Document:
    title: str
    subtitle: str
    letterhead: Letterhead
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    provisional: bool = False  # any figure not yet approved: marked "sementara"
    created: dt.date | None = None
    xlsx_text_sheet: str | None = None  # name of a sheet holding the headings and paragraphs

    @property
    def subject(self) -> str:
        """A file's subject metadata: the subtitle's first line (the Dinas, or the decree)."""
        return self.subtitle.splitlines()[0] if self.subtitle else self.title

    def add(self, *blocks: Block) -> "Document":
        self.blocks.extend(blocks)
        return self
