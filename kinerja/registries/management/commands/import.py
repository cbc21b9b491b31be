"""`kinerja import KIND FILE [--mapping NAME [--periode YYYY-MM] [--kejadian KODE]] [--dry-run]
[--rejects PATH] [--user USERNAME]` (contract sections 3 and 5)."""

import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from kinerja.registries.imports import ImportResult, default_rejects_path, kinds, run_import
from kinerja.registries.mapping import MappingError, Options, find_mapping
from kinerja.registries.mapping.run import import_with_mapping

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
        parser.add_argument(
            "--mapping",
            metavar="NAME",
            help="Baca file dari sistem lain lewat pemetaan: nama bawaan (siks-dtks, siks-ppks, "
            "bansos-salur, bnba-korban), nama pemetaan tersimpan, atau path file pemetaan JSON.",
        )
        parser.add_argument("--periode", metavar="YYYY-MM", help="Bulan data (siks-dtks).")
        parser.add_argument("--kejadian", metavar="KODE", help="Kode kejadian (bnba-korban).")

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
        common = {
            "user": user,
            "dry_run": opts["dry_run"],
            "rejects_path": rejects,
            "progress": bar,
        }
        result: ImportResult
        if opts["mapping"]:
            try:
                spec = find_mapping(opts["mapping"])
            except MappingError as exc:
                self.stderr.write(f"{exc} Tidak ada data yang disimpan.")
                sys.exit(EXIT_UNUSABLE)
            options = Options(periode=opts["periode"], kejadian=opts["kejadian"])
            result = import_with_mapping(
                opts["kind"], path, mapping=spec, options=options, **common
            )
        else:
            result = run_import(opts["kind"], path, **common)
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
        if result.pemetaan:
            out.write(f"mapping: {result.pemetaan}")
        out.write(f"rows read: {result.rows_read}")
        out.write(f"accepted: {result.accepted}")
        out.write(f"rejected: {result.rejected}")
        for notice in result.notices:  # e.g. a Windows-1252 file (D130)
            out.write(f"catatan: {notice}")
        if result.rejects_path:
            out.write(f"rejects: {result.rejects_path}")
        if result.impor_id:
            out.write(f"impor: #{result.impor_id}")
        if result.extra is not None:  # bnba-korban: the aid rows made from the accepted file rows
            extra = result.extra
            out.write(f"{extra.kind} made: {extra.accepted}")
            if extra.rejected:
                out.write(f"{extra.kind} rejected: {extra.rejected} ({extra.rejects_path})")
            if extra.impor_id:
                out.write(f"impor {extra.kind}: #{extra.impor_id}")
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
