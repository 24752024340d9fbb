"""The site's URLs plus the benchmark's baseline B0, used only inside `manage.py bench`
(through `override_settings(ROOT_URLCONF=...)`): the site itself never serves it."""

from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as site_urlpatterns

B0_PATH = "/__bench__/ok/"


def ok(request):
    """B0: the cheapest response that still passes through the whole middleware stack."""
    return HttpResponse("ok")


urlpatterns = [path(B0_PATH.strip("/") + "/", ok, name="bench_ok"), *site_urlpatterns]
