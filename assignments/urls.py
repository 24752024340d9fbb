from django.urls import path

from . import views

app_name = "assignments"

urlpatterns = [
    path("assignments/<int:page_id>/save/", views.save, name="save"),
    path("assignments/<int:page_id>/autosave/", views.autosave, name="autosave"),
    path("assignments/submissions/", views.my_submissions, name="my_submissions"),
    path("assignments/submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("assignments/submissions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("assignments/submissions/<int:pk>/revise/", views.start_revision, name="start_revision"),
    path("assignments/files/<uuid:key>/", views.download, name="file_download"),
    path("assignments/files/<uuid:key>/remove/", views.remove_file, name="file_remove"),
]
