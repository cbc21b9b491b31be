import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.api.services import token_create, token_revoke
from kinerja.organisation.models import Role, User
from kinerja.organisation.services import user_create


class Command(BaseCommand):
    help = (
        "Kelola akun pengguna. `users add USERNAME --role ROLE [--bidang KODE] [--password-stdin]`; "
        "`users token USERNAME [--revoke]` membuat (mengganti) atau mencabut token API."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Buat akun baru.")
        add.add_argument("username")
        add.add_argument("--role", required=True, choices=Role.values)
        add.add_argument(
            "--bidang", choices=["sekretariat", "pemberdayaan", "rehabilitasi", "linjamsos"]
        )
        add.add_argument("--name", default="", help="Nama lengkap.")
        add.add_argument(
            "--password-stdin", action="store_true", help="Baca kata sandi dari standar masukan."
        )
        token = sub.add_parser(
            "token",
            help="Buat token API baru untuk akun (token lama tidak berlaku lagi), atau cabut.",
        )
        token.add_argument("username")
        token.add_argument("--revoke", action="store_true", help="Cabut token akun ini.")

    def handle(self, *args, **opts):
        if opts["action"] == "token":
            return self._token(opts["username"], opts["revoke"])
        password = None
        if opts["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("Kata sandi kosong dibaca dari standar masukan.")
        try:
            account = user_create(
                username=opts["username"],
                role=opts["role"],
                bidang_kode=opts["bidang"],
                password=password,
                full_name=opts["name"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        user = account.user
        self.stdout.write(
            f"Akun dibuat: {user.username} (peran {user.get_role_display()}"
            + (f", {user.bidang.nama}" if user.bidang else "")
            + ")"
        )
        if account.generated:
            self.stdout.write(f"Kata sandi: {account.password}")

    def _token(self, username: str, revoke: bool) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Akun '{username}' tidak ada.")
        if revoke:
            if token_revoke(user=user):
                self.stdout.write(f"Token API {username} dicabut.")
            else:
                self.stdout.write(f"{username} tidak punya token API; tidak ada yang dicabut.")
            return
        try:
            key = token_create(user=user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Token API {username} (simpan sekarang; tidak bisa ditampilkan lagi):")
        self.stdout.write(key)
