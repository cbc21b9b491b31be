"""The two ways an import can say no: one row (rejected, with a reason) or the whole file."""

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
