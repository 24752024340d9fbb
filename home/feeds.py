"""RSS and Atom feeds of the site's newest interviews and news (django.contrib.syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from .models import ArticlePage, SiteSettings


class ArticleFeed(Feed):
    """The newest live, public articles of the requested site, newest first (RSS 2.0)."""

    feed_type = Rss201rev2Feed
    limit = 20

    def get_object(self, request, *args, **kwargs) -> Site | None:
        """The site the feed is asked for; the feed instance itself is shared by every request."""
        return Site.find_for_request(request)

    def title(self, site: Site | None) -> str:
        name = SiteSettings.for_site(site).organisation_name if site else ""
        return _("%(site)s: interviews and news") % {"site": name} if name else _("Interviews and news")

    def description(self, site: Site | None) -> str:
        return _("New interviews with graduates, news and seminar notices.")

    def link(self, site: Site | None) -> str:
        return "/"

    def items(self, site: Site | None):
        articles = ArticlePage.objects.live().public()
        if site is not None:
            articles = articles.descendant_of(site.root_page, inclusive=True)
        return (
            articles.defer_streamfields().order_by("-date", "-pk").prefetch_related("tagged_items__tag")[: self.limit]
        )

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.lead

    def item_link(self, item: ArticlePage) -> str:
        # Relative on a one-site install; syndication adds the requested domain.
        return item.url

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [tagged.tag.name for tagged in item.tagged_items.all()]


class ArticleAtomFeed(ArticleFeed):
    """The same articles as an Atom feed."""

    feed_type = Atom1Feed

    def subtitle(self, site: Site | None) -> str:
        return self.description(site)
