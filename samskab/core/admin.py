"""The admin's access logging of personal data, and the access log (read-only) in the admin.

Every ModelAdmin of a model in the personal-data registry (samskab.privacy.registry) derives
from `PersonalDataAdmin`: the rows a changelist shows, the record a change page shows and
every save or deletion are logged like in the pages. A test fails for one that does not.
"""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_noop

from .actions import log_access_many
from .models import AccessAction, AccessLogEntry

ADMIN_PURPOSE = gettext_noop("Administration af borgerdata")


def citizen_ids(model, objs) -> dict:
    """{pk: citizen id} for rows of a registered model: read from the rows when the citizen is
    the row or one of its columns, otherwise with one query along the registry's path."""
    from samskab.privacy.registry import registry

    objs = list(objs)
    entry = registry.get(model)
    if entry is None or not objs:
        return {}
    path = entry.citizen_path
    if path == "pk":
        return {obj.pk: obj.pk for obj in objs}
    if "__" not in path:
        field = model._meta.get_field(path)
        return {obj.pk: getattr(obj, field.attname) for obj in objs}
    return dict(
        model._default_manager.filter(pk__in=[obj.pk for obj in objs]).values_list("pk", path)
    )


def log_admin_access(request, *, action, model, objs, purpose=ADMIN_PURPOSE) -> None:
    """One entry per row that concerns a citizen (rows without one hold nobody's data)."""
    ids = citizen_ids(model, objs)
    about_citizens = [obj for obj in objs if ids.get(obj.pk) is not None]
    if about_citizens:
        log_access_many(
            by=request.user,
            action=action,
            objs=about_citizens,
            purpose=purpose,
            citizen_id_of=lambda obj: ids[obj.pk],
        )


class PersonalDataAdmin(admin.ModelAdmin):
    """A ModelAdmin whose reads and writes of a citizen's data are access-logged."""

    #: Stored in Danish and marked with gettext_noop, like every purpose.
    access_purpose = ADMIN_PURPOSE

    def _log(self, request, action, objs, model=None):
        log_admin_access(
            request,
            action=action,
            model=model or self.model,
            objs=list(objs),
            purpose=self.access_purpose,
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (
            response.context_data.get("cl") if isinstance(response, TemplateResponse) else None
        )
        if changelist is not None:
            # Evaluates the page's rows now; the template then reads the same cached rows.
            self._log(request, AccessAction.READ, changelist.result_list)
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Also a record shown again with errors, or read-only to those who may only view it.
        if obj is not None:
            self._log(request, AccessAction.READ, [obj])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._log(request, AccessAction.UPDATE if change else AccessAction.CREATE, [obj])

    def save_formset(self, request, form, formset, change):
        # Inline rows (e.g. a citizen's consents) are logged as their own model's data.
        doomed = [f.instance for f in formset.deleted_forms if f.instance.pk is not None]
        self._log(request, AccessAction.DELETE, doomed, model=formset.model)
        super().save_formset(request, form, formset, change)
        self._log(request, AccessAction.CREATE, formset.new_objects, model=formset.model)
        changed = [obj for obj, _fields in formset.changed_objects]
        self._log(request, AccessAction.UPDATE, changed, model=formset.model)

    def delete_model(self, request, obj):
        self._log(request, AccessAction.DELETE, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._log(request, AccessAction.DELETE, queryset)
        super().delete_queryset(request, queryset)


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(PersonalDataAdmin):
    """Visible to administrators but never changed through the admin. Reading it is logged
    like the data-protection officer's page, per row shown."""

    access_purpose = gettext_noop("Tilsyn med adgangsloggen")
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
