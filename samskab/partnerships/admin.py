"""Back-office administration of rounds and partnerships (the pages are the main way in)."""

from django.contrib import admin

from samskab.core.admin import PersonalDataAdmin

from .models import Gathering, MatchingRun, Partnership, Round


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["theme", "organisation", "starts_on", "ends_on", "is_open_for_registration"]
    list_filter = ["organisation"]


@admin.register(Partnership)
class PartnershipAdmin(PersonalDataAdmin):
    """State changes go through the actions (the state machine), so the state is read-only.
    Reads and changes are logged as the expert's data."""

    list_display = ["__str__", "round", "state"]
    list_filter = ["state", "round"]
    readonly_fields = ["state", "state_before_pause", "state_changed_at", "state_changed_by"]
    list_select_related = ["round", "expert__citizen", "leader__user"]
    # Drop-downs would list every expert's and leader's name.
    raw_id_fields = ["expert", "leader"]


@admin.register(MatchingRun)
class MatchingRunAdmin(admin.ModelAdmin):
    list_display = ["round", "status", "progress", "expert_count", "leader_count", "created_at"]


@admin.register(Gathering)
class GatheringAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "held_on"]
