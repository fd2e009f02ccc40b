app_name = "counseling"
urlpatterns: list = []
