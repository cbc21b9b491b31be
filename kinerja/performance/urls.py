from django.urls import include, path

from .views import approval, budget, scale, targets

app_name = "performance"

urlpatterns = [
    path("target/", targets.target_grid, name="target_grid"),
    path("skala/", scale.band_scale_edit, name="band_scale"),
    path("kotak-masuk/", approval.inbox_view, name="inbox"),
    path("iku/<str:kode>/<str:periode>/", approval.period_page, name="period"),
    path("iku/<str:kode>/<str:periode>/analisis/", approval.analysis_save, name="analysis"),
    path("iku/<str:kode>/<str:periode>/<str:aksi>/", approval.action, name="action"),
    path("anggaran/", budget.budget_page, name="budget"),
    path("audit/", include("kinerja.audit.urls")),
]
