"""The ways an import can say no: one row (rejected, with a reason) or the whole file.

Every message is Indonesian and names no server path: the web shows it as it is.
"""


class RowRejected(ValueError):
    """This row is not imported; the message (Indonesian) goes to the rejects file."""


class FileUnusable(Exception):
    """The file cannot be used at all (exit 2, nothing saved); the message is shown to the user."""


class FileBeyondLimits(FileUnusable):
    """The file is beyond a bound of D70 (size, rows, columns, cell length, XLSX unpacked size):
    refused before anything is read row by row."""


class FileBrokenMidway(FileUnusable):
    """The file turned out damaged while it was being imported (an XLSX sheet whose XML breaks off
    past its zip checks): the batches before it stay saved, and the message says how many rows."""
