"""Column metadata of an import kind: what the web's XLSX templates and the docs are built from."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    description: str = ""
    codes: tuple[
        str, ...
    ] = ()  # a fixed list; lists kept in the database are filled in at run time
    codes_from: str | None = None  # the ImportContext attribute holding a database code list
