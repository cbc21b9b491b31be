from django.contrib import admin
from django.urls import path

from .admin_dtsen import opsi_dtsen_view
from .models import Definisi, Indikator, Keputusan, SasaranStrategis


class SasaranInline(admin.TabularInline):
    model = SasaranStrategis
    extra = 0


class IndikatorInline(admin.StackedInline):
    model = Indikator
    extra = 0


@admin.register(Keputusan)
class KeputusanAdmin(admin.ModelAdmin):
    list_display = ["versi", "nomor", "tanggal_ditetapkan", "berlaku_mulai", "kode_wilayah"]
    list_filter = ["kode_wilayah"]
    inlines = [SasaranInline, IndikatorInline]

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/opsi-dtsen/",
                self.admin_site.admin_view(opsi_dtsen_view),
                name="indicators_keputusan_opsi_dtsen",
            )
        ]
        return own + super().get_urls()

    def has_change_permission(self, request, obj=None):
        # A recorded version is history: amendments create a new version (services.keputusan_amend).
        if obj is not None and obj.perubahan.exists():
            return False
        return super().has_change_permission(request, obj)


@admin.register(Indikator)
class IndikatorAdmin(admin.ModelAdmin):
    list_display = ["kode", "keputusan", "penanggung_jawab", "satuan", "polaritas"]
    list_filter = ["keputusan", "bidang"]
    search_fields = ["kode", "nama"]


@admin.register(Definisi)
class DefinisiAdmin(admin.ModelAdmin):
    """A perencana adds an indicator of a known family here, without code; clean() checks it."""

    list_display = ["indikator", "bacaan", "keluarga", "hitung", "jendela"]
    list_filter = ["indikator__keputusan", "keluarga", "bacaan"]
    search_fields = ["indikator__kode", "keterangan"]
    # The DTSEN options are set only by an amending decree (admin_dtsen.py, D137).
    readonly_fields = list(Definisi.DTSEN_FIELDS)

    def has_change_permission(self, request, obj=None):
        # Definitions of a superseded catalogue version are history, like the version itself.
        if obj is not None and obj.indikator.keputusan.perubahan.exists():
            return False
        return super().has_change_permission(request, obj)
