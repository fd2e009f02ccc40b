from django.urls import path

from anxin.care.mentoring import views

urlpatterns = [
    path("mentoring/", views.mine, name="mentoring_mine"),
    path("mentoring/pairs/", views.pairs, name="mentoring_pairs"),
    path("mentoring/pairs/confirm/", views.confirm, name="mentoring_confirm"),
    path("mentoring/pairs/<uuid:pair_uuid>/reassign/", views.reassign, name="mentoring_reassign"),
    path("mentoring/mentors/", views.mentors, name="mentoring_mentors"),
    path(
        "mentoring/mentors/<int:mentor_pk>/retire/",
        views.mentor_retire,
        name="mentoring_mentor_retire",
    ),
    path("mentoring/rates/", views.rates, name="mentoring_rates"),
    path("mentoring/classes/", views.classes, name="mentoring_classes"),
    path("mentoring/<uuid:pair_uuid>/", views.pair, name="mentoring_pair"),
    path("mentoring/<uuid:pair_uuid>/change/", views.change, name="mentoring_change"),
    path(
        "mentoring/<uuid:pair_uuid>/talks/<uuid:talk_uuid>/",
        views.talk,
        name="mentoring_talk",
    ),
]
