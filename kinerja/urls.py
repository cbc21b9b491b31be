from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Kinerja: Dinas Sosial"
admin.site.site_title = "Kinerja"
admin.site.index_title = "Administrasi"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("kinerja.api.urls")),
    path("pdp/", include("kinerja.pdp.urls")),
    path("evaluasi/", include("kinerja.evaluasi.urls")),
    path("kinerja/pohon/", include("kinerja.sakip.urls")),
    path("akun/", include("kinerja.organisation.urls")),
    path("", include("kinerja.web.urls")),
]
