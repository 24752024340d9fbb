from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("learn/", views.DashboardView.as_view(), name="dashboard"),
    path("learn/courses/<int:course_id>/enrol/", views.EnrolView.as_view(), name="enrol"),
    path("learn/courses/<int:course_id>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("learn/courses/<int:course_id>/continue/", views.ContinueView.as_view(), name="continue"),
    path("learn/steps/<int:step_id>/complete/", views.MarkCompleteView.as_view(), name="mark_complete"),
    path("learn/join/<str:code>/", views.CohortInviteView.as_view(), name="cohort_invite"),
    path("certificates/<str:code>/", views.CertificateView.as_view(), name="certificate"),
    path("certificates/<str:code>/print/", views.CertificatePrintView.as_view(), name="certificate_print"),
]
