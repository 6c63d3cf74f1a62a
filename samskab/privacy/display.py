"""Turning a citizen's export into readable tables (the JSON keeps the raw values)."""

from django.apps import apps
from django.utils.translation import gettext as _


def model_name(label: str) -> str:
    """ "people.Citizen" → "borger" (the label itself if the model is gone)."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def display(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def readable_export(export: dict) -> list[dict]:
    sections = []
    for section in export["sections"]:
        keys = list(section["fields"])
        rows = []
        for row in section["rows"]:
            cells = []
            for key in keys:
                value = row[key]
                if key == "object_type" and isinstance(value, str):
                    value = model_name(value)
                cells.append(display(value))
            rows.append(cells)
        sections.append(
            {
                "type": section["type"],
                "name": section["name"],
                "headers": [section["fields"][key] for key in keys],
                "rows": rows,
            }
        )
    return sections
