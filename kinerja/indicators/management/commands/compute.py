"""`kinerja compute`: every IKU for a period, as a table or JSON (data-contract section 3)."""

import json

from django.core.management.base import BaseCommand, CommandError

from kinerja.lib.numbers import format_angka, format_persen
from kinerja.performance.selectors import figure_rows


class Command(BaseCommand):
    help = "Hitung setiap IKU untuk satu periode (tahun, atau triwulan kumulatif sejak 1 Januari)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="tahun, mis. 2025")
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="triwulan 1-4")
        parser.add_argument("--level", choices=["kota", "kecamatan", "kelurahan"], default="kota")
        parser.add_argument("--reading", choices=["default", "literal"], default="default")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **opts):
        if not 1900 <= opts["year"] <= 2999:
            raise CommandError("Tahun tidak valid.")
        rows = figure_rows(opts["year"], opts["quarter"], opts["level"], opts["reading"])
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        header = ("Indikator", "Wilayah", "Periode", "Pembilang", "Penyebut", "Nilai (%)")
        table = [header] + [
            (
                r["indicator"],
                r["region"],
                r["period"],
                format_angka(r["numerator"]),
                format_angka(r["denominator"]),
                format_persen(r["value"]),
            )  # fmt: skip
            for r in rows
        ]
        widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
        for n, row in enumerate(table):
            cells = [
                str(c).ljust(w) if i < 3 else str(c).rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ]
            self.stdout.write("  ".join(cells).rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write(f"\nBacaan: {opts['reading']}. '–' = tidak ada nilai (penyebut 0).")
