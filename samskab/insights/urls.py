from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
    path("balance/", views.balance_view, name="balance"),
    path("temaer/", views.themes_view, name="themes"),
    path("temaer/gem/", views.theme_save, name="theme-save"),
    path("temaer/<int:pk>/", views.theme_detail, name="theme-detail"),
    path("mit-overblik/", views.dashboard, name="dashboard"),
    path("notifikationer/", views.notifications, name="notifications"),
    path("notifikationer/<int:pk>/laest/", views.notification_read, name="notification-read"),
    path("notifikationer/alle-laest/", views.notifications_read_all, name="notifications-read-all"),
    path("paamindelser/", views.settings_view, name="settings"),
]
