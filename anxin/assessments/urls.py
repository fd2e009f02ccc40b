from django.urls import path

from anxin.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.self_test_list, name="list"),
    path("reminder/", views.self_test_reminder, name="reminder"),
    path("statistics/", views.self_test_statistics, name="statistics"),
    path("results/<uuid:result_uuid>/", views.self_test_result, name="result"),
    path("<slug:key>/", views.self_test_take, name="take"),
    path("<slug:key>/history/", views.self_test_history, name="history"),
]
