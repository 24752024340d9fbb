from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    # Every login, the admin's included, goes through allauth and its rate limits.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/profile/", home_views.ProfileView.as_view(), name="profile"),
    path("accounts/", include("allauth.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    path("mentor/", include("mentoring.urls")),
    path("", include("assignments.urls")),
    path("", include("courses.urls")),
    path("", include("home.urls")),
]

if settings.DEBUG or settings.LMS_SERVE_MEDIA:
    from django.views.static import serve

    # Public media (images, renditions, documents' files). Learners' private
    # files are never here. Behind a web server or S3, leave LMS_SERVE_MEDIA off.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]
