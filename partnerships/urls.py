from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    *[
        path(
            f"organisations/<int:pk>/{what}.{kind}",
            view,
            {"kind": kind},
            name=f"organisation-{what}-{kind}",
        )
        for what, view in (
            ("recommendations", views.organisation_recommendations_download),
            ("actions", views.organisation_actions_download),
        )
        for kind in ("csv", "xlsx")
    ],
]
