"""Back-office administration of compass rounds, readiness assessments and rollouts.

Compass answers are not shown here: respondents are promised that only groups of at
least three are reported. Unit memberships name citizens, so their reads and changes are
logged.
"""

from django.contrib import admin
from django.utils.translation import gettext_noop

from samskab.core.admin import PersonalDataAdmin

from .models import (
    CompassRound,
    FollowUpPeriod,
    ReadinessAssessment,
    Rollout,
    RolloutStage,
    UnitMembership,
)


@admin.register(CompassRound)
class CompassRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "unit", "period_start", "period_end", "is_open"]
    list_filter = ["is_open", "organisation"]
    exclude = ["created_by"]


@admin.register(ReadinessAssessment)
class ReadinessAssessmentAdmin(admin.ModelAdmin):
    list_display = ["model_name", "source_organisation", "receiving_organisation", "assessed_on"]


class RolloutStageInline(admin.TabularInline):
    model = RolloutStage
    extra = 0
    filter_horizontal = ["units"]


class FollowUpPeriodInline(admin.TabularInline):
    model = FollowUpPeriod
    extra = 0


@admin.register(Rollout)
class RolloutAdmin(admin.ModelAdmin):
    list_display = ["name", "model_name", "organisation", "baseline_start"]
    filter_horizontal = ["comparison_units", "measures"]
    inlines = [RolloutStageInline, FollowUpPeriodInline]


@admin.register(UnitMembership)
class UnitMembershipAdmin(PersonalDataAdmin):
    access_purpose = gettext_noop("Borgerens tilknytning til enhed")
    list_display = ["citizen", "unit", "started_on", "ended_on"]
    list_filter = ["unit"]
    list_select_related = ["citizen", "unit"]
    # A drop-down would list every citizen's name; the id field shows only the one chosen.
    raw_id_fields = ["citizen"]
