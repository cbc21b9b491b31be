"""The import kinds. Adding one is one module here: a `Kind` subclass decorated with `@register`."""

from . import bencana, dtks, korban, layanan, pelatihan, ppks, psks  # noqa: F401  (registers)
from .base import KINDS, Kind, register

__all__ = ["KINDS", "Kind", "register"]
