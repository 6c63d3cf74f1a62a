"""Open pages without login: public lessons of the learning community and their Atom feed.

Only lessons the author marked public appear here; lessons never carry personal data.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Lesson


@login_not_required
def lesson_list(request):
    lessons = Lesson.objects.public().select_related("organisation", "project")
    page = Paginator(lessons, 20).get_page(request.GET.get("side"))
    page.object_list = list(page.object_list)
    return render(
        request,
        "innovation/public_lesson_list.html",
        {"page": page, "crumbs": [("", _("Læring fra velfærdsinnovation"))]},
    )


@login_not_required
def lesson_detail(request, pk):
    lesson = get_object_or_404(Lesson.objects.public().select_related("organisation"), pk=pk)
    return render(
        request,
        "innovation/public_lesson_detail.html",
        {
            "lesson": lesson,
            "crumbs": [
                (reverse("innovation:lesson-public-list"), _("Læring fra velfærdsinnovation")),
                ("", lesson.title),
            ],
        },
    )


class PublicLessonFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Samskab – læring fra velfærdsinnovation")
    subtitle = gettext_lazy("Læring delt åbent i Netværk for Systematisk Velfærdsinnovation.")
    link = reverse_lazy("innovation:lesson-public-list")

    def items(self):
        return Lesson.objects.public().select_related("organisation")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.text

    def item_author_name(self, item):
        return item.organisation.name

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return item.tag_list()


lesson_feed = login_not_required(PublicLessonFeed())
