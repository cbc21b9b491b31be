from django.core.management.base import BaseCommand, CommandError

from kinerja.audit.services import audit_verify


class Command(BaseCommand):
    help = (
        "Jejak audit. `audit verify`: periksa rantai hash; keluar 1 bila ada entri diubah/dihapus."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Periksa keutuhan jejak audit.")

    def handle(self, *args, **opts):
        result = audit_verify()
        if not result.ok:
            raise CommandError(
                f"Jejak audit TIDAK utuh: {result.reason}. Entri bermasalah pertama: "
                f"#{result.bad_entry_id}. ({result.checked} entri sebelumnya utuh.)"
            )
        self.stdout.write(f"Jejak audit utuh: {result.checked} entri diperiksa.")
