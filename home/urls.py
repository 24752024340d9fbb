"""Routes of the site app outside the page tree: robots.txt, article feeds and keyword listings."""

from __future__ import annotations

from django.urls import path

from . import views
from .feeds import ArticleAtomFeed, ArticleFeed

app_name = "home"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("feeds/articles/", ArticleFeed(), name="feed_rss"),
    path("feeds/articles/atom/", ArticleAtomFeed(), name="feed_atom"),
    path("tags/<str:slug>/", views.article_tag, name="article_tag"),
]
