"""Root URLs: each app's pages under its own namespace, Django's sign-in (with two-factor
sign-in, which the admin's own sign-in page leads to), change of
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

from partnerships.forms import ChangePasswordForm
from partnerships.views import two_factor
from partnerships.views.passwords import PasswordResetRequest, PasswordResetSet
from scrutiny.views import home
from scrutiny.views.api import api

# The admin's own sign-in would take a password alone: it sends people to the site's
# sign-in, which asks for the second factor (set before admin.site.urls builds its URLs).
admin.site.login = two_factor.admin_sign_in

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
    path("accounts/login/", two_factor.SignIn.as_view(), name="login"),
    # Two-factor sign-in: the code after the password, and looking after one's own.
    path("accounts/login/code/", two_factor.sign_in_code, name="login-code"),
    path("accounts/two-factor/", two_factor.two_factor_overview, name="two-factor"),
    path("accounts/two-factor/set-up/", two_factor.two_factor_set_up, name="two-factor-set-up"),
    path(
        "accounts/two-factor/recovery-codes/",
        two_factor.two_factor_recovery_codes,
        name="two-factor-recovery-codes",
    ),
    path(
        "accounts/two-factor/remove/",
        two_factor.two_factor_remove_page,
        name="two-factor-remove",
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
