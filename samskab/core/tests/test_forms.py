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
