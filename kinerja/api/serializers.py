"""The API's query parameters and response shapes, also the source of its OpenAPI schema."""

from rest_framework import serializers

from kinerja.indicators.models import Bacaan, Polaritas
from kinerja.performance.models import Status

LEVELS = ["kota", "kecamatan", "kelurahan"]


class FigureQuery(serializers.Serializer):
    tahun = serializers.IntegerField(min_value=2000, max_value=2100, help_text="Tahun, mis. 2025.")
    triwulan = serializers.IntegerField(
        min_value=1, max_value=4, required=False, help_text="Triwulan 1-4; tanpa ini: setahun."
    )
    level = serializers.ChoiceField(
        LEVELS, default="kota", help_text="kota: baris kota; kecamatan/kelurahan: juga per wilayah."
    )
    bacaan = serializers.ChoiceField(
        Bacaan.values,
        default=Bacaan.DEFAULT,
        help_text="default: bacaan baku (kontrak data); literal: bacaan harfiah keputusan.",
    )


class UnitQuery(serializers.Serializer):
    bacaan = serializers.ChoiceField(
        Bacaan.values,
        default=Bacaan.DEFAULT,
        help_text="default: bacaan baku (kontrak data); literal: bacaan harfiah keputusan.",
    )


class Error(serializers.Serializer):
    detail = serializers.CharField(help_text="Pesan dalam bahasa Indonesia.")


class ParameterError(Error):
    parameter = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Pesan per parameter yang salah.",
    )


class Keputusan(serializers.Serializer):
    nomor = serializers.CharField()
    versi = serializers.IntegerField()
    tanggal = serializers.DateField()


class Indikator(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    makna = serializers.CharField()
    alasan = serializers.CharField()
    cara_perhitungan = serializers.CharField()
    penanggung_jawab = serializers.CharField()
    sumber_data = serializers.CharField()
    satuan = serializers.CharField()
    polaritas = serializers.ChoiceField(Polaritas.values)


class Sasaran(serializers.Serializer):
    nomor = serializers.IntegerField()
    uraian = serializers.CharField()
    indikator = Indikator(many=True)


class Katalog(serializers.Serializer):
    keputusan = Keputusan()
    sasaran = Sasaran(many=True)


class Angka(serializers.Serializer):
    """Satu baris `kinerja compute --format json` (kontrak data bagian 3)."""

    indicator = serializers.CharField(help_text="Kode IKU, mis. IKU-2.")
    region = serializers.CharField(help_text="Kode wilayah Kemendagri, mis. 63.72.04.")
    period = serializers.CharField(help_text="2025 (setahun) atau 2025-Q2.")
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True, help_text="null bila penyebut 0.")
    status = serializers.ChoiceField(Status.values)
    live_value = serializers.FloatField(
        allow_null=True, required=False, help_text="Hanya baris disetujui: angka hitungan kini."
    )
    target = serializers.FloatField(allow_null=True, required=False, help_text="Hanya baris kota.")
    achievement = serializers.FloatField(
        allow_null=True, required=False, help_text="Hanya baris kota: capaian (%)."
    )
    band = serializers.CharField(
        allow_null=True, required=False, help_text="Hanya baris kota: kategori capaian."
    )


IDENTITAS = "null atau tidak ada bila peran Anda tidak berhak melihat identitas unit."


class Unit(serializers.Serializer):
    """Satu unit di balik angka kota; identitasnya mengikuti aturan perlu-tahu (D60)."""

    unit_id = serializers.IntegerField(
        allow_null=True, help_text="null bila pembaca di luar registri unit ini (D60)."
    )
    kode = serializers.CharField(allow_null=True, required=False, help_text=IDENTITAS)
    id_lokal = serializers.CharField(allow_null=True, required=False, help_text=IDENTITAS)
    nama = serializers.CharField(allow_null=True, required=False, help_text=IDENTITAS)
    nik = serializers.CharField(
        allow_null=True,
        required=False,
        help_text="Tersamar (6372********0001) kecuali bagi peran yang berhak melihat NIK penuh; "
        + IDENTITAS,
    )
    wilayah = serializers.CharField(allow_null=True, help_text="Kode kelurahan atau kecamatan.")
    jenis_kelamin = serializers.CharField(allow_blank=True)
    kelompok_umur = serializers.CharField(allow_blank=True)
    jenis = serializers.ListField(child=serializers.CharField())
    pembilang = serializers.BooleanField(help_text="true bila unit masuk pembilang.")
    alasan = serializers.CharField(allow_blank=True, help_text="Kode alasan di luar pembilang.")
    alasan_label = serializers.CharField(allow_blank=True)
