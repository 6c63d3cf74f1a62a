"""Forms for equal partnerships; they parse input, the actions decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.concurrency import VersionedFormMixin
from samskab.core.forms import Form, ModelForm
from samskab.people.forms import CitizenForm

from .models import (
    AVAILABILITY_SLOTS,
    ConstraintKind,
    ExperienceExpert,
    Gathering,
    Leader,
    PartnershipMeeting,
    Perspective,
    Reflection,
    Reply,
    Round,
    WrapUpEvaluation,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"


class TagsField(forms.CharField):
    """Comma-separated words → a clean list (lower case, no duplicates)."""

    #: Themes and interests are free text: CPR-like numbers are masked (core.forms).
    is_free_text = True

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        terms = [" ".join(t.split()).lower() for t in text.split(",")]
        return list(dict.fromkeys(t for t in terms if t))[:20]


class RoundForm(ModelForm):
    class Meta:
        model = Round
        fields = [
            "theme",
            "description",
            "starts_on",
            "ends_on",
            "honorarium_rate",
            "expected_meetings_min",
            "expected_meetings_max",
            "is_open_for_registration",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class ProfileForm(ModelForm):
    themes = TagsField(
        label=_("Temaer"),
        help_text=_("Skriv ord adskilt af komma, fx psykisk sårbarhed, uddannelse, SU."),
    )
    interests = TagsField(
        label=_("Interesser"), help_text=_("Fx gåture, musik, kunst. Adskil med komma.")
    )
    availability = forms.MultipleChoiceField(
        label=_("Hvornår kan du mødes?"),
        choices=AVAILABILITY_SLOTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    PROFILE_FIELDS = ["themes", "interests", "availability", "accessibility_needs"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Says when the partner sees it (permissions.NEEDS_SHARED_STATES), without a migration.
        self.fields["accessibility_needs"].help_text = _(
            "Fx niveaufri adgang, et stille rum eller tolk. Din partner kan se det, mens I er "
            "i gang med partnerskabet. Facilitatoren kan altid se det."
        )

    def profile(self) -> dict:
        return {f: self.cleaned_data[f] for f in self._meta.fields}


class ExpertProfileForm(ProfileForm):
    class Meta:
        model = ExperienceExpert
        fields = [
            "has_timing",
            "has_desire",
            "understands_not_treatment",
            *ProfileForm.PROFILE_FIELDS,
            "motivation",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].label = _("Hvad har du erfaring med?")
        # The model's clean() says "you must be able to say yes" once per unticked box.


class ExpertRegistrationForm(ExpertProfileForm):
    """The public form: a pseudonym, consent and the readiness questions."""

    display_name = CitizenForm.base_fields["display_name"]
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telefon"), required=False, max_length=20)
    consent_partnership = forms.BooleanField(
        label=_(
            "Jeg giver samtykke til, at Samskab gemmer mine svar for at finde en partner "
            "til mig i et ligeværdigt partnerskab"
        ),
        error_messages={"required": _("Vi kan kun gemme din tilmelding med dit samtykke.")},
    )
    consent_contact = forms.BooleanField(
        label=_("Facilitatoren må kontakte mig på e-mail eller telefon"), required=False
    )

    field_order = ["display_name", "email", "phone"]

    def clean(self):
        data = super().clean()
        if (data.get("email") or data.get("phone")) and not data.get("consent_contact"):
            self.add_error(
                "consent_contact",
                _("Sæt kryds her, hvis vi må bruge din e-mail eller dit telefonnummer."),
            )
        return data

    def citizen_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in ("display_name", "email", "phone")}

    def consents(self) -> list[str]:
        consents = ["registration", "partnership"]
        if self.cleaned_data.get("consent_contact"):
            consents.append("contact")
        return consents

    def profile(self) -> dict:
        return {f: self.cleaned_data[f] for f in ExpertProfileForm.Meta.fields}


class LeaderRegistrationForm(ProfileForm):
    class Meta:
        model = Leader
        fields = [*Leader.READINESS_FIELDS, *ProfileForm.PROFILE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].label = _("Hvilke temaer har du ansvar for?")
        # The model's clean() says "you must be able to say yes" once per unticked box.


class ConstraintForm(Form):
    expert = forms.ModelChoiceField(
        queryset=ExperienceExpert.objects.none(), label=_("Erfaringsekspert")
    )
    leader = forms.ModelChoiceField(queryset=Leader.objects.none(), label=_("Leder"))
    kind = forms.ChoiceField(
        choices=ConstraintKind.choices, label=_("Regel"), widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Begrundelse"), required=False, max_length=300)

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = round_.experienceexperts.select_related("citizen")
        self.fields["leader"].queryset = round_.leaders.select_related("user")


class KickoffForm(VersionedFormMixin, Form):
    """The kick-off of one partnership; it carries the partnership's version."""

    agreement = forms.CharField(
        label=_("Det aftaler vi at lave sammen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx følges på arbejde, en gåtur, et besøg på museum."),
    )
    shared_task = forms.CharField(
        label=_("Det fælles tredje"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Den opgave, I vil arbejde med sammen – ikke en mentorordning."),
    )
    kickoff_on = forms.DateField(label=_("Dato for opstartsmødet"), widget=DateInput())

    def __init__(self, *args, partnership, **kwargs):
        self.instance = partnership  # the form carries the partnership's version
        super().__init__(*args, **kwargs)


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Begrundelse"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    accept_warnings = forms.BooleanField(required=False, widget=forms.HiddenInput)


class MeetingForm(ModelForm):
    class Meta:
        model = PartnershipMeeting
        fields = ["activity", "activity_text", "held_on", "starts_at", "place", "duration_hours"]
        widgets = {
            "activity": forms.RadioSelect,
            "held_on": DateInput(),
            "starts_at": TimeInput(),
        }


class ReflectionForm(ModelForm):
    tags = TagsField(label=_("Emner"), help_text=_("Fx SU, ventetid, tillid. Adskil med komma."))

    class Meta:
        model = Reflection
        fields = ["text", "perspective", "tags", "is_shared"]
        widgets = {"perspective": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perspective"].choices = Perspective.choices


class EvaluationForm(ModelForm):
    class Meta:
        model = WrapUpEvaluation
        fields = [
            "q_equal",
            "q_heard",
            "q_own_terms",
            "q_insight",
            "q_value",
            "what_worked",
            "what_was_unequal",
            "what_next",
        ]
        widgets = {
            **dict.fromkeys(("q_equal", "q_heard", "q_own_terms", "q_insight"), forms.RadioSelect),
            "q_value": forms.RadioSelect,
            "what_worked": forms.Textarea(attrs={"rows": 3}),
            "what_was_unequal": forms.Textarea(attrs={"rows": 3}),
            "what_next": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("q_equal", "q_heard", "q_own_terms", "q_insight", "q_value"):
            field = self.fields[name]
            field.choices = [c for c in field.choices if c[0] != ""]
            field.error_messages["required"] = _("Vælg et svar fra «Helt uenig» til «Helt enig».")


class GatheringForm(ModelForm):
    class Meta:
        model = Gathering
        fields = ["title", "held_on", "place", "description"]
        widgets = {"held_on": DateInput()}


class ReplyForm(Form):
    reply = forms.ChoiceField(choices=Reply.choices, label=_("Svar"))
