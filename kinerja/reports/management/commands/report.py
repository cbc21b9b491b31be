from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.reports.services import BUILDERS, FORMATS, write_document


class Command(BaseCommand):
    help = "Tulis dokumen kinerja (IKU, PK, LKjIP, SPM, rekap) sebagai XLSX, PDF atau DOCX."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(BUILDERS))
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--format", dest="fmt", choices=list(FORMATS), required=True)
        parser.add_argument("--output", required=True)
        parser.add_argument(
            "--jabatan", help="pk-jabatan: hanya PK terbaru jabatan dengan kode ini (tabel jabatan)"
        )

    def handle(self, *args, kind, year, quarter, fmt, output, jabatan=None, **opts):
        try:
            if jabatan:
                from kinerja.reports.builders.pk_jabatan import write_pk_jabatan

                path = write_pk_jabatan(jabatan, fmt, Path(output), year=year)
            else:
                path = write_document(kind, fmt, Path(output), year=year, quarter=quarter)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Dokumen {kind} ({fmt}) ditulis ke {path}")
