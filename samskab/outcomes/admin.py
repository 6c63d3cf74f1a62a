"""Back-office administration of outcome measures.

Measurements are not in the admin: they are a citizen's health data and are read and
written only through the pages, where every access is logged and consent is checked.
"""

from django.contrib import admin

from .models import Measure


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "kind", "min_value", "max_value", "unit", "is_builtin"]
    list_filter = ["domain", "kind", "is_builtin"]
    search_fields = ["name", "code"]

    def get_readonly_fields(self, request, obj=None):
        # Built-in measures carry the evaluations' meaning; their definition is fixed.
        if obj is not None and obj.is_builtin:
            return [f.name for f in Measure._meta.fields if f.name != "id"]
        return ["is_builtin"]

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_builtin
