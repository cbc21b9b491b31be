"""The ways an import can say no: one row (rejected, with a reason) or the whole file.

Every message is Indonesian and names no server path: the web shows it as it is.
"""

from kinerja.lib.privacy import mask_identifiers


class RowRejected(ValueError):
    """This row is not imported; the message (Indonesian) goes to the rejects file.

    A reason is shown to whoever uploads and written where nobody reviews it (rejects file, preview),
    so it never names a NIK or KK in full (row 7): the reasons mask them where they interpolate one,
    and any 16-digit number left is masked here.
    """

    def __init__(self, message: object = "") -> None:
        super().__init__(mask_identifiers(str(message)))


class FileUnusable(Exception):
    """The file cannot be used at all (exit 2, nothing saved); the message is shown to the user."""


class FileBeyondLimits(FileUnusable):
    """The file is beyond a bound of D110 (size, rows, columns, cell length, XLSX unpacked size):
    refused before anything is read row by row."""


class FileBrokenMidway(FileUnusable):
    """The file turned out damaged while it was being imported (an XLSX sheet whose XML breaks off
    past its zip checks): the batches before it stay saved, and the message says how many rows."""
