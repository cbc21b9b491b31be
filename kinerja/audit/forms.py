"""The audit log's filters: who, what, which object, between which dates (calendar pickers)."""

import datetime as dt
from typing import cast

from django import forms
from django.contrib.auth import get_user_model

from .wording import AKSI_KALIMAT

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
BAD_DATE = "{label} bukan tanggal yang benar: pilih dari kalender atau tulis seperti 31/01/2025."


class DateInput(forms.DateInput):
    input_type = "date"  # the browser's calendar; it sends 2025-01-31


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(format="%Y-%m-%d"),
        error_messages={"invalid": BAD_DATE.format(label=label)},
    )


class AuditFilterForm(forms.Form):
    pengguna = forms.ChoiceField(label="Pengguna", required=False)
    aksi = forms.ChoiceField(label="Kegiatan", required=False)
    objek = forms.CharField(
        label="Objek (misalnya IKU-2 atau nomor)", required=False, max_length=80
    )
    dari = _date_field("Dari tanggal")
    sampai = _date_field("Sampai tanggal")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        names = get_user_model().objects.order_by("username").values_list("username", flat=True)
        pilih = "Pilihan {label} tidak dikenal: pilih dari daftar."
        pengguna = cast(forms.ChoiceField, self.fields["pengguna"])
        aksi = cast(forms.ChoiceField, self.fields["aksi"])
        pengguna.choices = [("", "Semua pengguna"), *((n, n) for n in names)]
        pengguna.error_messages["invalid_choice"] = pilih.format(label="pengguna")
        aksi.choices = [
            ("", "Semua kegiatan"),
            *sorted(
                ((k, v[0].upper() + v[1:]) for k, v in AKSI_KALIMAT.items()), key=lambda c: c[1]
            ),
        ]
        aksi.error_messages["invalid_choice"] = pilih.format(label="kegiatan")

    def clean(self) -> dict:
        data = super().clean() or {}
        dari: dt.date | None = data.get("dari")
        sampai: dt.date | None = data.get("sampai")
        if dari and sampai and dari > sampai:
            raise forms.ValidationError(
                "Tanggal awal jatuh sesudah tanggal akhir: tukar keduanya atau ubah salah satunya."
            )
        return data
