from django.urls import path

from recommendations.views import (
    audit,
    bulk,
    corrections,
    imports,
    recommendations,
    signoff,
    status_words,
    update_requests,
    updates,
)

app_name = "recommendations"

urlpatterns = [
    path("update-requests/", update_requests.update_request_list, name="update-request-list"),
    path(
        "update-requests/<int:pk>/",
        update_requests.update_request_detail,
        name="update-request-detail",
    ),
    path(
        "update-requests/respond/<str:token>/",
        update_requests.update_request_respond,
        name="update-request-respond",
    ),
    path("recommendations/", recommendations.recommendation_list, name="recommendation-list"),
    path(
        "recommendations/download.csv",
        recommendations.recommendation_list_download,
        {"kind": "csv"},
        name="recommendation-list-csv",
    ),
    path(
        "recommendations/download.xlsx",
        recommendations.recommendation_list_download,
        {"kind": "xlsx"},
        name="recommendation-list-xlsx",
    ),
    path(
        "reviews/<int:review_pk>/recommendations/new/",
        recommendations.recommendation_create,
        name="recommendation-create",
    ),
    path(
        "reviews/<int:review_pk>/recommendations/paste/",
        bulk.recommendations_paste,
        name="recommendation-paste",
    ),
    path(
        "reviews/<int:review_pk>/responses/edit/",
        bulk.responses_edit,
        name="review-responses-edit",
    ),
    path(
        "recommendations/<int:pk>/",
        recommendations.recommendation_detail,
        name="recommendation-detail",
    ),
    path(
        "recommendations/<int:pk>/edit/",
        recommendations.recommendation_edit,
        name="recommendation-edit",
    ),
    path("recommendations/<int:pk>/response/", recommendations.response_edit, name="response-edit"),
    path("reviews/<int:review_pk>/updates/new/", updates.update_create, name="update-create"),
    path("updates/<int:pk>/", updates.update_detail, name="update-detail"),
    path("updates/<int:pk>/edit/", corrections.update_edit, name="update-edit"),
    path(
        "recommendations/<int:pk>/history/",
        audit.recommendation_history_view,
        name="recommendation-history",
    ),
    path(
        "recommendations/<int:pk>/delete/",
        audit.recommendation_delete,
        name="recommendation-delete",
    ),
    path(
        "recommendations/<int:pk>/restore/",
        audit.recommendation_restore,
        name="recommendation-restore",
    ),
    path("updates/<int:pk>/delete/", audit.update_delete, name="update-delete"),
    path("updates/<int:pk>/restore/", audit.update_restore, name="update-restore"),
    path("deleted/", audit.deleted_list, name="deleted-list"),
    *[
        path(
            f"deleted/download.{kind}",
            audit.deleted_list_download,
            {"kind": kind},
            name=f"deleted-list-{kind}",
        )
        for kind in ("csv", "xlsx")
    ],
    path(
        "councils/<int:pk>/status-words/",
        status_words.status_words_edit,
        name="status-words-edit",
    ),
    path("imports/new/", imports.import_create, name="import-create"),
    path("imports/<int:pk>/", imports.import_map, name="import-map"),
    path("imports/<int:pk>/preview/", imports.import_preview, name="import-preview"),
    path("imports/<int:pk>/columns/", imports.import_mapping_use, name="import-mapping-use"),
    path("imports/<int:pk>/bodies/", imports.import_bodies, name="import-bodies"),
    path("imports/<int:pk>/progress/", imports.import_progress, name="import-progress"),
    path(
        "import-mappings/<int:pk>/delete/",
        imports.import_mapping_delete,
        name="import-mapping-delete",
    ),
    path(
        "proposals/<int:pk>/withdraw/",
        signoff.proposal_withdraw,
        name="proposal-withdraw",
    ),
]
