"""Admin for welfare innovation: challenges and missions are set up here."""

from django.contrib import admin

from .models import Challenge, Lesson, Mission, MissionMembership, Project, ProjectPartner


class MissionInline(admin.TabularInline):
    model = Mission
    extra = 0


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["name"]
    inlines = [MissionInline]


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ["name", "challenge", "owner"]
    list_filter = ["challenge"]


@admin.register(MissionMembership)
class MissionMembershipAdmin(admin.ModelAdmin):
    list_display = ["mission", "organisation", "status"]
    list_filter = ["status"]


class PartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    """Phase and status are read-only: they change only through gate decisions."""

    list_display = ["title", "mission", "phase", "status"]
    list_filter = ["phase", "status", "mission"]
    readonly_fields = ["phase", "status", "gate_requested_on"]
    inlines = [PartnerInline]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "perspective", "created_at"]
    search_fields = ["title", "text", "tags"]
