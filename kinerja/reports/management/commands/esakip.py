"""`kinerja esakip --year Y --output FILE.zip`: the year's documents for the national e-SAKIP."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.reports.esakip import esakip_zip


class Command(BaseCommand):
    help = (
        "Tulis satu ZIP per tahun untuk e-SAKIP nasional: dokumen PDF dan manifest.json (SHA-256)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", required=True)

    def handle(self, *args, year, output, **opts):
        try:
            data = esakip_zip(year)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.stdout.write(f"ZIP e-SAKIP {year} ditulis ke {path}")
