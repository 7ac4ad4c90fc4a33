from django.urls import path

from partnerships.views import accounts, organisations, own_account

app_name = "partnerships"

urlpatterns = [
    path("account/", own_account.account_detail, name="account-detail"),
    path("account/edit/", own_account.account_edit, name="account-edit"),
    path("users/", accounts.user_list, name="user-list"),
    path("users/new/", accounts.user_create, name="user-create"),
    path("users/<int:pk>/", accounts.user_detail, name="user-detail"),
    path("users/<int:pk>/edit/", accounts.user_edit, name="user-edit"),
    path("users/<int:pk>/deactivate/", accounts.user_deactivate, name="user-deactivate"),
    path("users/<int:pk>/reactivate/", accounts.user_reactivate, name="user-reactivate"),
    path(
        "users/<int:pk>/two-factor/reset/",
        accounts.user_two_factor_reset,
        name="user-two-factor-reset",
    ),
    path("users/<int:pk>/invite/", accounts.user_invitation_resend, name="user-invite"),
    path(
        "invitations/<uidb64>/<token>/",
        accounts.InvitationAccept.as_view(),
        name="invitation-accept",
    ),
    path("organisations/", organisations.organisation_list, name="organisation-list"),
    path("organisations/new/", organisations.organisation_create, name="organisation-create"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation-edit"),
    path(
        "organisations/<int:pk>/aliases/",
        organisations.organisation_aliases_edit,
        name="organisation-aliases-edit",
    ),
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
