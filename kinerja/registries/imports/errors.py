"""The two ways an import can say no: one row (rejected, with a reason) or the whole file."""


class RowRejected(ValueError):
    """This row is not imported; the message (Indonesian) goes to the rejects file."""


class FileUnusable(Exception):
    """The file cannot be used at all (exit 2, nothing saved); the message is shown to the user."""
