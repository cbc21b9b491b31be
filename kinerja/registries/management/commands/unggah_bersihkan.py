"""`kinerja unggah_bersihkan [--dry-run] [--hari N]`: delete expired web uploads and rejects (D67)."""

from django.core.management.base import BaseCommand, CommandError

from kinerja.registries.unggahan import sweep_uploads


class Command(BaseCommand):
    help = (
        "Hapus file unggahan web (file asli, pratinjau, baris ditolak) yang tidak berubah lebih lama "
        "dari masa simpan KINERJA_RETENSI_UNGGAH_HARI (bawaan 30 hari). Impor yang masih berjalan "
        "tidak disentuh."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Tampilkan yang akan dihapus tanpa menghapus."
        )
        parser.add_argument(
            "--hari", type=int, metavar="N", help="Masa simpan dalam hari (bawaan: pengaturan)."
        )

    def handle(self, *args, **opts):
        if opts["hari"] is not None and opts["hari"] < 0:
            raise CommandError("--hari tidak boleh negatif.")
        sweep = sweep_uploads(days=opts["hari"], dry_run=opts["dry_run"])
        verb = "Akan dihapus (uji coba, tidak ada yang dihapus)" if sweep.dry_run else "Dihapus"
        if opts["verbosity"] > 1:
            for folder in sweep.folders:
                self.stdout.write(f"  {folder.name}")
        self.stdout.write(
            f"{verb}: {len(sweep.folders)} unggahan ({sweep.files} file, {_size(sweep.size)}) "
            f"yang tidak berubah lebih dari {sweep.days} hari."
        )
        if sweep.running:
            self.stdout.write(f"Dilewati: {sweep.running} unggahan yang impornya masih berjalan.")


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}".replace(".", ",")
        n /= 1024
    return f"{n:.1f} GB".replace(".", ",")
