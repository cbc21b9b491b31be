import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kinerja.indicators.tasks import warm_figures
from kinerja.registries.demo import IMPORT_ORDER, generate_demo_files
from kinerja.registries.imports import run_import
from kinerja.registries.models import Orang, Psks


class Command(BaseCommand):
    help = (
        "Isi registri dengan data demo Kota Banjarbaru 2021-2025, lewat jalur impor yang sama "
        "dengan yang dipakai petugas Bidang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Lewati bila registri sudah berisi data."
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Skala ukuran data (1 = kota)."
        )
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument(
            "--dir", default=str(settings.VAR_DIR / "demo"), help="Folder file demo."
        )

    def handle(self, *args, **opts):
        if opts["if_empty"] and (Orang.objects.exists() or Psks.objects.exists()):
            self.stdout.write("Registri sudah berisi data: data demo tidak dimuat.")
            return
        started = time.monotonic()
        files = generate_demo_files(Path(opts["dir"]), seed=opts["seed"], scale=opts["scale"])
        for kind in IMPORT_ORDER:
            result = run_import(kind, files.paths[kind], original_name=f"demo/{kind}.csv")
            if result.fatal:
                raise CommandError(f"{kind}: {result.fatal}")
            self.stdout.write(
                f"  {kind:<10} dibaca {result.rows_read:>6}  diterima {result.accepted:>6}  "
                f"ditolak {result.rejected:>4}"
            )
        self.stdout.write(f"Data demo dimuat dalam {time.monotonic() - started:.1f} detik.")
        # The worker (`kinerja db_worker`, started by `make run`) fills the figure cache meanwhile.
        warm_figures.enqueue()
