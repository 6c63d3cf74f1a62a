"""Back-office administration of organisations, staff, roles, citizens and consent."""

from django.contrib import admin

from samskab.core.admin import PersonalDataAdmin

from .models import Citizen, Consent, Organisation, RoleAssignment, StaffMember, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "official_code", "requires_two_factor"]
    list_filter = ["kind", "requires_two_factor"]
    search_fields = ["name", "official_code"]
    inlines = [UnitInline]


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "unit", "job_title"]
    list_filter = ["organisation"]
    list_select_related = ["user", "organisation", "unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "job_title"]
    autocomplete_fields = ["user", "organisation", "unit"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "authority_area"]
    list_filter = ["authority_area", "organisation"]
    search_fields = ["name"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role", "organisation"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ["purpose", "legal_basis", "given_at", "given_by", "withdrawn_at", "withdrawn_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Citizen)
class CitizenAdmin(PersonalDataAdmin):
    """For correcting back-office data; reads and writes are logged like in the pages."""

    list_display = ["display_name", "organisation", "birth_year"]
    list_filter = ["organisation"]
    search_fields = ["display_name"]
    inlines = [ConsentInline]

    def has_delete_permission(self, request, obj=None):
        # Erasure goes through the privacy tools, which cover every module's data.
        return False
