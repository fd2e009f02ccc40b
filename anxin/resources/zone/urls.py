from django.urls import path

from anxin.resources.zone import views

urlpatterns = [
    path("zone/", views.zone_start, name="zone_start"),
    path("zone/<int:authority_id>/", views.zone_home, name="zone_home"),
    path("zone/<int:authority_id>/articles/<int:article_pk>/", views.zone_article, name="zone_article"),
    path("zone/<int:authority_id>/news/", views.zone_news, name="zone_news"),
    path("zone/<int:authority_id>/questions/", views.zone_questions, name="zone_questions"),
    path("zone/<int:authority_id>/materials/", views.zone_materials, name="zone_materials"),
    path("zone/<int:authority_id>/materials/care-cards.pdf", views.zone_care_cards, name="zone_care_cards"),
    path("zone/<int:authority_id>/materials/poster.pdf", views.zone_poster, name="zone_poster"),
    path("zone/manage/", views.zone_manage, name="zone_manage"),
    path("zone/manage/new/", views.zone_article_new, name="zone_article_new"),
    path("zone/manage/<int:article_pk>/", views.zone_article_edit, name="zone_article_edit"),
    path("zone/manage/<int:article_pk>/publish/", views.zone_article_publish, name="zone_article_publish"),
]  # fmt: skip
