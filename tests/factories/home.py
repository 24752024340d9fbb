from __future__ import annotations

import factory
import wagtail_factories

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "つなぐ"
    hero_heading = "地域で学ぶ、フリーランスのはじめの一歩"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"ページ {n}")
    intro = "このページの説明です。"
