"""The project's own form fields."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from samskab.core.forms import ModelMultipleChoiceField


def test_an_id_too_large_for_the_database_is_an_invalid_choice_not_a_crash(db):
    field = ModelMultipleChoiceField(queryset=get_user_model().objects.all())
    with pytest.raises(ValidationError) as error:
        field.clean(["10000000000000000000"])
    assert "10000000000000000000" in str(error.value.messages)


def test_selects_written_in_python_match_djangos_template():
    """The renderer writes selects directly (for speed); the HTML must stay Django's."""
    import re

    from django import forms
    from django.forms.renderers import DjangoTemplates

    from samskab.core.forms import DkfdsFormRenderer

    class Choices(forms.Form):
        one = forms.ChoiceField(
            choices=[("", "Vælg"), ("Nord", [("a", "Aalborg & Hjørring")]), ("b", '"B"')]
        )
        many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "<Y>")], required=False)

    form = Choices(data={"one": "a", "many": ["x", "y"]}, renderer=DkfdsFormRenderer())
    django_form = Choices(data={"one": "a", "many": ["x", "y"]}, renderer=DjangoTemplates())

    def normalised(html):
        return re.sub(r">\s+<", "><", str(html)).strip()

    for name in ("one", "many"):
        ours, theirs = form[name].as_widget(), django_form[name].as_widget()
        assert normalised(ours) == normalised(theirs)
    assert "Aalborg &amp; Hjørring" in form["one"].as_widget()
    assert "&lt;Y&gt;" in form["many"].as_widget()
