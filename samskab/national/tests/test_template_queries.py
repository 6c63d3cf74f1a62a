"""The template-query guard of test_bounded_queries.py: it catches what it promises to."""

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.template import engines
from django.test import RequestFactory

from samskab.core.forms import evaluate_choices
from samskab.national.tests.template_queries import describe, template_queries
from samskab.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def render(source, context, request=None):
    return engines["django"].from_string(source).render(context, request)


def test_a_lazy_queryset_iterated_in_a_template_is_caught_with_its_line():
    UserFactory(username="anna")
    with template_queries() as found:
        html = render(
            "<ul>\n{% for u in users %}<li>{{ u.username }}{% endfor %}",
            {"users": get_user_model().objects.all()},
        )
    assert "anna" in html
    assert len(found) == 1
    assert 'FROM "auth_user"' in found[0].sql
    assert found[0].where == "<string>:2 {% for u in users %}"
    message = describe("test page", found)
    assert message.startswith("test page: 1 SQL queries while the template rendered:")
    assert 'FROM "auth_user"' in message


def test_evaluated_data_passes_the_guard():
    UserFactory(username="anna")
    users = list(get_user_model().objects.all())
    with template_queries() as found:
        html = render("{% for u in users %}{{ u.username }}{% endfor %}", {"users": users})
    assert html == "anna"
    assert found == []


def test_a_context_processor_that_queries_is_caught():
    user = UserFactory()
    request = RequestFactory().get("/")
    request.user = user
    request.session = {}
    with template_queries() as found:
        render("{{ nav_items|length }}", {}, request)
    assert any(query.where == "context processor navigation()" for query in found)


def test_queries_outside_templates_are_not_counted():
    with template_queries() as found:
        list(get_user_model().objects.all())
    assert found == []


class OwnerForm(forms.Form):
    owner = forms.ModelChoiceField(queryset=get_user_model().objects.order_by("username"))


def test_a_model_choice_field_queries_while_rendering_unless_its_choices_are_evaluated():
    UserFactory(username="anna")
    with template_queries() as found:
        lazy = render("{{ form }}", {"form": OwnerForm()})
    assert len(found) == 1
    (form,) = evaluate_choices(OwnerForm())
    with template_queries() as found:
        evaluated = render("{{ form }}", {"form": form})
    assert found == []
    assert evaluated == lazy
    assert "anna" in evaluated
