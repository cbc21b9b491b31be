from django.core.management.base import BaseCommand, CommandError

from kinerja.audit.checks import check_record
from kinerja.audit.services import akses_verify, audit_verify


class Command(BaseCommand):
    help = (
        "Jejak audit. `audit verify`: periksa rantai hash jejak audit dan log akses data pribadi; "
        "keluar 1 bila ada entri atau baris yang diubah/dihapus."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Periksa keutuhan jejak audit dan log akses data pribadi.")

    def handle(self, *args, **opts):
        # Both chains are always checked, so one report names every broken log.
        audit, akses = audit_verify(), akses_verify()
        check_record(audit, akses, nama="baris perintah")  # the audit log page shows it (D161)
        problems = []
        for name, result in (("Jejak audit", audit), ("Log akses data pribadi", akses)):
            if result.ok:
                self.stdout.write(f"{name} utuh: {result.checked} baris diperiksa.")
            else:
                problems.append(
                    f"{name} TIDAK utuh: {result.reason}. Baris bermasalah pertama: "
                    f"#{result.bad_entry_id}. ({result.checked} baris sebelumnya utuh.)"
                )
        if problems:
            raise CommandError(" ".join(problems))
