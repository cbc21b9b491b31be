from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kinerja.performance.periods import Periode, periode_nama
from kinerja.performance.services.workflow import WorkflowRefused, workflow_transition

AKSI = ("submit", "verify", "approve", "reopen")


class Command(BaseCommand):
    help = (
        "Persetujuan capaian IKU: `workflow submit|verify|approve|reopen --indicator IKU-2 "
        "--year 2025 [--quarter 2] --user USERNAME [--reason TEKS]`. Keluar 1 bila ditolak."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "aksi", choices=AKSI, help="submit (staf), verify (kabid), approve / reopen (kadis)"
        )
        parser.add_argument("--indicator", required=True, help="kode IKU, mis. IKU-2")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, choices=(1, 2, 3, 4))
        parser.add_argument("--user", required=True, help="nama pengguna yang bertindak")
        parser.add_argument("--reason", default="", help="alasan (wajib untuk reopen)")

    def handle(self, *args, **opts):
        user = get_user_model().objects.filter(username=opts["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"Pengguna '{opts['user']}' tidak ditemukan atau tidak aktif.")
        periode = Periode(opts["year"], opts["quarter"])
        try:
            row = workflow_transition(
                aksi=opts["aksi"],
                kode=opts["indicator"],
                periode=periode,
                user=user,
                alasan=opts["reason"],
            )
        except WorkflowRefused as exc:
            raise CommandError(f"Ditolak: {exc}") from exc
        line = (
            f"{row.indikator_kode} {periode_nama(periode)}: status kini {row.get_status_display()}"
        )
        if opts["aksi"] == "approve":
            line += (
                f"; angka dibekukan ({row.beku_pembilang}/{row.beku_penyebut}, "
                f"{row.beku_jumlah_unit} unit, hash {row.beku_hash[:12]}…)"
            )
        self.stdout.write(line + ".")
