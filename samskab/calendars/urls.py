from django.urls import path

from . import views

app_name = "calendars"

urlpatterns = [
    path("nyt-link/", views.feed_create, name="feed-create"),
    path("slet-link/", views.feed_revoke, name="feed-revoke"),
    path("<str:token>.ics", views.feed, name="feed"),
]
