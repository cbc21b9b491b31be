"""`kinerja pdp laporan NIK --output FILE` and `kinerja pdp hapus NIK --alasan TEKS --user ADMIN`."""

import getpass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.organisation.models import User
from kinerja.organisation.permissions import can_erase_person
from kinerja.pdp.render import report_html, report_pdf
from kinerja.pdp.selectors import orang_cari
from kinerja.pdp.services import orang_erase, report_run


class Command(BaseCommand):
    help = (
        "Kewajiban UU PDP: laporan semua data satu orang (HTML atau PDF, tercatat di log akses "
        "data pribadi) dan penghapusan identitas orang (pseudonimisasi, tercatat di jejak audit)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        lap = sub.add_parser("laporan", help="laporan subjek data untuk satu NIK atau ID lokal")
        lap.add_argument("identitas", help="NIK (16 digit) atau ID lokal")
        lap.add_argument("--output", required=True, help="file keluaran: .pdf atau .html")
        lap.add_argument("--user", help="akun yang tercatat membuat laporan (bawaan: pengguna OS)")
        hap = sub.add_parser("hapus", help="hapus identitas satu orang (pseudonimisasi)")
        hap.add_argument("identitas", help="NIK (16 digit) atau ID lokal")
        hap.add_argument("--alasan", required=True, help="dasar penghapusan (minimal 10 huruf)")
        hap.add_argument("--user", required=True, help="akun Administrator yang menghapus")

    def handle(self, *args, **opts):
        orang = orang_cari(opts["identitas"])
        if orang is None:
            raise CommandError("Tidak ada orang dengan NIK atau ID lokal ini.")
        user = None
        if opts.get("user"):
            user = User.objects.filter(username=opts["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"Akun '{opts['user']}' tidak ada atau tidak aktif.")
        if opts["aksi"] == "laporan":
            self._laporan(orang, user, Path(opts["output"]))
        else:
            self._hapus(orang, user, opts["alasan"])

    def _laporan(self, orang, user, output: Path) -> None:
        fmt = "pdf" if output.suffix.lower() == ".pdf" else "html"
        nama = "" if user else f"perintah: {getpass.getuser()}"
        report = report_run(orang=orang, user=user, nama=nama, format=fmt)
        pembuat = (user.get_full_name() or user.username) if user else nama
        if fmt == "pdf":
            data = report_pdf(report, pembuat=pembuat)
        else:
            data = report_html(report, pembuat=pembuat).encode()
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"File {output.name} tidak dapat ditulis: {exc.strerror}.") from None
        output.chmod(0o600)  # personal data: readable by its owner only
        self.stdout.write(
            f"Laporan orang #{orang.pk} ditulis ke {output} ({fmt.upper()}, {len(data)} byte); "
            "tercatat di log akses data pribadi."
        )

    def _hapus(self, orang, user, alasan: str) -> None:
        if not can_erase_person(user):
            raise CommandError("Hanya Administrator yang boleh menghapus identitas orang.")
        try:
            hasil = orang_erase(orang=orang, user=user, alasan=alasan)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"Identitas orang #{hasil.orang_id} dihapus; pseudonim: {hasil.pseudonim}. "
            f"Anggota DTKS: {hasil.dtks}, PSKS: {hasil.psks}, baris riwayat: {hasil.riwayat}."
        )
