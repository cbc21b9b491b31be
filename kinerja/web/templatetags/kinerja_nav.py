"""Breadcrumbs from the URL's structure: `/kinerja/iku/IKU-2/2025-Q4/` -> Kinerja › IKU-2 › ..."""

from django import template
from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse

from kinerja.web.labels import periode_label_nama

register = template.Library()

# One word per path segment (the glossary's words); a segment not listed is shown as it is.
SEGMEN = {
    "registri": "Registri",
    "orang": "Orang",
    "tambah": "Tambah",
    "ubah": "Ubah",
    "nik": "NIK",
    "kk": "KK",
    "ppks": "PPKS",
    "layanan": "Layanan",
    "dtks": "DTKS",
    "psks": "PSKS",
    "pelatihan": "Pelatihan",
    "kegiatan": "Kegiatan",
    "bencana": "Kejadian bencana",
    "korban": "Korban bencana",
    "akses": "Log akses data pribadi",
    "unggah": "Unggah",
    "pratinjau": "Pratinjau",
    "proses": "Proses",
    "tolakan": "Baris ditolak",
    "templat.xlsx": "Templat",
    "kinerja": "Kinerja",
    "target": "Target",
    "skala": "Skala predikat",
    "kotak-masuk": "Kotak masuk",
    "iku": "IKU",
    "analisis": "Analisis",
    "submit": "Ajukan",
    "verify": "Verifikasi",
    "approve": "Setujui dan bekukan",
    "reopen": "Buka kembali",
    "anggaran": "Anggaran",
    "audit": "Log audit",
    "angka": "Rincian angka",
    "grafik": "Grafik",
    "publik": "Capaian publik",
    "dokumen": "Dokumen",
    "tugas": "Pembuatan dokumen",
    "beranda": "Beranda",
    "akses-saya": "Akses saya",
    "akun": "Akun",
    "dua-faktor": "Dua faktor",
    "verifikasi": "Verifikasi",
    "masuk": "Masuk",
    "pdp": "Pelindungan data pribadi",
    "laporan": "Laporan",
    "hapus": "Hapus",
    "evaluasi": "Evaluasi SAKIP",
    "kriteria": "Kriteria",
    "lhe": "LHE",
    "rekomendasi": "Rekomendasi",
    "bukti": "Bukti",
    "pohon": "Pohon kinerja",
    "simpul": "Simpul",
    "renstra": "Renstra",
    "indikator": "Indikator",
    "pk": "Perjanjian Kinerja",
    "jabatan": "Jabatan",
}
# Path prefixes that are no page of their own lead to the page that lists their content.
TUJUAN = {
    "/kinerja/": "performance:inbox",
    "/kinerja/iku/": "home",
    "/angka/": "beranda",
    "/grafik/": "beranda",
    "/akun/": "beranda",
    "/pdp/": "pdp:laporan",
    "/registri/unggah/tolakan/": "registri:unggah_index",
}
# Addresses a catch-all route answers that are no page to open (a POST-only action).
BUKAN_HALAMAN = {"evaluasi:status"}


def _tahun(path: str) -> str | None:
    """The year in the page's address, as its route names it (`<int:tahun>`)."""
    try:
        tahun = resolve(path).kwargs.get("tahun")
    except Resolver404:
        return None
    return None if tahun is None else str(tahun)


def _label(segmen: str, tahun: str | None) -> str:
    if segmen in SEGMEN:
        return SEGMEN[segmen]
    if segmen.isdigit():
        return segmen if segmen == tahun else f"Nomor {segmen}"  # a year as it is
    if len(segmen) == 36 and segmen.count("-") == 4:  # a job's token (uuid)
        return "Permintaan"
    return periode_label_nama(segmen) or segmen


def _href(prefix: str) -> str | None:
    if prefix in TUJUAN:
        return reverse(TUJUAN[prefix])
    try:
        match = resolve(prefix)
    except Resolver404:
        return None
    return None if match.view_name in BUKAN_HALAMAN else prefix


def remah_roti(path: str) -> list[dict[str, str | None]]:
    """[{label, href}] from the site root to the current page (its href None)."""
    segments = [s for s in path.split("/") if s]
    crumbs: list[dict[str, str | None]] = [{"label": "Depan", "href": reverse("home")}]
    prefix, tahun = "/", _tahun(path)
    for i, seg in enumerate(segments):
        prefix += seg + ("" if "." in seg else "/")
        last = i == len(segments) - 1
        crumbs.append({"label": _label(seg, tahun), "href": None if last else _href(prefix)})
    if len(crumbs) == 1:
        crumbs[0]["href"] = None
    return crumbs


@register.inclusion_tag("web/_remah.html", takes_context=True)
def remah(context) -> dict:
    request: HttpRequest | None = context.get("request")
    return {"crumbs": remah_roti(request.path) if request else []}
