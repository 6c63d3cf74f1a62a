"""Admin for shared leadership: forums and their members can be set up here."""

from django.contrib import admin

from .models import Barrier, Decision, Forum, ForumMember, OpportunitySpace


class ForumMemberInline(admin.TabularInline):
    model = ForumMember
    extra = 0


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    inlines = [ForumMemberInline]


@admin.register(OpportunitySpace)
class OpportunitySpaceAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "created_at"]


@admin.register(Barrier)
class BarrierAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["title", "is_final", "follow_up", "due_on"]
    readonly_fields = ["is_final", "finalised_at", "finalised_by"]
