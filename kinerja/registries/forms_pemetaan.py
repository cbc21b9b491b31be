"""The forms of a mapped upload (D180-D182): pick a mapping, make one on screen, code the labels.

Each form's `cleaned_data` becomes the upload's mapping dict (see `unggah_pemetaan`); a mapping
made on screen becomes a spec dict (the mapping file's JSON form), checked by the mapping core.
"""

import re
from typing import Any, cast

from django import forms
from django.conf import settings

from kinerja.lib import parsing

from .imports import KINDS, template_columns
from .mapping import MappingError, MappingSpec, spec_from_dict
from .mapping.spec import FORMAT
from .models import Bencana

PERIODE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
NAME = re.compile(r"^[A-Za-z0-9_.-]{1,60}$")
NEEDS_LABEL = {"periode": "Periode DTKS", "kejadian": "Kejadian bencana"}
DATE_COLUMNS = ("tanggal", "mulai_tanggap_darurat", "selesai_tanggap_darurat")
IDENTIFIERS = ("nik", "no_kk", "id_lokal")  # one value per person: never a constant


def kejadian_choices() -> list[tuple[str, str]]:
    rows = Bencana.objects.filter(kode_kabkota=settings.KINERJA_KODE_WILAYAH).order_by(
        "-tanggal_kejadian", "kode_kejadian"
    )
    return [("", "— pilih kejadian —")] + [
        (b.kode_kejadian, f"{b.kode_kejadian} ({b.sub_jenis or b.get_jenis_display()}, "
                          f"{b.tanggal_kejadian:%d-%m-%Y})")
        for b in rows.only("kode_kejadian", "jenis", "sub_jenis", "tanggal_kejadian")[:500]
    ]  # fmt: skip


class PilihPemetaanForm(forms.Form):
    """A built-in or saved mapping of the kind, and the options it needs."""

    pemetaan = forms.ChoiceField(
        label="Pemetaan",
        widget=forms.RadioSelect,
        error_messages={"required": "Pilih salah satu pemetaan.",
                        "invalid_choice": "Pemetaan itu tidak ada untuk jenis data ini."},
    )  # fmt: skip
    periode = forms.CharField(
        label="Periode DTKS (TTTT-BB)", required=False, max_length=7,
        widget=forms.TextInput(attrs={"placeholder": "2025-03", "inputmode": "numeric"}),
    )  # fmt: skip
    kejadian = forms.ChoiceField(
        label="Kejadian bencana", required=False,
        error_messages={"invalid_choice": "Kejadian itu belum terdaftar."},
    )  # fmt: skip

    def __init__(self, *args, specs: list[MappingSpec], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.specs = {s.name: s for s in specs}
        cast(forms.ChoiceField, self.fields["pemetaan"]).choices = [
            (s.name, s.title or s.name) for s in specs
        ]
        cast(forms.ChoiceField, self.fields["kejadian"]).choices = kejadian_choices()

    def clean_periode(self) -> str:
        value = self.cleaned_data["periode"].strip()
        if value and not PERIODE.match(value):
            raise forms.ValidationError("Periode ditulis TTTT-BB, misalnya 2025-03.")
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        spec = self.specs.get(data.get("pemetaan", ""))
        if spec is None:
            return data
        if "periode" in spec.needs and not data.get("periode") and "periode" not in self.errors:
            self.add_error("periode", "Pemetaan ini perlu periode DTKS (TTTT-BB).")
        if "kejadian" in spec.needs and not data.get("kejadian") and "kejadian" not in self.errors:
            self.add_error("kejadian", "Pemetaan ini perlu kejadian bencana yang terdaftar.")
        return data

    def mapping(self) -> dict:
        spec = self.specs[self.cleaned_data["pemetaan"]]
        return {
            "nama": spec.name,
            "versi": spec.version,
            "periode": self.cleaned_data["periode"] if "periode" in spec.needs else None,
            "kejadian": self.cleaned_data["kejadian"] if "kejadian" in spec.needs else None,
        }


def _plain(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _read_of(name: str, codes: tuple[str, ...]) -> str:
    if name in ("nik", "no_kk"):
        return "nik"
    if name == "jenis_kelamin":
        return "jenis_kelamin"
    if name.startswith(DATE_COLUMNS):
        return "date"
    return "labels" if codes else "text"


def _check_constant(name: str, value: str, codes: tuple[str, ...]) -> str:
    """A constant of a column, in the form the import reads it; ValidationError when it is not."""
    if name in IDENTIFIERS:
        raise forms.ValidationError("Nomor identitas tidak boleh nilai tetap: pilih kolom file.")
    try:
        if codes:
            return parsing.kode(value, {c.lower(): c for c in codes}, label=name)
        if name == "periode":
            if not PERIODE.match(value):
                raise forms.ValidationError("Periode ditulis TTTT-BB, misalnya 2025-03.")
        elif name.startswith(DATE_COLUMNS):
            parsing.tanggal(value, label=name)
        elif name == "kode_wilayah":
            parsing.kode_wilayah(value)
        elif name == "nilai_rp":
            parsing.rupiah(value, label=name)
        elif name == "desil":
            parsing.bilangan_bulat(value, label=name, low=1, high=10)
        elif (
            name == "kode_kejadian"
            and not Bencana.objects.filter(
                kode_kabkota=settings.KINERJA_KODE_WILAYAH, kode_kejadian__iexact=value
            ).exists()
        ):
            raise forms.ValidationError(f"Kejadian '{value}' belum terdaftar.")
    except parsing.ParseError as exc:
        raise forms.ValidationError(str(exc)) from None
    return value


class KolomForm(forms.Form):
    """A new mapping: each column of the kind from a file column or a constant (D181)."""

    def __init__(self, *args, kind: str, header: list[str], samples: list[list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.header = header
        self.columns = template_columns(kind)
        options = [("", "— tidak dari file —")] + [
            (str(i), f"{h}{' (' + ', '.join(s) + ')' if s else ''}")
            for i, (h, s) in enumerate(zip(header, samples, strict=False))
        ]
        # A file column named like the data column (`NAMA`, `Jenis Kelamin`) is chosen already.
        named = {_plain(h): str(i) for i, h in reversed(list(enumerate(header)))}
        for c in self.columns:
            self.fields[f"kolom_{c.name}"] = forms.ChoiceField(
                label=c.name, choices=options, required=False, initial=named.get(_plain(c.name)),
                error_messages={"invalid_choice": "Kolom itu tidak ada di file."},
            )  # fmt: skip
            self.fields[f"tetap_{c.name}"] = forms.CharField(
                label=f"Nilai tetap {c.name}", required=False, max_length=100
            )
        if any(c.name == "kode_wilayah" for c in self.columns):
            for part in ("kecamatan", "kelurahan"):
                self.fields[f"nama_{part}"] = forms.ChoiceField(
                    label=f"Nama {part} (bila wilayah ditulis dengan nama)", choices=options,
                    required=False, error_messages={"invalid_choice": "Kolom itu tidak ada."},
                )  # fmt: skip

    def rows(self):
        """(column, its file-column field, its constant field) for the template."""
        return [(c, self[f"kolom_{c.name}"], self[f"tetap_{c.name}"]) for c in self.columns]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        rules: list[dict] = []
        labels: dict[str, dict] = {}
        for c in self.columns:
            source = data.get(f"kolom_{c.name}") or ""
            constant = (data.get(f"tetap_{c.name}") or "").strip()
            rule: dict = {"to": c.name}
            if source and constant:
                self.add_error(
                    f"tetap_{c.name}", "Pilih kolom file atau nilai tetap, bukan keduanya."
                )
                continue
            if constant:
                try:
                    rule["constant"] = _check_constant(c.name, constant, c.codes)
                except forms.ValidationError as exc:
                    self.add_error(f"tetap_{c.name}", exc)
                    continue
            elif source:
                rule["from"] = [self.header[int(source)]]
                read = _read_of(c.name, c.codes)
                if read != "text":
                    rule["as"] = read
                if read == "labels":
                    rule["labels"] = c.name
                    labels[c.name] = {}
            elif c.name == "kode_wilayah" and data.get("nama_kelurahan"):
                kec = data.get("nama_kecamatan")
                rule["region"] = {
                    "kabkota": [],
                    "kecamatan": [self.header[int(kec)]] if kec else [],
                    "kelurahan": [self.header[int(data["nama_kelurahan"])]],
                }
            else:
                continue
            rules.append(rule)
        if self.errors:
            return data
        problem = KINDS[self.kind].header_problem({r["to"] for r in rules})
        if problem:
            raise forms.ValidationError(f"Pemetaan belum lengkap: {problem}")
        draft = {"format": FORMAT, "name": "pemetaan-baru", "kind": self.kind,
                 "title": "Pemetaan baru", "columns": rules, "labels": labels}  # fmt: skip
        try:
            spec_from_dict(draft)
        except MappingError as exc:
            raise forms.ValidationError(str(exc)) from None
        data["draf"] = draft
        return data


class LabelForm(forms.Form):
    """A code for each label the mapping does not know, and the name the mapping is saved under."""

    nama = forms.CharField(
        label="Simpan sebagai pemetaan bernama", max_length=60,
        help_text="Huruf, angka, '-', '_' atau '.'. Nama yang sudah ada: disimpan sebagai versi baru.",
        error_messages={"required": "Beri nama pemetaan."},
    )  # fmt: skip

    def __init__(self, *args, labels: list[dict], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.labels = labels
        for i, item in enumerate(labels):
            self.fields[f"kode_{i}"] = forms.ChoiceField(
                label=item["label"],
                choices=[("", "— pilih kode —")] + [(c, c) for c in item["codes"]],
                initial=item.get("usul") or "",
                error_messages={
                    "required": f"Pilih kode untuk label '{item['label']}'.",
                    "invalid_choice": f"Kode itu tidak ada di daftar kode {item['table']}.",
                },
            )

    def clean_nama(self) -> str:
        value = self.cleaned_data["nama"].strip()
        if not NAME.match(value):
            raise forms.ValidationError("Nama pemetaan: 1-60 huruf, angka, '-', '_' atau '.'.")
        return value

    def rows(self):
        return [(item, self[f"kode_{i}"]) for i, item in enumerate(self.labels)]

    def added(self) -> dict[str, dict[str, str]]:
        """The chosen codes by label table: what is added to the mapping."""
        tables: dict[str, dict[str, str]] = {}
        for i, item in enumerate(self.labels):
            tables.setdefault(item["table"], {})[item["label"]] = self.cleaned_data[f"kode_{i}"]
        return tables
