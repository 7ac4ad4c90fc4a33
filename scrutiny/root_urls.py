"""Root URLs: each app's pages under its own namespace, Django's sign-in, the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from partnerships.forms import SignInForm
from scrutiny import views

urlpatterns = [
    path("", include("scrutiny.urls")),
    path("", include("recommendations.urls")),
    path("", include("partnerships.urls")),
    path("theme.css", views.theme_css, name="theme-css"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", authentication_form=SignInForm
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
