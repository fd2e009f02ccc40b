from django.urls import path

from anxin.governance import views

app_name = "governance"
urlpatterns = [
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/from-plan/", views.bodies_from_plan, name="bodies_from_plan"),
    path("bodies/<int:body_pk>/members/", views.member_add, name="member_add"),
    path("members/<int:pk>/term/", views.member_term, name="member_term"),
    path("calendar/", views.calendar, name="calendar"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/new/", views.meeting_schedule, name="meeting_schedule"),
    path("meetings/year/", views.meetings_schedule_year, name="meetings_schedule_year"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/agenda/", views.meeting_agenda_add, name="meeting_agenda_add"),
    path("meetings/<int:pk>/documents/", views.meeting_document_add, name="meeting_document_add"),
    path("documents/<int:pk>/", views.meeting_document, name="meeting_document"),
    path(
        "documents/<int:pk>/replace/",
        views.meeting_document_replace,
        name="meeting_document_replace",
    ),
    path(
        "documents/<int:pk>/delete/", views.meeting_document_delete, name="meeting_document_delete"
    ),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/submit/", views.meeting_submit, name="meeting_submit"),
    path("meetings/<int:pk>/approve/", views.meeting_approve, name="meeting_approve"),
    path("meetings/<int:pk>/return/", views.meeting_return, name="meeting_return"),
    path("meetings/<int:pk>/publish/", views.meeting_publish, name="meeting_publish"),
    path("meetings/<int:pk>/decisions/", views.meeting_decision_add, name="meeting_decision_add"),
    path("meetings/<int:pk>/actions/", views.meeting_action_add, name="meeting_action_add"),
    path("meetings/<int:pk>/minutes.odt", views.minutes_odt, name="minutes_odt"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("actions/", views.my_actions, name="my_actions"),
    path("actions/<int:pk>/close/", views.action_close, name="action_close"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
    path("work-plan/", views.workplan, name="workplan"),
    path("work-plan/new/", views.workplan_add, name="workplan_add"),
    path("work-plan/<int:pk>/", views.workplan_update, name="workplan_update"),
    path("rewards/", views.rewards, name="rewards"),
    path("rewards/propose/", views.rewards_propose, name="rewards_propose"),
    path("rewards/new/", views.reward_add, name="reward_add"),
    path("rewards/<int:pk>/decide/", views.reward_decide, name="reward_decide"),
    path("rewards/export.ods", views.rewards_ods, name="rewards_ods"),
]
