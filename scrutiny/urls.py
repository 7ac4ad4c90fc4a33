from django.urls import path

from scrutiny import search_views, statement_views, views

app_name = "scrutiny"

urlpatterns: list = []

# Home, committees, meetings, agenda items and agreed actions.
urlpatterns += [
    path("", views.home, name="home"),
    path("committees/", views.committee_list, name="committee-list"),
    path("committees/new/", views.committee_create, name="committee-create"),
    path("committees/<int:pk>/", views.committee_detail, name="committee-detail"),
    path("committees/<int:pk>/edit/", views.committee_edit, name="committee-edit"),
    path("committees/<int:pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/items/new/", views.item_create, name="item-create"),
    path("items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("meetings/<int:pk>/actions/new/", views.action_create, name="action-create"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
]

# Scrutiny reviews, and executive decisions referred to scrutiny.
urlpatterns += [
    path("reviews/", views.review_list, name="review-list"),
    path("reviews/new/", views.review_create, name="review-create"),
    path("reviews/<int:pk>/", views.review_detail, name="review-detail"),
    path("reviews/<int:pk>/edit/", views.review_edit, name="review-edit"),
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/new/", views.decision_create, name="decision-create"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision-edit"),
]

# The meeting cycle: what is due at a meeting, and a committee's work programme.
urlpatterns += [
    path("meetings/<int:pk>/due/", views.meeting_due, name="meeting-due"),
    path(
        "committees/<int:pk>/work-programme/",
        views.committee_work_programme,
        name="committee-work-programme",
    ),
]

# Meeting packs and review trackers for print and appendices.
urlpatterns += [
    path("meetings/<int:pk>/pack/", views.meeting_pack_page, name="meeting-pack"),
    path("meetings/<int:pk>/pack.pdf", views.meeting_pack_pdf, name="meeting-pack-pdf"),
    path("reviews/<int:pk>/tracker.pdf", views.review_tracker_pdf, name="review-tracker-pdf"),
    path("reviews/<int:pk>/tracker.xlsx", views.review_tracker_xlsx, name="review-tracker-xlsx"),
]

# Recording what happened at a meeting, item by item.
urlpatterns += [
    path("meetings/<int:pk>/record/", views.meeting_record_page, name="meeting-record"),
]

# Search across everything a reader may see.
urlpatterns += [
    path("search/", search_views.search_page, name="search"),
]

# The accessibility statement, linked from every page's footer.
urlpatterns += [
    path("accessibility/", statement_views.accessibility_statement, name="accessibility"),
]
