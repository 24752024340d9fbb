from django.urls import path

from .views import bank, dashboard, queue, reviews

app_name = "mentoring"

urlpatterns = [
    path("", queue.queue_view, name="queue"),
    path("next/", queue.claim_next_view, name="claim_next"),
    path("reviews/<int:pk>/", reviews.review_view, name="review"),
    path("reviews/<int:pk>/claim/", queue.claim_view, name="claim"),
    path("feedback/<int:pk>/", reviews.feedback_thread_view, name="feedback_thread"),
    path("dashboard/", dashboard.dashboard_view, name="dashboard"),
    path("settings/", dashboard.settings_view, name="settings"),
    path("comments/", bank.bank_list, name="bank"),
    path("comments/<int:pk>/", bank.bank_edit, name="bank_edit"),
    path("comments/<int:pk>/delete/", bank.bank_delete, name="bank_delete"),
]
