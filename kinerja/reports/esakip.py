"""One ZIP per year for the national e-SAKIP: the year's documents as PDF with a JSON manifest (D158).

Each entry of `manifest.json`: document type, year, file name, SHA-256 of the file, and the date it
was approved (the decree's date for the IKU, the Kepala Dinas's last approval of the year's figures
for the PK's realisation and the LKjIP, the evaluator's closing for the LKE; null when not yet
approved), so the Dinas uploads once and the receiver can check every file.
"""

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from kinerja.evaluasi.services.jawaban import evaluasi_tahun
from kinerja.indicators.engine import Periode
from kinerja.indicators.selectors import keputusan_in_force
from kinerja.performance.models import Persetujuan, Status

from .services import render_document


@dataclass(frozen=True)
class Isi:
    jenis: str  # the document kind of `kinerja report`
    nama: str  # as the e-SAKIP names it
    disetujui: Callable[[int], dt.date | None]


def _keputusan(tahun: int) -> dt.date | None:
    k = keputusan_in_force(Periode(tahun).akhir)
    return k.tanggal_ditetapkan if k else None


def _persetujuan(tahun: int) -> dt.date | None:
    last = Persetujuan.objects.filter(tahun=tahun, status=Status.APPROVED).aggregate(
        m=Max("disetujui_pada")
    )["m"]
    return timezone.localdate(last) if last else None


def _lke(tahun: int) -> dt.date | None:
    e = evaluasi_tahun(tahun)
    return timezone.localdate(e.ditutup_pada) if e and e.ditutup and e.ditutup_pada else None


ISI = (
    Isi("iku", "Indikator Kinerja Utama", _keputusan),
    Isi("pk", "Perjanjian Kinerja", _persetujuan),
    Isi("lkjip", "Laporan Kinerja Instansi Pemerintah (LKjIP)", _persetujuan),
    Isi("lke", "Lembar Kerja Evaluasi (penilaian mandiri)", _lke),
)


def esakip_zip(tahun: int) -> bytes:
    """The ZIP of `tahun`: one PDF per document and manifest.json describing them."""
    buf = io.BytesIO()
    manifest = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for isi in ISI:
            data = render_document(isi.jenis, "pdf", year=tahun)
            nama_berkas = f"{tahun}-{isi.jenis}.pdf"
            z.writestr(nama_berkas, data)
            disetujui = isi.disetujui(tahun)
            manifest.append(
                {
                    "jenis_dokumen": isi.nama,
                    "kode": isi.jenis,
                    "tahun": tahun,
                    "nama_berkas": nama_berkas,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "tanggal_disetujui": disetujui.isoformat() if disetujui else None,
                }
            )
        z.writestr(
            "manifest.json", json.dumps({"tahun": tahun, "dokumen": manifest}, indent=1) + "\n"
        )
    return buf.getvalue()
