from django.core.management.base import BaseCommand

from kinerja.performance.notifications import send_digests


class Command(BaseCommand):
    help = (
        "Kirim ringkasan harian lewat surel: satu surel per orang yang memilih ringkasan harian dan "
        "memiliki capaian yang menunggu langkahnya. Jalankan sekali sehari (cron), misalnya 07.00."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Hitung saja, tanpa mengirim surel."
        )

    def handle(self, *args, dry_run: bool = False, **opts):
        considered, sent = send_digests(dry_run=dry_run)
        verb = "akan dikirim" if dry_run else "dikirim"
        self.stdout.write(
            f"{considered} orang memilih ringkasan harian; {sent} surel {verb}; "
            f"{considered - sent} tanpa pekerjaan yang menunggu."
        )
