"""`kinerja lke_muat FILE [--dry-run]`: load a new LKE version (a new regulation or weights) from JSON."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from kinerja.evaluasi.services.lke_data import LkeTidakSah, lke_muat, periksa_data


class Command(BaseCommand):
    help = (
        "Muat satu versi lembar kerja evaluasi (LKE) dari file JSON berbentuk seperti "
        "kinerja/evaluasi/data/lke-permenpanrb-88.json. Kode keluar 2 bila file tidak sah."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Periksa saja, tanpa menyimpan.")

    def handle(self, *args, **opts):
        try:
            data = json.loads(Path(opts["file"]).read_text(encoding="utf-8"))
            if opts["dry_run"]:
                periksa_data(data)
                self.stdout.write(f"LKE '{data['kode']}' sah; tidak ada yang disimpan.")
                return
            with transaction.atomic():
                lke = lke_muat(data)
        except (OSError, ValueError, KeyError, TypeError) as e:
            reason = e if isinstance(e, LkeTidakSah) else f"file tidak dapat dibaca ({e})"
            self.stderr.write(f"LKE tidak dimuat: {reason}. Tidak ada yang disimpan.")
            sys.exit(2)
        jumlah = sum(s.kriteria.count() for k in lke.komponen.all() for s in k.sub_komponen.all())
        self.stdout.write(
            f"LKE '{lke.kode}' dimuat: berlaku mulai {lke.berlaku_mulai}, {jumlah} kriteria."
        )
