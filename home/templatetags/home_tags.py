from __future__ import annotations

from django import template
from django.conf import settings

from home.models import SiteSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def site_name(context) -> str:
    """The organisation's name from site settings, falling back to WAGTAIL_SITE_NAME."""
    request = context.get("request")
    if request is not None:
        name = SiteSettings.for_request(request).organisation_name
        if name:
            return name
    return settings.WAGTAIL_SITE_NAME


@register.filter
def is_mentor(user) -> bool:
    """True for members of the Mentors group and for superusers."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name="Mentors").exists()
