"""The home page's demo text and the site settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wagtail.models import Site

from courses.models import CourseIndexPage
from home.models import HomePage, SiteSettings

if TYPE_CHECKING:
    from . import DemoContext


def load(ctx: DemoContext) -> None:
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get(pk=site.root_page_id)
    wanted = {
        "title": "つなぐ",
        "hero_heading": "地域で学ぶ、フリーランスのはじめの一歩",
        "hero_text": (
            "Webライティング、提案文、見積もり、デザイン、プログラミング。\n"
            "入門から上級まで、自宅で学び、メンターの添削を受けながら、仕事につながる力を身につけましょう。"
        ),
        "hero_cta_label": "コースを探す",
    }
    if any(getattr(home, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(home, name, value)
        home.save_revision().publish()
    site.site_name = "つなぐ"
    site.save(update_fields=["site_name"])
    ctx.pages["home"] = home

    settings = SiteSettings.for_site(site)
    settings.organisation_name = "つなぐ フリーランス学習プログラム"
    settings.tagline = "地域のフリーランスを、学びと仲間でつなぐ"
    settings.footer_text = (
        "<p>つなぐは、町のフリーランス育成事業として運営している学習サイトです。"
        "講座・課題・相談会はすべて無料で参加できます。</p>"
    )
    settings.contact_email = "info@example.jp"
    settings.save()


def link_hero(ctx: DemoContext) -> None:
    """Point the home page's button at the course catalog, once the catalog exists."""
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get(pk=site.root_page_id)
    catalog = CourseIndexPage.objects.child_of(home).first()
    if catalog is not None and home.hero_cta_page_id != catalog.pk:
        home.hero_cta_page = catalog
        home.save_revision().publish()
