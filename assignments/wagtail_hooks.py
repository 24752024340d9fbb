"""Admin integration: rubric and extension snippets, and the guard that keeps learners' work from deletion."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Extension, Rubric, Submission


class RubricViewSet(SnippetViewSet):
    model = Rubric
    icon = "list-ol"
    menu_label = gettext_lazy("Rubrics")
    list_display = ["name"]
    search_fields = ["name"]


class ExtensionViewSet(SnippetViewSet):
    """Extensions are granted by staff here (mentors grant theirs from the mentoring views)."""

    model = Extension
    icon = "date"
    menu_label = gettext_lazy("Extensions")
    list_display = ["learner", "assignment", "due_at", "granted_by", "created_at"]
    list_filter = ["assignment"]


register_snippet(RubricViewSet)
register_snippet(ExtensionViewSet)


def submissions_under(page):
    """Submissions to the page or to any assignment below it (a course, a catalog)."""
    return Submission.objects.filter(assignment__path__startswith=page.path, assignment__depth__gte=page.depth)


def _refusal_message(page, count: int) -> str:
    return _(
        "“%(title)s” cannot be deleted: learners have submitted work to it or to a task in it (%(count)s "
        "submissions), and their work is never deleted with a page. Unpublish it instead."
    ) % {"title": page.get_admin_display_title(), "count": count}


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_submissions(request, page):
    count = submissions_under(page).count()
    if count:
        messages.error(request, _refusal_message(page, count))
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_pages_with_submissions(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return None
    refused = [(page, submissions_under(page).count()) for page in objects if hasattr(page, "path")]
    refused = [(page, count) for page, count in refused if count]
    if not refused:
        return None
    for page, count in refused:
        messages.error(request, _refusal_message(page, count))
    parent = refused[0][0].get_parent()
    return redirect(reverse("wagtailadmin_explore", args=[parent.pk]) if parent else reverse("wagtailadmin_home"))
