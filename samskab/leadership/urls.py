from django.urls import path

from .views import forums, spaces

app_name = "leadership"

urlpatterns = [
    path("", forums.index, name="index"),
    path("forum/nyt/", forums.forum_create, name="forum-create"),
    path("forum/<int:pk>/", forums.forum_detail, name="forum-detail"),
    path("forum/<int:pk>/medlemmer/", forums.member_add, name="member-add"),
    path(
        "forum/<int:pk>/medlemmer/<int:member_pk>/fjern/",
        forums.member_remove,
        name="member-remove",
    ),
    path("forum/<int:pk>/moeder/nyt/", forums.meeting_create, name="meeting-create"),
    path("moeder/<int:pk>/", forums.meeting_detail, name="meeting-detail"),
    path("moeder/<int:pk>/punkter/", forums.agenda_add, name="agenda-add"),
    path("moeder/<int:pk>/punkter/<int:item_pk>/", forums.agenda_place, name="agenda-place"),
    path("punkter/<int:item_pk>/beslutning/", forums.decision_create, name="decision-create"),
    path("beslutninger/<int:pk>/", forums.decision_detail, name="decision-detail"),
    path("beslutninger/<int:pk>/rediger/", forums.decision_edit, name="decision-edit"),
    path("beslutninger/<int:pk>/endelig/", forums.decision_finalise, name="decision-finalise"),
    path(
        "beslutninger/<int:pk>/opfoelgning/", forums.decision_follow_up, name="decision-follow-up"
    ),
    path("mulighedsrum/nyt/", spaces.space_create, name="space-create"),
    path("mulighedsrum/<int:pk>/", spaces.space_detail, name="space-detail"),
    path("mulighedsrum/<int:pk>/rediger/", spaces.space_edit, name="space-edit"),
    path("mulighedsrum/<int:pk>/evidens/", spaces.space_evidence, name="space-evidence"),
    path(
        "mulighedsrum/<int:pk>/evidens/<int:link_pk>/fjern/",
        spaces.space_evidence_remove,
        name="space-evidence-remove",
    ),
    path("mulighedsrum/<int:pk>/ledelsesrum/", spaces.space_escalate, name="space-escalate"),
    path("barrierer/", spaces.barrier_list, name="barrier-list"),
    path("barrierer/ny/", spaces.barrier_create, name="barrier-create"),
    path("barrierer/<int:pk>/", spaces.barrier_detail, name="barrier-detail"),
    path("barrierer/<int:pk>/evidens/", spaces.barrier_evidence, name="barrier-evidence"),
    path(
        "barrierer/<int:pk>/evidens/<int:link_pk>/fjern/",
        spaces.barrier_evidence_remove,
        name="barrier-evidence-remove",
    ),
    path("barrierer/<int:pk>/ledelsesrum/", spaces.barrier_escalate, name="barrier-escalate"),
    path("indsigt/<str:source>/<int:pk>/", spaces.insight_trail, name="insight-trail"),
]
