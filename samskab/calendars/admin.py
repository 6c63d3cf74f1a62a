from django.contrib import admin

from .models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Administrators can see who has a feed and delete (revoke) it; never the token."""

    list_display = ["user", "created_at", "last_used_at"]
    readonly_fields = ["user", "token_hash", "created_at", "last_used_at"]
    search_fields = ["user__username", "user__email"]

    def has_add_permission(self, request):
        return False
