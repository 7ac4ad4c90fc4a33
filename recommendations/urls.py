from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("recommendations/", views.recommendation_list, name="recommendation-list"),
    path(
        "reviews/<int:review_pk>/recommendations/new/",
        views.recommendation_create,
        name="recommendation-create",
    ),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation-detail"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation-edit"),
    path("recommendations/<int:pk>/response/", views.response_edit, name="response-edit"),
    path("reviews/<int:review_pk>/updates/new/", views.update_create, name="update-create"),
    path("updates/<int:pk>/", views.update_detail, name="update-detail"),
]
