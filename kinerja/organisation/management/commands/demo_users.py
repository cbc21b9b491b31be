from django.core.management.base import BaseCommand

from kinerja.organisation.models import User
from kinerja.organisation.permissions import can_see_nik
from kinerja.organisation.services import user_create
from kinerja.organisation.twofactor import device_create_confirmed, secret_text

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
    help = (
        "Buat satu akun demo per peran (hanya untuk demo; jangan dipakai di produksi). Akun yang "
        "melihat NIK lengkap (staf, kabid, admin) mendapat perangkat TOTP siap pakai; kuncinya "
        "dicetak untuk dimasukkan ke aplikasi autentikator (D87)."
    )

    def handle(self, *args, **opts):
        self.stdout.write(f"Akun demo (kata sandi sama untuk semua: {DEMO_PASSWORD}):")
        keys = []
        for username, role, bidang, name in DEMO_ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    username=username,
                    role=role,
                    bidang_kode=bidang,
                    password=DEMO_PASSWORD,
                    full_name=name,
                ).user
            self.stdout.write(f"  {username:<22} {role:<10} {bidang or ''}")
            if can_see_nik(user):
                keys.append((username, secret_text(device_create_confirmed(user))))
        self.stdout.write(
            "Verifikasi dua langkah (TOTP): masukkan kunci ini ke aplikasi autentikator "
            "(Google Authenticator, Aegis, FreeOTP, ...), lalu ketik kodenya setelah kata sandi:"
        )
        for username, key in keys:
            self.stdout.write(f"  {username:<22} {key}")
