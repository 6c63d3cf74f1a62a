"""Free text in every form and the API: one length limit, and CPR-like numbers masked with a
warning (core.forms.FreeTextMixin, core.text)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.urls import reverse

from samskab.api.testing import ApiClient
from samskab.core.forms import FreeTextMixin
from samskab.core.tests.test_fuzzing import FORMS
from samskab.core.text import FREE_TEXT_MAX_LENGTH
from samskab.partnerships.models import ExperienceExpert, PartnershipState, Reflection
from samskab.partnerships.tests.factories import RoundFactory, partnership
from samskab.pathways.models import LearningCapture, TeamRole
from samskab.pathways.tests.factories import MeetingFactory, PathwayFactory, TeamFactory, team_user
from samskab.people.models import Citizen, Role
from samskab.privacy.screening import CPR_PLACEHOLDER

pytestmark = pytest.mark.django_db

ONE_MEGABYTE = "x" * (1024 * 1024)


def _reflect(client, text):
    p = partnership(state=PartnershipState.MEETINGS)
    client.force_login(p.leader.user)
    response = client.post(
        reverse("partnerships:reflection-create", args=[p.pk]),
        {"text": text, "perspective": "system", "tags": ""},
        follow=True,
    )
    return response, [str(m) for m in get_messages(response.wsgi_request)]


def test_every_form_of_the_project_uses_the_free_text_base():
    """A form on Django's own base would take a megabyte and store CPR numbers again."""
    outside = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in FORMS
        if ".tests." not in cls.__module__ and not issubclass(cls, FreeTextMixin)
    ]
    assert not outside, (
        f"{outside}: derive from samskab.core.forms.Form or ModelForm instead of django.forms."
    )


def test_a_megabyte_in_a_reflection_gets_a_danish_field_error_and_stores_nothing(client):
    response, _messages = _reflect(client, ONE_MEGABYTE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Der er plads til 20.000 tegn, og den har 1.048.576" in html
    assert not Reflection.objects.exists()


def test_a_reflection_at_the_limit_is_stored(client):
    _reflect(client, "x" * FREE_TEXT_MAX_LENGTH)
    assert len(Reflection.objects.get().text) == FREE_TEXT_MAX_LENGTH


def test_a_cpr_number_in_a_reflection_is_stored_masked_with_a_warning(client):
    response, messages = _reflect(client, "Han gav mig sit CPR 010190-1234 og 0202851234.")
    assert Reflection.objects.get().text == (
        f"Han gav mig sit CPR {CPR_PLACEHOLDER} og {CPR_PLACEHOLDER}."
    )
    assert any("ligner et CPR-nummer" in m and "«Refleksion»" in m for m in messages), messages
    assert "010190-1234" not in response.content.decode()


def test_phone_numbers_amounts_and_dates_are_not_masked(client):
    text = (
        "Ring på 20 30 40 50 eller +45 12345678. Det kostede 1.234.567,50 kr. "
        "Mødet var 04.12.2026 kl. 10.30, sagsnr. 2026-123456, konto 1234-5678901234."
    )
    _response, messages = _reflect(client, text)
    assert Reflection.objects.get().text == text
    assert not any("CPR" in m for m in messages)


def test_a_form_shown_again_with_errors_shows_the_number_masked():
    class NoteForm(forms.Form):
        note = forms.CharField(widget=forms.Textarea)
        title = forms.CharField()

    class ScreenedNoteForm(FreeTextMixin, NoteForm):
        pass

    form = ScreenedNoteForm({"note": "CPR 311299-1234", "title": ""})
    assert not form.is_valid()
    assert form.masked_fields == ("note",)
    assert "311299-1234" not in str(form) and CPR_PLACEHOLDER in str(form)
    # A plain Django form would have kept it: the mixin is what masks.
    assert NoteForm({"note": "CPR 311299-1234"}).data["note"] == "CPR 311299-1234"


def test_the_public_registration_masks_a_cpr_number_in_the_motivation_but_refuses_it_as_name(
    client,
):
    round_ = RoundFactory()
    url = reverse("partnerships:expert-register", args=[round_.pk])
    answers = {
        "has_timing": "on",
        "has_desire": "on",
        "understands_not_treatment": "on",
        "consent_partnership": "on",
        "themes": "ensomhed, 010190-1234",
        "motivation": "Mit CPR er 0101901234, hvis I skal bruge det.",
    }
    response = client.post(url, {**answers, "display_name": "010190-1234"})
    assert "Samskab gemmer aldrig CPR-numre – skriv initialer" in response.content.decode()
    assert not Citizen.objects.exists()

    response = client.post(url, {**answers, "display_name": "Sofie"})
    assert response.status_code == 200
    expert = ExperienceExpert.objects.get()
    assert expert.motivation == f"Mit CPR er {CPR_PLACEHOLDER}, hvis I skal bruge det."
    assert expert.themes == ["ensomhed", CPR_PLACEHOLDER]
    assert "ligner et CPR-nummer" in response.content.decode()


def _capture_api(what_worked):
    team = TeamFactory()
    supervisor = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    return ApiClient(supervisor).post(
        f"/pathways/meetings/{meeting.pk}/learning-capture",
        {"what_worked": what_worked, "what_next": "Færre fagpersoner.", "perspective": "both"},
    )


def test_the_api_masks_a_cpr_number_the_same_way():
    response = _capture_api("Borgeren (010190-1234) styrede mødet.")
    assert response.status_code == 201, response.json()
    assert response.json()["what_worked"] == f"Borgeren ({CPR_PLACEHOLDER}) styrede mødet."
    assert (
        LearningCapture.objects.get().what_worked == f"Borgeren ({CPR_PLACEHOLDER}) styrede mødet."
    )


def test_the_api_refuses_text_beyond_the_forms_limit():
    response = _capture_api("x" * (FREE_TEXT_MAX_LENGTH + 1))
    assert response.status_code == 422
    assert not LearningCapture.objects.exists()
