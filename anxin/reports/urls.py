from django.urls import path

from anxin.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("export.ods", views.dashboard_export, name="dashboard_export"),
    path("dossier/", views.dossier_page, name="dossier"),
    path(
        "dossier/<int:year>/improvements/", views.dossier_improvements, name="dossier_improvements"
    ),
    path("dossier/<int:year>.<str:fmt>", views.dossier_download, name="dossier_download"),
]
