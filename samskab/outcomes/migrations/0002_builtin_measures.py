"""The built-in outcome measures: WHO-5, support hours, cost in kroner, contacts/admissions."""

from decimal import Decimal

from django.db import migrations

BUILTIN = [
    {
        "code": "who5",
        "name": "WHO-5 trivselsindeks",
        "description": (
            "Fem spørgsmål om de sidste 2 uger, hver 0–5. Råscore 0–25, indeks = råscore × 4. "
            "Indeks ≤ 50 tyder på nedsat trivsel, ≤ 28 på mulig depression (screening)."
        ),
        "domain": "quality_of_life",
        "kind": "scale",
        "min_value": Decimal("0"),
        "max_value": Decimal("100"),
        "unit": "point",
    },
    {
        "code": "support_hours",
        "name": "Støttetimer",
        "description": "Timers støtte, borgeren har modtaget pr. uge.",
        "domain": "economic",
        "kind": "numeric",
        "min_value": Decimal("0"),
        "max_value": Decimal("168"),
        "unit": "timer pr. uge",
    },
    {
        "code": "cost",
        "name": "Udgift",
        "description": "Kommunens udgift til borgerens forløb i perioden.",
        "domain": "economic",
        "kind": "numeric",
        "min_value": Decimal("0"),
        "max_value": None,
        "unit": "kr.",
    },
    {
        "code": "contacts",
        "name": "Kontakter og indlæggelser",
        "description": "Antal kontakter til sundhedsvæsenet og indlæggelser i perioden.",
        "domain": "health",
        "kind": "numeric",
        "min_value": Decimal("0"),
        "max_value": Decimal("1000"),
        "unit": "antal",
    },
]


def add_builtin_measures(apps, schema_editor):
    Measure = apps.get_model("outcomes", "Measure")
    for data in BUILTIN:
        Measure.objects.update_or_create(
            code=data["code"], defaults={**data, "is_builtin": True}
        )


def remove_builtin_measures(apps, schema_editor):
    Measure = apps.get_model("outcomes", "Measure")
    Measure.objects.filter(code__in=[d["code"] for d in BUILTIN], measurements=None).delete()


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_measures_and_measurements")]

    operations = [migrations.RunPython(add_builtin_measures, remove_builtin_measures)]
