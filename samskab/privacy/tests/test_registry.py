"""The personal-data registry: every model about a citizen is registered, and each entry
finds, counts and exports the citizen's rows."""

import pytest
from django.apps import apps
from django.db import models

from samskab.people.models import Citizen
from samskab.privacy.registry import Erasure, PersonalData, models_about_citizens, registry

from .factories import citizen_everywhere

EXISTING_APPS = {"people", "partnerships", "pathways", "outcomes", "compass", "core", "privacy"}


def test_every_model_related_to_a_citizen_is_registered_or_exempted():
    uncovered = sorted(m._meta.label for m in models_about_citizens() if not registry.is_covered(m))
    assert not uncovered, (
        "These models relate to people.Citizen (directly or through another model) but are not "
        "in the personal-data registry. Declare them in <app>/personal_data.py with "
        "registry.register(PersonalData(...)) or registry.exempt(Model, why=...): "
        + ", ".join(uncovered)
    )


def test_the_coverage_walk_finds_indirect_relations():
    found = {m._meta.label for m in models_about_citizens()}
    # Through the expert (a Candidate subclass), the partnership and the pathway's meeting.
    assert {
        "partnerships.ExperienceExpert",
        "partnerships.Payment",
        "pathways.MeetingRating",
        "pathways.LearningCapture",
    } <= found
    assert "innovation.Project" not in found


def test_a_new_unregistered_model_would_fail_the_coverage_test():
    class Diary(models.Model):
        citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE)

        class Meta:
            app_label = "privacy"

        def __str__(self):
            return "diary"

    try:
        assert Diary in models_about_citizens()
        assert not registry.is_covered(Diary)
    finally:
        del apps.all_models["privacy"]["diary"]
        apps.clear_cache()


def test_every_registered_entry_names_real_fields_and_says_why():
    for entry in registry.entries():
        assert entry.why, entry.label
        for name in (*entry.export_fields, *entry.blank, *entry.screen):
            entry.model._meta.get_field(name)
        assert isinstance(entry.erasure, Erasure)


def test_existing_apps_declare_their_models():
    labels = {entry.label for entry in registry.entries()}
    assert {label.split(".")[0] for label in labels} >= EXISTING_APPS


@pytest.mark.django_db
def test_each_entry_finds_counts_and_exports_the_citizens_rows():
    world = citizen_everywhere()
    other = citizen_everywhere()
    for entry in registry.entries():
        # The factory fills the apps that existed with the registry; later apps' entries
        # must still find only the citizen's own rows.
        if entry.model._meta.app_label in EXISTING_APPS:
            assert entry.count_for(world.citizen) >= 1, entry.label
        entry.export_rows(world.citizen)
        mine = set(entry.rows_for(world.citizen).values_list("pk", flat=True))
        theirs = set(entry.rows_for(other.citizen).values_list("pk", flat=True))
        assert not mine & theirs, entry.label
    rows = registry.get(Citizen).export_rows(world.citizen)
    assert rows == [
        {
            "display_name": "Anna Hansen",
            "birth_year": 1990,
            "email": "anna@example.test",
            "phone": "20304050",
            "organisation": str(world.citizen.organisation),
            "created_at": rows[0]["created_at"],
            "processing_restricted_at": None,
        }
    ]


@pytest.mark.django_db
def test_export_leaves_out_the_partners_own_reflections():
    from samskab.partnerships.models import Reflection

    world = citizen_everywhere()
    rows = registry.get(Reflection).export_rows(world.citizen)
    assert [row["party"] for row in rows] == ["Erfaringsekspert"]


def test_registering_a_model_twice_is_refused():
    from samskab.privacy.registry import AlreadyRegisteredError

    with pytest.raises(AlreadyRegisteredError):
        registry.register(
            PersonalData(
                model=Citizen, citizen_path="pk", export_fields=(), erasure=Erasure.KEEP, why="x"
            )
        )
