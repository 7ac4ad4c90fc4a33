"""Root URLs: each app's pages under its own namespace, Django's sign-in, change of
password and reset of a forgotten one by email, the admin, and the error pages' views.

Every page for people is in English at its plain URL and in Welsh under /cy/ (the same path
after the prefix). Outside the language prefix: theme.css (the same for both) and the
JSON API (/api/v1/), whose field names are English for every reader, and the
Django admin, a tool for the few administrators, kept at one address in English so its
URLs, its staff-only rule and its own sign-in do not double up.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from partnerships.forms import ChangePasswordForm, SignInForm
from partnerships.views.passwords import PasswordResetRequest, PasswordResetSet
from scrutiny.views import home
from scrutiny.views.api import api

urlpatterns = [
    path("theme.css", home.theme_css, name="theme-css"),
    path("admin/", admin.site.urls),
    # The read-only JSON API: field names in English, one address for every language.
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("scrutiny.urls")),
    path("", include("recommendations.urls")),
    path("", include("partnerships.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", authentication_form=SignInForm
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=ChangePasswordForm),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Resetting a forgotten password by email: Django's views, token and page names.
    path("accounts/password/reset/", PasswordResetRequest.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        PasswordResetSet.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    prefix_default_language=False,
)

# The 500 page is drawn without the request or the database: whatever failed may be one of
# them.
handler400 = "scrutiny.errors.bad_request"
handler500 = "scrutiny.errors.server_error"
