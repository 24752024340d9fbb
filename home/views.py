from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import UpdateView
from taggit.models import Tag
from wagtail.models import Site

from .forms import ProfileForm
from .models import ArticlePage, ArticlePageTag
from .models.articles import canonical_query, paginate_articles

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        logger.exception("health check: database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "home/profile.html"
    success_url = reverse_lazy("profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)


def article_tag(request: HttpRequest, slug: str) -> HttpResponse:
    """Every live, public article of this site with the keyword `slug`, newest first, paginated.

    The "related keywords" on articles link here.
    """
    tag = get_object_or_404(Tag, slug=slug)
    tagged = ArticlePageTag.objects.filter(tag=tag).values("content_object_id")
    articles = ArticlePage.objects.live().public().filter(pk__in=tagged)
    site = Site.find_for_request(request)
    if site is not None:
        articles = articles.descendant_of(site.root_page, inclusive=True)
    page_obj = paginate_articles(request, articles.for_cards())
    context = {
        "tag": tag,
        "articles": page_obj,
        "meta_title": tag.name,
        "canonical_query": canonical_query(page_obj),
    }
    return render(request, "home/article_tag.html", context)


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public site; accounts, learners' and mentors' areas and the admin are off limits."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "home/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8")
