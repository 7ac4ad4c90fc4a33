from django.urls import path

app_name = "scrutiny"

urlpatterns: list = []
