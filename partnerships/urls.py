from django.urls import path

from partnerships.views import organisations

app_name = "partnerships"

urlpatterns = [
    path("organisations/", organisations.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation-edit"),
    *[
        path(
            f"organisations/<int:pk>/{what}.{kind}",
            view,
            {"kind": kind},
            name=f"organisation-{what}-{kind}",
        )
        for what, view in (
            ("recommendations", organisations.organisation_recommendations_download),
            ("actions", organisations.organisation_actions_download),
        )
        for kind in ("csv", "xlsx")
    ],
    *[
        path(
            f"organisations/download.{kind}",
            organisations.organisation_list_download,
            {"kind": kind},
            name=f"organisation-list-{kind}",
        )
        for kind in ("csv", "xlsx")
    ],
]
