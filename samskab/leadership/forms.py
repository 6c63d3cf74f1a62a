"""Forms for shared leadership; they parse input, the actions decide."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.concurrency import VersionedFormMixin
from samskab.core.forms import Form, ModelForm
from samskab.core.models import Perspective

from .models import (
    Barrier,
    Decision,
    FollowUpStatus,
    Forum,
    ForumMeeting,
    ForumRole,
    OpportunitySpace,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ForumForm(ModelForm):
    class Meta:
        model = Forum
        fields = ["name", "purpose", "organisation"]
        error_messages = {
            "name": {
                "required": _("Giv ledelsesrummet et navn."),
                "unique": _("Der findes allerede et ledelsesrum med det navn."),
            },
            "organisation": {"required": _("Vælg værtsorganisationen.")},
        }


class MemberForm(Form):
    user = forms.ModelChoiceField(
        label=_("Leder eller medarbejder"),
        queryset=get_user_model().objects.none(),
        error_messages={"required": _("Vælg, hvem der skal være medlem.")},
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=ForumRole.choices, initial=ForumRole.MEMBER)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(staff_member__isnull=False)
        self.fields["user"].queryset = users.select_related("staff_member__organisation")
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.get_username()} ({u.staff_member.organisation})"
        )


class MeetingForm(ModelForm):
    class Meta:
        model = ForumMeeting
        fields = ["title", "held_on", "place"]
        widgets = {"held_on": DateInput()}
        error_messages = {
            "title": {"required": _("Giv mødet en titel.")},
            "held_on": {"required": _("Skriv mødets dato.")},
        }


class OpportunitySpaceForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = OpportunitySpace
        fields = ["title", "problem_statement"]
        widgets = {"problem_statement": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "title": {"required": _("Giv mulighedsrummet en titel.")},
            "problem_statement": {"required": _("Skriv problemformuleringen.")},
        }


class InsightFilterForm(Form):
    """The evidence picker's search: simple text, practice and perspective."""

    q = forms.CharField(label=_("Søg i indsigter"), required=False, max_length=100)
    practice = forms.ChoiceField(
        label=_("Praksis"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("partnerships", _("Ligeværdige partnerskaber")),
            ("pathways", _("Sammenhængende borgerforløb")),
            ("innovation", _("Velfærdsinnovation")),
        ],
    )
    perspective = forms.ChoiceField(
        label=_("Perspektiv"), required=False, choices=[("", _("Alle")), *Perspective.choices]
    )


class BarrierForm(ModelForm):
    class Meta:
        model = Barrier
        fields = ["title", "description", "consequence", "team", "project"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "consequence": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Giv barrieren en kort titel.")},
            "description": {"required": _("Beskriv, hvad der skete.")},
        }

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].help_text = _("Det team, hvor I mødte barrieren (valgfrit).")
        self.fields["project"].help_text = _("Eller det projekt, hvor I mødte den (valgfrit).")


class EscalateForm(Form):
    forum = forms.ModelChoiceField(
        label=_("Ledelsesrum"),
        queryset=Forum.objects.all(),
        error_messages={"required": _("Vælg det ledelsesrum, punktet skal til.")},
    )
    note = forms.CharField(
        label=_("Hvad skal ledelsesrummet tage stilling til?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AgendaItemForm(Form):
    """A forum member puts an opportunity space or a barrier on a meeting's agenda."""

    subject = forms.ChoiceField(
        label=_("Punkt"), error_messages={"required": _("Vælg et mulighedsrum eller en barriere.")}
    )
    note = forms.CharField(
        label=_("Hvad skal ledelsesrummet tage stilling til?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, spaces, barriers, **kwargs):
        super().__init__(*args, **kwargs)
        groups = [
            (_("Mulighedsrum"), [(f"space-{s.pk}", s.title) for s in spaces]),
            (_("Barrierer"), [(f"barrier-{b.pk}", b.title) for b in barriers]),
        ]
        self.fields["subject"].choices = [("", "—"), *[g for g in groups if g[1]]]


class DecisionForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Decision
        fields = [
            "title",
            "text",
            "owner",
            "due_on",
            "follow_up",
            "t_shared_task",
            "t_other_sectors",
            "t_citizen_pathway",
            "resolves_barrier",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "due_on": DateInput(),
            "t_shared_task": forms.Textarea(attrs={"rows": 3}),
            "t_other_sectors": forms.Textarea(attrs={"rows": 3}),
            "t_citizen_pathway": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Skriv beslutningen kort.")},
            "text": {"required": _("Skriv beslutningen.")},
            "owner": {"required": _("Vælg, hvem der er ansvarlig.")},
            "due_on": {"required": _("Skriv fristen.")},
        }

    def __init__(self, *args, forum, is_barrier: bool, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(forum_memberships__forum=forum)
        self.fields["owner"].queryset = users.order_by("first_name")
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        if not self.instance.pk:
            self.fields["due_on"].initial = timezone.localdate() + datetime.timedelta(days=90)
        if not is_barrier:
            del self.fields["resolves_barrier"]


class FollowUpForm(VersionedFormMixin, Form):
    follow_up = forms.ChoiceField(label=_("Opfølgning"), choices=FollowUpStatus.choices)

    def __init__(self, *args, decision, **kwargs):
        self.instance = decision  # the form carries the decision's version
        kwargs.setdefault("initial", {"follow_up": decision.follow_up})
        super().__init__(*args, **kwargs)
