from django import forms


class LaporanForm(forms.Form):
    identitas = forms.CharField(
        label="NIK atau ID lokal",
        max_length=50,
        required=False,
        help_text="NIK 16 digit orang yang meminta, atau ID lokal bila ia tidak punya NIK.",
        error_messages={"required": "Isi NIK atau ID lokal orang yang meminta laporan."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    # From the person page's button: the person's id, so no NIK travels through the page.
    orang = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Orang tidak dikenal.", "min_value": "Orang tidak dikenal."},
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        given = (data.get("identitas") or "").strip() or data.get("orang") or "orang" in self.errors
        if not given:
            self.add_error("identitas", self.fields["identitas"].error_messages["required"])
        return data


class HapusForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan penghapusan",
        max_length=500,
        min_length=10,
        help_text="Misalnya: permintaan subjek data tanggal ..., disetujui Kepala Dinas (nomor surat).",
        error_messages={
            "required": "Alasan wajib diisi.",
            "min_length": "Alasan terlalu pendek: sebutkan dasar penghapusan (minimal 10 huruf).",
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    konfirmasi = forms.BooleanField(
        label="Saya mengerti bahwa identitas orang ini dihapus permanen dan tidak dapat dipulihkan.",
        error_messages={"required": "Centang konfirmasi untuk melanjutkan."},
    )
