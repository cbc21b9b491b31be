"""Forms of the account page and of a person's own notice choice."""

from django import forms
from django.conf import settings

from .models import Bidang, Role, Surel, User


def _bidang_qs():
    return Bidang.objects.filter(organisasi__kode_wilayah=settings.KINERJA_KODE_WILAYAH)


class AkunForm(forms.Form):
    role = forms.ChoiceField(
        label="Peran",
        choices=Role.choices,
        error_messages={"invalid_choice": "Peran tidak dikenal: pilih dari daftar."},
    )
    bidang = forms.ModelChoiceField(
        label="Bidang (wajib untuk Staf Bidang dan Kepala Bidang)",
        queryset=Bidang.objects.none(),
        required=False,
        to_field_name="kode",
        empty_label="Tanpa bidang",
        error_messages={"invalid_choice": "Bidang tidak dikenal: pilih dari daftar."},
    )
    email = forms.EmailField(
        label="Alamat surel",
        required=False,
        error_messages={"invalid": "Alamat surel tidak benar, misalnya nama@dinsos.go.id."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bidang = self.fields["bidang"]
        assert isinstance(bidang, forms.ModelChoiceField)
        bidang.queryset = _bidang_qs()


class AkunBaruForm(AkunForm):
    username = forms.RegexField(
        label="Nama pengguna",
        regex=r"^[\w.@+-]{3,150}$",
        error_messages={
            "invalid": "Nama pengguna 3 sampai 150 huruf, angka atau . @ + - _ tanpa spasi."
        },
    )
    nama = forms.CharField(label="Nama lengkap", required=False, max_length=150)
    field_order = ["username", "nama", "role", "bidang", "email"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(f"Nama pengguna {username} sudah dipakai.")
        return username


class SurelForm(forms.Form):
    pilihan = forms.ChoiceField(
        label="Kirim surel kepada saya",
        choices=Surel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Pilihan pemberitahuan tidak dikenal: pilih dari daftar."
        },
    )
