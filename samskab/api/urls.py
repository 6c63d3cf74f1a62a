from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.token_list, name="token-list"),
    path("<int:pk>/tilbagekald/", views.token_revoke, name="token-revoke"),
]
