from django.urls import path

from portal import views

urlpatterns = [
    path("api/projects", views.projects),
    path("api/projects/<int:pk>", views.project_detail),
    path("api/reports", views.reports),
    path("api/session", views.session_info),
]
