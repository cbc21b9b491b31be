"""A document as data: one builder per document, three renderers (PDF, DOCX, XLSX) for all of them."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

Value = str | int | Decimal | float | None


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
    rows: list[list[Value]]
    sheet: str | None = None  # XLSX sheet name; tables sharing a sheet are stacked
    note: str = ""


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
    rank: str
    nip: str


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | Image | Signature | PageBreak


@dataclass
class Letterhead:
    pemerintah: str
    dinas: str
    alamat: str
    email: str


@dataclass
class Document:
    title: str
    subtitle: str
    letterhead: Letterhead
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    provisional: bool = False  # any figure not yet approved: marked "sementara"
    created: dt.date | None = None

    def add(self, *blocks: Block) -> "Document":
        self.blocks.extend(blocks)
        return self
