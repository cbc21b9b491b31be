"""Panduan: a short guide per role inside the product (D168), with the screenshots of docs/img
shipped as static files of the app (kinerja/web/static/kinerja/panduan/), never read from docs/."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.organisation.models import Role
from kinerja.organisation.permissions import _role


@dataclass(frozen=True)
class Bagian:
    judul: str
    langkah: tuple[str, ...]
    gambar: str = ""  # file name under static kinerja/panduan/
    keterangan: str = ""


DASBOR = Bagian(
    "Beranda",
    (
        "Beranda menampilkan setiap IKU: realisasi, target PK, capaian dengan warna predikatnya, "
        "tren sejak awal Renstra dan status persetujuan.",
        "Klik angka untuk membuka rinciannya: unit yang dihitung dan alasan unit yang tidak masuk.",
    ),
    "dasbor-desktop.png",
    "Beranda Kepala Dinas di layar lebar",
)
RINCIAN = Bagian(
    "Rincian angka",
    (
        "Setiap angka dapat dibuka sampai ke unitnya: saring per wilayah, jenis kelamin, kelompok "
        "umur, atau unit yang bukan pembilang.",
        "Unduh XLSX untuk memeriksa di lembar kerja; unduhan berisi data pribadi dicatat.",
    ),
    "rincian.png",
    "Rincian angka satu IKU untuk satu triwulan",
)
CARI = Bagian(
    "Pencarian dan pemberitahuan",
    (
        "Kotak Cari di kepala halaman mencari NIK, nama, ID lokal, kode PSKS dan kode kejadian, "
        "hanya di data yang boleh Anda buka. Pencarian yang menyentuh data pribadi dicatat.",
        "Jumlah di samping menu menunjukkan capaian yang menunggu langkah Anda. Pilih kapan "
        "dikirimi surel di halaman Pemberitahuan (tautan di Kotak masuk).",
    ),
)
DUA_FAKTOR = Bagian(
    "Masuk dengan verifikasi dua langkah",
    (
        "Peran yang melihat NIK lengkap masuk dengan kata sandi dan kode 6 angka dari aplikasi "
        "autentikator di ponsel.",
        "Ponsel hilang? Minta Administrator mengatur ulang verifikasi dua langkah akun Anda.",
    ),
    "dua-faktor-verifikasi.png",
    "Halaman kode verifikasi dua langkah",
)

PANDUAN: dict[str, tuple[str, tuple[Bagian, ...]]] = {
    Role.STAF: (
        "Staf Bidang",
        (
            Bagian(
                "Mencatat data registri",
                (
                    "Buka Registri untuk menambah atau membetulkan data bidang Anda; setiap perubahan "
                    "dicatat dengan nama Anda.",
                    "Untuk data banyak, pakai Unggah: unduh templat, isi, unggah, periksa pratinjau "
                    "(baris yang ditolak beserta alasannya), lalu proses.",
                ),
            ),
            Bagian(
                "Mengajukan capaian",
                (
                    "Setelah triwulan berakhir dan data lengkap, buka Kotak masuk, periksa angka dan "
                    "rinciannya, lalu pilih Ajukan.",
                    "Tulis analisis capaian (penyebab, upaya, alternatif, tindak lanjut) di halaman periode.",
                ),
            ),
            RINCIAN,
            CARI,
            DUA_FAKTOR,
        ),
    ),
    Role.KABID: (
        "Kepala Bidang",
        (
            Bagian(
                "Memverifikasi capaian",
                (
                    "Capaian yang diajukan staf bidang Anda muncul di Kotak masuk dan dihitung di menu.",
                    "Buka rinciannya, periksa unit dan alasannya, lalu pilih Verifikasi. Bila salah, "
                    "minta staf membetulkan data sebelum verifikasi.",
                ),
            ),
            RINCIAN,
            DASBOR,
            CARI,
            DUA_FAKTOR,
        ),
    ),
    Role.KADIS: (
        "Kepala Dinas",
        (
            DASBOR,
            Bagian(
                "Menyetujui dan membekukan",
                (
                    "Capaian yang sudah diverifikasi Kepala Bidang menunggu di Kotak masuk.",
                    "Setujui dan bekukan menyimpan angka beserta daftar unitnya; angka beku tidak "
                    "berubah walau data registri berubah kemudian.",
                    "Buka kembali hanya dengan alasan tertulis; langkah ini tercatat di jejak audit.",
                ),
            ),
            Bagian(
                "Dokumen",
                (
                    "Menu Dokumen membuat dokumen IKU, PK, LKjIP, SPM dan rekap dalam XLSX, PDF dan DOCX.",
                ),
                "dokumen-lkjip.png",
                "Contoh dokumen LKjIP",
            ),
            CARI,
        ),
    ),
    Role.PERENCANA: (
        "Perencana",
        (
            Bagian(
                "Target dan anggaran",
                (
                    "Isi target Renstra dan PK di menu Kinerja, Target; anggaran di Anggaran. Keduanya "
                    "dapat diunggah dari berkas.",
                    "Skala predikat capaian diatur di Skala.",
                ),
            ),
            Bagian(
                "Dokumen",
                ("Menu Dokumen menyusun IKU, PK, LKjIP, SPM dan rekap dari angka yang disetujui.",),
                "dokumen-lkjip.png",
                "Contoh dokumen LKjIP",
            ),
            DASBOR,
            CARI,
        ),
    ),
    Role.AUDITOR: (
        "Auditor",
        (
            Bagian(
                "Membaca jejak audit",
                (
                    "Kinerja, Jejak audit: siapa mengubah apa dan kapan, dengan nilai sebelum dan sesudah "
                    "dalam tabel.",
                    "Saring menurut pengguna, kegiatan, objek dan rentang tanggal; unduh XLSX hasil "
                    "saringan (unduhan dicatat).",
                    "Periksa keutuhan rantai: entri yang diubah atau dihapus disebut nomornya.",
                ),
            ),
            RINCIAN,
            DASBOR,
            CARI,
        ),
    ),
    Role.ADMIN: (
        "Administrator",
        (
            Bagian(
                "Mengelola akun",
                (
                    "Menu Akun: tambah akun dengan peran dan bidangnya; kata sandi dibuat otomatis dan "
                    "tampil sekali.",
                    "Buat kata sandi baru, nonaktifkan atau aktifkan kembali akun, dan atur ulang "
                    "verifikasi dua langkah untuk ponsel yang hilang. Semua tercatat di jejak audit.",
                ),
            ),
            DUA_FAKTOR,
            CARI,
        ),
    ),
}


@login_required
def panduan(request: HttpRequest, peran: str = "") -> HttpResponse:
    """The guide of the signed-in person's role, or of another role on request (nothing in a
    guide is secret: it says what each role does)."""
    own = _role(request.user) or ""
    peran = peran or own
    if peran not in PANDUAN:
        raise Http404("Panduan untuk peran itu tidak ada.")
    nama, bagian = PANDUAN[peran]
    lain = [(kode, PANDUAN[kode][0]) for kode in PANDUAN if kode != peran]
    return render(
        request,
        "web/panduan.html",
        {"nama": nama, "bagian": bagian, "lain": lain, "sendiri": peran == own},
    )
