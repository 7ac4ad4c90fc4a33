from django.urls import path

from recommendations import audit_views, views

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
    path(
        "recommendations/<int:pk>/history/",
        audit_views.recommendation_history_view,
        name="recommendation-history",
    ),
    path(
        "recommendations/<int:pk>/delete/",
        audit_views.recommendation_delete,
        name="recommendation-delete",
    ),
    path(
        "recommendations/<int:pk>/restore/",
        audit_views.recommendation_restore,
        name="recommendation-restore",
    ),
    path("updates/<int:pk>/delete/", audit_views.update_delete, name="update-delete"),
    path("updates/<int:pk>/restore/", audit_views.update_restore, name="update-restore"),
    path("deleted/", audit_views.deleted_list, name="deleted-list"),
]
