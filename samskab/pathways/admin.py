"""Back-office administration of teams and practice elements; pathways stay in the pages.

Teams and their members are set up here. Pathways, meetings and ratings hold citizens'
personal data and are read and written through the pages, where every access is logged.
"""

from django.contrib import admin

from .models import PracticeDecision, PracticeElement, Team, TeamMembership


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 1
    autocomplete_fields = ["staff_member"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    inlines = [TeamMembershipInline]


class PracticeDecisionInline(admin.TabularInline):
    model = PracticeDecision
    extra = 0


@admin.register(PracticeElement)
class PracticeElementAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "team"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    inlines = [PracticeDecisionInline]
