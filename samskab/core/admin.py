"""The access log is visible to administrators but can never be changed through the admin."""

from django.contrib import admin

from .models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    list_display = [
        "sequence",
        "at",
        "actor_name",
        "action",
        "object_type",
        "citizen_id",
        "purpose",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "purpose", "=citizen_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
