from django.urls import path

from anxin.care.interviews import views

urlpatterns = [
    path("interviews/", views.interviews, name="interviews_list"),
    path("interviews/themes/", views.themes, name="interviews_themes"),
    path("interviews/themes/<int:year>.pdf", views.themes_pdf, name="interviews_themes_pdf"),
    path("interviews/<uuid:interview_uuid>/", views.interview, name="interviews_detail"),
]
