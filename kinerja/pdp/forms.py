from django import forms


class LaporanForm(forms.Form):
    identitas = forms.CharField(
        label="NIK atau ID lokal",
        max_length=50,
        help_text="NIK 16 digit orang yang meminta, atau ID lokal bila ia tidak punya NIK.",
        error_messages={"required": "Isi NIK atau ID lokal orang yang meminta laporan."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )


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
