"""Site-level pages and settings.

`HomePage` is the site root; `StandardPage` is a plain content page (about,
privacy, access). `SiteSettings` holds what editors change about the
organisation without a deploy.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class HomePage(Page):
    hero_heading = models.CharField(_("Hero heading"), max_length=120, blank=True)
    hero_text = models.TextField(_("Hero text"), blank=True)
    hero_cta_label = models.CharField(_("Button label"), max_length=40, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Button link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("hero_cta_label"),
        FieldPanel("hero_cta_page"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Home page")
        verbose_name_plural = _("Home page")


class StandardPage(Page):
    intro = models.TextField(_("Introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("Standard page")
        verbose_name_plural = _("Standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(_("Organisation name"), max_length=120, default="つなぐ")
    tagline = models.CharField(_("Tagline"), max_length=200, blank=True)
    footer_text = RichTextField(_("Footer text"), blank=True, features=["bold", "italic", "link"])
    contact_email = models.EmailField(_("Contact e-mail"), blank=True)

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        FieldPanel("footer_text"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("Site settings")
        verbose_name_plural = _("Site settings")
