"""Filter forms of the registry lists, and the forms that add and correct records.

The edit forms apply the import's rules (contract section 1): the NIK rule of `kinerja.lib.nik`,
regions inside this kab/kota, no date after today, tanggal_selesai not before tanggal_daftar, and a
natural key already taken is a clear message, never an IntegrityError.
"""

import datetime as dt
from collections.abc import MutableMapping
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.forms.models import model_to_dict
from django.forms.utils import ErrorDict
from django.http import QueryDict

from kinerja.lib.dates import today
from kinerja.lib.nik import NikError, parse_nik
from kinerja.lib.privacy import mask_nik
from kinerja.organisation.permissions import can_change
from kinerja.regions.models import Wilayah

from .access import jenis_layanan_area, kabkota, scoped
from .models import (
    Bencana,
    Bentuk,
    DtksAnggota,
    DtksPeriode,
    JenisBencana,
    JenisKelamin,
    JenisLayanan,
    JenisPpks,
    JenisPsks,
    KegiatanPelatihan,
    Kondisi,
    Korban,
    Layanan,
    Lokasi,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
    SumberDana,
)
from .selectors import wilayah_choices

ALL = [("", "Semua")]
TRIWULAN = [("", "Setahun penuh"), ("1", "Triwulan I"), ("2", "Triwulan II"), ("3", "Triwulan III"),
            ("4", "Triwulan IV")]  # fmt: skip
REQUIRED = {"required": "Wajib diisi.", "invalid_choice": "Pilihan tidak dikenal."}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        error_messages={**REQUIRED, "invalid": "Bukan tanggal yang benar."},
    )


# ---- filters --------------------------------------------------------------------------------


class FilterForm(forms.Form):
    """Search, region and period. Subclasses add their type filter."""

    q = forms.CharField(label="Cari", required=False, max_length=100)
    wilayah = forms.ChoiceField(label="Kecamatan/kelurahan", required=False)
    tahun = forms.IntegerField(label="Tahun", required=False, min_value=2000, max_value=2100)
    triwulan = forms.ChoiceField(label="Triwulan", required=False, choices=TRIWULAN)
    dari = _date_field("Dari tanggal", required=False)
    sampai = _date_field("Sampai tanggal", required=False)

    search_help = "NIK, nama atau ID lokal"
    has_period = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["wilayah"]).choices = ALL + wilayah_choices()
        self.fields["q"].widget.attrs["placeholder"] = self.search_help
        self.fields["q"].help_text = self.search_help
        if not self.has_period:
            for name in ("tahun", "triwulan", "dari", "sampai"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("triwulan") and not data.get("tahun"):
            self.add_error("tahun", "Pilih tahun untuk triwulan ini.")
        if data.get("dari") and data.get("sampai") and data["sampai"] < data["dari"]:
            self.add_error("sampai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
        return data

    def period_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "tahun": d.get("tahun"),
            "triwulan": int(d["triwulan"]) if d.get("triwulan") else None,
            "dari": d.get("dari"),
            "sampai": d.get("sampai"),
        }


def _code_choices(model) -> list[tuple[str, str]]:
    return ALL + list(model.objects.filter(aktif=True).values_list("kode", "nama"))


class OrangFilter(FilterForm):
    jenis_kelamin = forms.ChoiceField(
        label="Jenis kelamin", required=False, choices=ALL + JenisKelamin.choices
    )
    has_period = False


class PpksFilter(FilterForm):
    jenis = forms.ChoiceField(label="Jenis PPKS", required=False)
    lokasi = forms.ChoiceField(label="Lokasi", required=False, choices=ALL + Lokasi.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["jenis"]).choices = _code_choices(JenisPpks)


class PsksFilter(FilterForm):
    jenis = forms.ChoiceField(label="Jenis PSKS", required=False)
    bentuk = forms.ChoiceField(label="Bentuk", required=False, choices=ALL + Bentuk.choices)
    search_help = "Kode PSKS, nama atau NIK"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["jenis"]).choices = _code_choices(JenisPsks)


class PelatihanFilter(FilterForm):
    jenis = forms.ChoiceField(label="Jenis PSKS", required=False)
    search_help = "Kode/nama kegiatan atau kode/nama PSKS"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["jenis"]).choices = _code_choices(JenisPsks)


class DtksFilter(FilterForm):
    periode = forms.ChoiceField(label="Periode DTKS", required=False)
    desil = forms.TypedChoiceField(
        label="Desil",
        required=False,
        coerce=int,
        empty_value=None,
        choices=ALL + [(str(i), str(i)) for i in range(1, 11)],
    )
    has_period = False
    search_help = "NIK, nomor KK, nama atau ID lokal"

    def __init__(self, *args, periode_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["periode"]).choices = list(periode_choices)


class LayananFilter(FilterForm):
    jenis = forms.ChoiceField(label="Jenis layanan", required=False)
    sumber_dana = forms.ChoiceField(
        label="Sumber dana", required=False, choices=ALL + SumberDana.choices
    )

    def __init__(self, *args, jenis_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["jenis"]).choices = ALL + list(jenis_choices)


class BencanaFilter(FilterForm):
    jenis = forms.ChoiceField(label="Jenis", required=False, choices=ALL + JenisBencana.choices)
    search_help = "Kode kejadian atau sub jenis"


class KorbanFilter(FilterForm):
    kondisi = forms.ChoiceField(label="Kondisi", required=False, choices=ALL + Kondisi.choices)
    bencana = forms.CharField(label="Kode kejadian", required=False, max_length=50)


class AksesFilter(forms.Form):
    pengguna = forms.CharField(label="Pengguna", required=False, max_length=150)
    jenis = forms.ChoiceField(label="Jenis akses", required=False)
    dari = _date_field("Dari tanggal", required=False)
    sampai = _date_field("Sampai tanggal", required=False)

    def __init__(self, *args, jenis_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["jenis"]).choices = ALL + list(jenis_choices)


# ---- the import's rules, for forms ----------------------------------------------------------


def not_after_today(value: dt.date | None) -> None:
    if value and value > today():
        raise forms.ValidationError("Tanggal tidak boleh setelah hari ini.")


def kelurahan_queryset():
    return Wilayah.objects.in_kabkota(kabkota()).kelurahan().order_by("kode")


def kelurahan_field(label: str, *, required: bool) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=kelurahan_queryset(),
        required=required,
        empty_label="(tidak diketahui)" if not required else "Pilih kelurahan",
        error_messages={
            **REQUIRED,
            "invalid_choice": "Bukan kelurahan di kab/kota ini.",
        },
    )


def clean_nik_value(value: str | None) -> str:
    """The contract's NIK rule (kinerja.lib.nik), shared with the import."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        parse_nik(value)
    except NikError as exc:
        raise forms.ValidationError(str(exc)) from exc
    return value


def clean_kk_value(value: str | None) -> str:
    value = (value or "").strip()
    if value and (len(value) != 16 or not value.isdigit()):
        raise forms.ValidationError("Nomor KK harus 16 digit angka.")
    return value


class RecordForm(forms.ModelForm):
    """Indonesian messages on every field; date fields as date pickers; dates not after today."""

    future_allowed: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and self.instance.pk:
            self._keep_omitted()
        for name, field in self.fields.items():
            field.error_messages.setdefault("required", "Wajib diisi.")
            field.error_messages["required"] = "Wajib diisi."
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
                field.input_formats = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
                field.error_messages["invalid"] = "Bukan tanggal yang benar."
                if name not in self.future_allowed:
                    field.validators.append(not_after_today)
            # Declared fields keep their own message, which says what is expected.
            if (
                isinstance(field, forms.ModelChoiceField | forms.ChoiceField)
                and name not in self.declared_fields
            ):
                field.error_messages["invalid_choice"] = "Pilihan tidak dikenal."

    def _keep_omitted(self) -> None:
        """A correction that does not send a field keeps its stored value (issue 12: a POST
        without a field never deletes); only a field sent empty is emptied. Django's own rule
        covers only model fields with a default."""
        stored = model_to_dict(self.instance, fields=list(self.fields))
        # Bound data is a QueryDict (or a dict in tests): both copy.
        data = cast("QueryDict | dict[str, Any]", self.data).copy()
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if name in stored and field.widget.value_omitted_from_data(data, self.files, key):
                value = stored[name]
                data[key] = "" if value is None else str(value)
        self.data = data

    def clean(self) -> dict[str, Any]:
        # The stubs say Form.clean may return None; ModelForm's returns cleaned_data.
        super().clean()
        return self.cleaned_data

    def validate_unique(self):
        # Natural keys are checked in clean() with a message that says which record is there.
        pass

    def _taken(self, qs, message: str) -> None:
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if qs.exists():
            raise forms.ValidationError(message)

    def _check_selesai(self, data, start: str = "tanggal_daftar", end: str = "tanggal_selesai"):
        if data.get(start) and data.get(end) and data[end] < data[start]:
            self.add_error(end, "Tanggal selesai tidak boleh sebelum tanggal daftar.")


class StoredIdentifiers:
    """Row 6: a stored NIK/KK is never written into an edit form's input (page source, the browser's
    form cache and autofill would keep it, and no reveal was logged). The input starts empty and
    shows the masked value beside it: empty on save means unchanged; a new value replaces it; the
    checkbox `hapus_<field>` erases it. Whoever needs the full value uses the logged reveal (D23).
    """

    identifiers: tuple[tuple[str, str], ...] = ()  # (field, label)
    # Provided by the ModelForm this mixes into.
    fields: dict[str, forms.Field]
    instance: Any
    initial: MutableMapping[str, Any]
    errors: ErrorDict

    def _hide_stored(self) -> None:
        self._stored: dict[str, str] = {}
        fields = {}
        for name, field in self.fields.items():
            fields[name] = field
            label = dict(self.identifiers).get(name)
            stored = getattr(self.instance, name, None) if self.instance.pk else None
            if label is None or not stored:
                continue
            self._stored[name] = stored
            self.initial[name] = ""
            field.help_text = f"Tersimpan: {mask_nik(stored)}. Kosongkan bila tidak diubah; isi untuk menggantinya."
            fields[f"hapus_{name}"] = forms.BooleanField(
                label=f"Hapus {label} tersimpan", required=False
            )
        self.fields = fields

    def _keep_stored(self, data: dict) -> dict:
        for name, stored in self._stored.items():
            if name in self.errors:
                continue
            # An input left empty (or filled with the stored value by `_keep_omitted`, when the
            # field was not sent at all) is no new value: the checkbox decides.
            if not data.get(name) or data[name] == stored:
                data[name] = self._erased(name) if data.get(f"hapus_{name}") else stored
        return data

    def _erased(self, name: str):
        return ""


class OrangForm(StoredIdentifiers, RecordForm):
    identifiers = (("nik", "NIK"), ("no_kk", "nomor KK"))
    kelurahan = kelurahan_field("Kelurahan domisili", required=False)

    class Meta:
        model = Orang
        fields = ["nik", "id_lokal", "nama", "jenis_kelamin", "tanggal_lahir", "no_kk", "kelurahan"]
        help_texts = {
            "nik": "16 digit. Kosongkan bila orang ini tidak punya NIK; isi ID lokal.",
            "id_lokal": "Nomor kasus Dinas untuk orang tanpa NIK.",
            "tanggal_lahir": "Bila kosong, dibaca dari NIK.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._hide_stored()

    def _erased(self, name: str):
        return None if name == "nik" else ""

    def clean_nik(self):
        return clean_nik_value(self.cleaned_data.get("nik")) or None

    def clean_id_lokal(self):
        return (self.cleaned_data.get("id_lokal") or "").strip() or None

    def clean_no_kk(self):
        return clean_kk_value(self.cleaned_data.get("no_kk"))

    def clean_nama(self):
        return (self.cleaned_data.get("nama") or "").strip()

    def clean(self):
        data = self._keep_stored(super().clean())
        nik, id_lokal = data.get("nik"), data.get("id_lokal")
        if not nik and not id_lokal and "nik" not in self.errors:
            raise forms.ValidationError("Isi NIK atau ID lokal (salah satu wajib ada).")
        if nik:
            self._taken(
                scoped(Orang.objects.filter(nik=nik)),
                "NIK ini sudah terdaftar untuk orang lain. Cari orang itu dan ubah datanya; bila "
                "ia belum tercatat di registri bidang Anda, impor barisnya dengan NIK ini.",
            )
        if id_lokal:
            self._taken(
                scoped(Orang.objects.filter(id_lokal=id_lokal)),
                "ID lokal ini sudah dipakai orang lain.",
            )
        return data


class PpksForm(RecordForm):
    class Meta:
        model = Ppks
        fields = ["jenis", "tanggal_daftar", "tanggal_selesai", "lokasi"]

    def __init__(self, *args, orang: Orang, **kwargs):
        super().__init__(*args, **kwargs)
        self.orang = orang
        cast(forms.ModelChoiceField, self.fields["jenis"]).queryset = JenisPpks.objects.filter(
            aktif=True
        )

    def clean(self):
        data = super().clean()
        self._check_selesai(data)
        if data.get("jenis") and data.get("tanggal_daftar"):
            self._taken(
                Ppks.objects.filter(
                    orang=self.orang, jenis=data["jenis"], tanggal_daftar=data["tanggal_daftar"]
                ),
                "Orang ini sudah terdaftar pada jenis PPKS ini dengan tanggal daftar yang sama.",
            )
        return data


class LayananForm(RecordForm):
    class Meta:
        model = Layanan
        fields = ["jenis", "tanggal", "program", "nilai_rp", "sumber_dana", "bencana", "keterangan"]
        widgets = {"keterangan": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, orang: Orang, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.orang, self.user = orang, user
        jenis = JenisLayanan.objects.filter(aktif=True)
        # Only the kinds this user's Bidang may record (D21).
        allowed = [
            j.pk
            for j in jenis
            if can_change(user, jenis_layanan_area(j.kelompok, with_bencana=False))
            or can_change(user, jenis_layanan_area(j.kelompok, with_bencana=True))
        ]
        cast(forms.ModelChoiceField, self.fields["jenis"]).queryset = jenis.filter(pk__in=allowed)
        cast(forms.ModelChoiceField, self.fields["bencana"]).queryset = scoped(
            Bencana.objects.all()
        ).order_by("-tanggal_kejadian")
        self.fields["bencana"].required = False
        cast(forms.IntegerField, self.fields["nilai_rp"]).min_value = 0
        self.fields["nilai_rp"].validators.append(_not_negative)

    def clean(self):
        data = super().clean()
        jenis, bencana = data.get("jenis"), data.get("bencana")
        if jenis is not None:
            area = jenis_layanan_area(jenis.kelompok, with_bencana=bencana is not None)
            if not can_change(self.user, area):
                raise forms.ValidationError(
                    "Layanan ini milik bidang lain (layanan kebutuhan dasar di luar bencana: "
                    "Rehabilitasi Sosial; lainnya: Perlindungan dan Jaminan Sosial)."
                )
        if jenis is not None and data.get("tanggal"):
            self._taken(
                Layanan.objects.filter(
                    orang=self.orang,
                    jenis=jenis,
                    tanggal=data["tanggal"],
                    program=data.get("program") or "",
                ).filter(Q(bencana=bencana) if bencana else Q(bencana__isnull=True)),
                "Layanan yang sama (jenis, tanggal, program, kejadian) sudah tercatat untuk "
                "orang ini.",
            )
        return data


def _not_negative(value):
    if value is not None and value < 0:
        raise forms.ValidationError("Nilai tidak boleh negatif.")


class PsksForm(StoredIdentifiers, RecordForm):
    identifiers = (("nik", "NIK"),)
    kelurahan = kelurahan_field("Kelurahan", required=False)

    class Meta:
        model = Psks
        fields = [
            "kode_psks", "jenis", "bentuk", "nama", "nik", "kelurahan", "tanggal_daftar",
            "tanggal_selesai",
        ]  # fmt: skip
        help_texts = {"nik": "Untuk PSKS perorangan; diperiksa bila diisi."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["jenis"]).queryset = JenisPsks.objects.filter(
            aktif=True
        )
        self._hide_stored()

    def clean_nik(self):
        return clean_nik_value(self.cleaned_data.get("nik"))

    def clean_kode_psks(self):
        return (self.cleaned_data.get("kode_psks") or "").strip()

    def clean(self):
        data = self._keep_stored(super().clean())
        self._check_selesai(data)
        if data.get("kode_psks"):
            self._taken(
                scoped(Psks.objects.filter(kode_psks=data["kode_psks"])),
                "Kode PSKS ini sudah terdaftar.",
            )
        return data


class KegiatanForm(RecordForm):
    class Meta:
        model = KegiatanPelatihan
        fields = ["kode_kegiatan", "nama_kegiatan"]

    def clean_kode_kegiatan(self):
        return (self.cleaned_data.get("kode_kegiatan") or "").strip()

    def clean(self):
        data = super().clean()
        if data.get("kode_kegiatan"):
            self._taken(
                scoped(KegiatanPelatihan.objects.filter(kode_kegiatan=data["kode_kegiatan"])),
                "Kode kegiatan ini sudah terdaftar.",
            )
        return data


class PelatihanForm(RecordForm):
    class Meta:
        model = Pelatihan
        fields = ["kegiatan", "psks", "tanggal"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["kegiatan"]).queryset = scoped(
            KegiatanPelatihan.objects.all()
        ).order_by("kode_kegiatan")
        self.fields["kegiatan"].label = "Kegiatan (harus sudah terdaftar)"
        cast(forms.ModelChoiceField, self.fields["psks"]).queryset = scoped(
            Psks.objects.all()
        ).order_by("kode_psks")
        self.fields["psks"].label = "PSKS (harus sudah terdaftar)"

    def clean(self):
        data = super().clean()
        if data.get("psks") and data.get("kegiatan"):
            self._taken(
                Pelatihan.objects.filter(kegiatan=data["kegiatan"], psks=data["psks"]),
                "PSKS ini sudah tercatat sebagai peserta kegiatan ini.",
            )
        return data


class BencanaForm(RecordForm):
    future_allowed = ("selesai_tanggap_darurat",)
    wilayah = forms.ModelChoiceField(
        label="Wilayah (kelurahan atau kecamatan)",
        queryset=Wilayah.objects.none(),
        error_messages={"required": "Wajib diisi.", "invalid_choice": "Bukan wilayah di sini."},
    )

    class Meta:
        model = Bencana
        fields = [
            "kode_kejadian", "jenis", "sub_jenis", "tanggal_kejadian", "wilayah",
            "mulai_tanggap_darurat", "selesai_tanggap_darurat",
        ]  # fmt: skip
        help_texts = {"selesai_tanggap_darurat": "Boleh tanggal rencana (setelah hari ini)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["wilayah"]).queryset = (
            Wilayah.objects.in_kabkota(kabkota())
            .filter(tingkat__in=["kecamatan", "kelurahan"])
            .order_by("kode")
        )

    def clean_kode_kejadian(self):
        return (self.cleaned_data.get("kode_kejadian") or "").strip()

    def clean(self):
        data = super().clean()
        if data.get("kode_kejadian"):
            self._taken(
                scoped(Bencana.objects.filter(kode_kejadian=data["kode_kejadian"])),
                "Kode kejadian ini sudah terdaftar.",
            )
        return data


class KorbanForm(RecordForm):
    class Meta:
        model = Korban
        fields = ["bencana", "kondisi"]

    def __init__(self, *args, orang: Orang, **kwargs):
        super().__init__(*args, **kwargs)
        self.orang = orang
        cast(forms.ModelChoiceField, self.fields["bencana"]).queryset = scoped(
            Bencana.objects.all()
        ).order_by("-tanggal_kejadian")
        self.fields["bencana"].label = "Kejadian bencana (harus sudah terdaftar)"

    def clean(self):
        data = super().clean()
        if data.get("bencana"):
            self._taken(
                Korban.objects.filter(bencana=data["bencana"], orang=self.orang),
                "Orang ini sudah tercatat sebagai korban kejadian ini.",
            )
        return data


class DtksAnggotaForm(RecordForm):
    periode_bulan = forms.CharField(
        label="Periode (TTTT-BB)",
        max_length=20,
        help_text="Bulan data DTKS, misalnya 2025-03.",
        error_messages={"required": "Wajib diisi."},
    )

    class Meta:
        model = DtksAnggota
        fields = ["desil"]

    def __init__(self, *args, orang: Orang, **kwargs):
        super().__init__(*args, **kwargs)
        self.orang = orang
        if self.instance.pk:
            self.fields["periode_bulan"].initial = f"{self.instance.periode.periode:%Y-%m}"
            self.fields["periode_bulan"].disabled = True
        self.fields["desil"].widget = forms.Select(
            choices=[("", "(tidak diketahui)")] + [(i, str(i)) for i in range(1, 11)]
        )

    def clean_periode_bulan(self):
        raw = (self.cleaned_data.get("periode_bulan") or "").strip()
        try:
            periode = dt.datetime.strptime(raw, "%Y-%m").date()
        except ValueError as exc:
            raise forms.ValidationError(
                "Periode harus berbentuk TTTT-BB, misalnya 2025-03."
            ) from exc
        if periode > today():
            raise forms.ValidationError("Periode tidak boleh setelah bulan ini.")
        return periode

    def clean_desil(self):
        desil = self.cleaned_data.get("desil")
        if desil is not None and not 1 <= desil <= 10:
            raise forms.ValidationError("Desil harus 1 sampai 10.")
        return desil

    def clean(self):
        data = super().clean()
        if not self.orang.nik or not self.orang.no_kk:
            raise forms.ValidationError("Anggota DTKS wajib punya NIK dan nomor KK; lengkapi dulu.")
        periode = data.get("periode_bulan")
        if periode and not self.instance.pk:
            self._taken(
                DtksAnggota.objects.filter(
                    periode__kode_kabkota=kabkota(),
                    periode__periode=periode,
                    nik=self.orang.nik,
                ),
                "NIK ini sudah tercatat pada periode DTKS tersebut.",
            )
        return data


def periode_choices() -> list[tuple[str, str]]:
    return [
        (f"{p:%Y-%m}", f"{p:%Y-%m}")
        for p in scoped(DtksPeriode.objects.all())
        .order_by("-periode")
        .values_list("periode", flat=True)
    ]


class OrangUbahForm(OrangForm):
    """Correcting a person (UU PDP right to rectification, D86): the reason is required and goes to
    the audit log (without the person's identifiers) and to the history row."""

    alasan = forms.CharField(
        label="Alasan perubahan",
        max_length=300,
        min_length=5,
        help_text="Misalnya: koreksi atas permintaan yang bersangkutan, sesuai KTP/KK terbaru.",
        error_messages={
            "required": "Alasan perubahan wajib diisi.",
            "min_length": "Alasan terlalu pendek (minimal 5 huruf).",
        },
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alasan"].error_messages["required"] = "Alasan perubahan wajib diisi."
