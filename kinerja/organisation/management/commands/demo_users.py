from django.core.management.base import BaseCommand

from kinerja.organisation.models import User
from kinerja.organisation.services import user_create

DEMO_PASSWORD = "kinerja-demo-2025"
DEMO_ACCOUNTS = [
    ("perencana", "perencana", None, "Rina Perencana"),
    ("staf.pemberdayaan", "staf", "pemberdayaan", "Budi Pemberdayaan"),
    ("staf.rehabilitasi", "staf", "rehabilitasi", "Sari Rehabilitasi"),
    ("staf.linjamsos", "staf", "linjamsos", "Dewi Linjamsos"),
    ("kabid.pemberdayaan", "kabid", "pemberdayaan", "Agus Kabid Pemberdayaan"),
    ("kabid.rehabilitasi", "kabid", "rehabilitasi", "Hendra Kabid Rehabilitasi"),
    ("kabid.linjamsos", "kabid", "linjamsos", "Lina Kabid Linjamsos"),
    ("kadis", "kadis", None, "Kepala Dinas"),
    ("auditor", "auditor", None, "Inspektorat Auditor"),
    ("admin", "admin", None, "Admin TI"),
]


class Command(BaseCommand):
    help = "Buat satu akun demo per peran (hanya untuk demo; jangan dipakai di produksi)."

    def handle(self, *args, **opts):
        self.stdout.write(f"Akun demo (kata sandi sama untuk semua: {DEMO_PASSWORD}):")
        for username, role, bidang, name in DEMO_ACCOUNTS:
            if not User.objects.filter(username=username).exists():
                user_create(
                    username=username,
                    role=role,
                    bidang_kode=bidang,
                    password=DEMO_PASSWORD,
                    full_name=name,
                )
            self.stdout.write(f"  {username:<22} {role:<10} {bidang or ''}")
