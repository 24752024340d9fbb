"""Models of the site app, re-exported here: `from home.models import InterviewPage`."""

from .articles import ArticleIndexPage, ArticlePage, ArticlePageTag, InterviewPage
from .news import NewsPage, RegistrationFormField
from .pages import HomePage, SiteSettings, StandardPage

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTag",
    "HomePage",
    "InterviewPage",
    "NewsPage",
    "RegistrationFormField",
    "SiteSettings",
    "StandardPage",
]
