from django.urls import path

from anxin.surveys import analysis_views, export_views, views

app_name = "surveys"
Q = "manage/questionnaires/<uuid:questionnaire_uuid>"
V = Q + "/v<int:number>"
urlpatterns = [
    path("", views.my_surveys, name="my_surveys"),
    path("<uuid:survey_uuid>/", views.answer, name="answer"),
    path("manage/", views.manage, name="manage"),
    path("manage/questionnaires/new/", views.questionnaire_new, name="questionnaire_new"),
    path("manage/presets/<slug:key>/copy/", views.preset_copy, name="preset_copy"),
    path(f"{Q}/new-version/", views.version_new, name="version_new"),
    path(f"{V}/", views.version_edit, name="version_edit"),
    path(f"{V}/publish/", views.version_publish, name="version_publish"),
    path(f"{V}/questions/new/", views.question_edit, name="question_new"),
    path(f"{V}/questions/<slug:key>/", views.question_edit, name="question_edit"),
    path(f"{V}/questions/<slug:key>/delete/", views.question_delete, name="question_delete"),
    path(f"{V}/survey/", views.survey_new, name="survey_new"),
    path("manage/surveys/<uuid:survey_uuid>/", views.survey_detail, name="survey_detail"),
    path("manage/surveys/<uuid:survey_uuid>/export/", export_views.export_new, name="export_new"),
    path("manage/exports/<uuid:job_uuid>/", export_views.export_download, name="export_download"),
    path(
        "manage/surveys/<uuid:survey_uuid>/analysis/",
        analysis_views.survey_analysis,
        name="survey_analysis",
    ),
]
urlpatterns += [
    path("manage/follow-ups/", views.follow_ups, name="follow_ups"),
    path("manage/follow-ups/<uuid:survey_uuid>/", views.follow_up, name="follow_up"),
    path(
        "manage/follow-ups/<uuid:survey_uuid>/<uuid:response_uuid>/",
        views.follow_up_answers,
        name="follow_up_answers",
    ),
]
