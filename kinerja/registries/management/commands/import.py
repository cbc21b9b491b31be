"""`kinerja import KIND FILE [--dry-run] [--rejects PATH] [--user USERNAME]` (contract section 3)."""

import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from kinerja.registries.imports import default_rejects_path, kinds, run_import

EXIT_UNUSABLE = 2


class Command(BaseCommand):
    # A data command, run from scripts file after file: the project checks (URLs, admin, models:
    # 0.4 s, a third of the start-up) belong to `kinerja check` at deployment, as for `migrate`.
    requires_system_checks = []
    help = (
        "Impor satu file registri (CSV atau XLSX). Baris yang ditolak ditulis ke FILE.rejected.csv. "
        "Kode keluar: 0 semua diterima, 1 ada baris ditolak, 2 file tidak dapat dipakai."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"Jenis data: {', '.join(kinds())}.")
        parser.add_argument(
            "file", help="File CSV (UTF-8 atau Windows-1252; pemisah , ; | atau tab) atau XLSX."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Periksa semua baris tanpa menyimpan apa pun."
        )
        parser.add_argument(
            "--rejects",
            metavar="PATH",
            help="File baris yang ditolak (.xlsx: ditulis sebagai XLSX).",
        )
        parser.add_argument("--user", metavar="USERNAME", help="Akun yang tercatat mengimpor.")

    def handle(self, *args, **opts):
        user = None
        if opts["user"]:
            try:
                user = get_user_model().objects.get(username=opts["user"])
            except get_user_model().DoesNotExist:
                self.stderr.write(f"Akun '{opts['user']}' tidak ada. Tidak ada data yang disimpan.")
                sys.exit(EXIT_UNUSABLE)
        path = Path(opts["file"])
        rejects = Path(opts["rejects"]) if opts["rejects"] else default_rejects_path(path)
        bar = _Progress(sys.stderr) if sys.stderr.isatty() else None
        started = time.monotonic()
        result = run_import(
            opts["kind"],
            path,
            user=user,
            dry_run=opts["dry_run"],
            rejects_path=rejects,
            progress=bar,
        )
        if bar:
            bar.done()
        if result.fatal:
            if result.accepted:  # an XLSX sheet broken off midway (D111): the message says what
                self.stderr.write(f"Impor terhenti: {result.fatal}")
            else:
                self.stderr.write(
                    f"File tidak dapat dipakai: {result.fatal} Tidak ada data yang disimpan."
                )
            sys.exit(EXIT_UNUSABLE)
        elapsed = time.monotonic() - started
        out = self.stdout
        if result.dry_run:
            out.write("Uji coba (--dry-run): tidak ada yang disimpan.")
        out.write(f"kind: {result.kind}")
        out.write(f"file: {path}")
        out.write(f"rows read: {result.rows_read}")
        out.write(f"accepted: {result.accepted}")
        out.write(f"rejected: {result.rejected}")
        for notice in result.notices:  # e.g. a Windows-1252 file (D130)
            out.write(f"catatan: {notice}")
        if result.rejects_path:
            out.write(f"rejects: {result.rejects_path}")
        if result.impor_id:
            out.write(f"impor: #{result.impor_id}")
        out.write(f"seconds: {elapsed:.1f}")
        if result.exit_code:
            sys.exit(result.exit_code)


class _Progress:
    """A one-line progress counter on stderr (only when stderr is a terminal)."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.started = time.monotonic()

    def __call__(self, rows: int) -> None:
        rate = rows / max(time.monotonic() - self.started, 1e-6)
        self.stream.write(f"\r  {rows:>12,} baris  ({rate:,.0f} baris/detik)")
        self.stream.flush()

    def done(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
