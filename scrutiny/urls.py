from django.urls import path

from scrutiny.views import (
    calendars,
    chasing,
    committees,
    decisions,
    downloads,
    due,
    follows,
    health,
    home,
    meetings,
    opendata,
    outbox,
    packs,
    record,
    reviews,
    search,
    session,
    statement,
)

app_name = "scrutiny"

urlpatterns: list = []

# Home, committees, meetings, agenda items and agreed actions.
urlpatterns += [
    path("", home.home, name="home"),
    path("session/keep-alive/", session.session_keep_alive, name="session-keep-alive"),
    path("home/councils/", home.home_council_list, name="home-council-list"),
    path("updates-owed/", home.update_owed_list, name="update-owed-list"),
    # A calendar app cannot sign in: the secret token in the address says whose it is.
    path(
        "updates-owed/calendar/<str:token>.ics", calendars.update_owed_ics, name="update-owed-ics"
    ),
    path("committees/", committees.committee_list, name="committee-list"),
    path("committees/new/", committees.committee_create, name="committee-create"),
    path("committees/<int:pk>/", committees.committee_detail, name="committee-detail"),
    path("committees/<int:pk>/edit/", committees.committee_edit, name="committee-edit"),
    *[
        path(
            f"committees/<int:pk>/{what}.{kind}",
            view,
            {"kind": kind},
            name=f"committee-{what}-{kind}",
        )
        for what, view in (
            ("recommendations", committees.committee_recommendations_download),
            ("actions", committees.committee_actions_download),
        )
        for kind in ("csv", "xlsx")
    ],
    path(
        "committees/<int:pk>/meetings.ics",
        calendars.committee_meetings_ics,
        name="committee-meetings-ics",
    ),
    path("committees/<int:pk>/meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/items/new/", meetings.item_create, name="item-create"),
    path("items/<int:pk>/edit/", meetings.item_edit, name="item-edit"),
    path("meetings/<int:pk>/actions/new/", meetings.action_create, name="action-create"),
    path("actions/<int:pk>/edit/", meetings.action_edit, name="action-edit"),
]

# Scrutiny reviews, and executive decisions referred to scrutiny.
urlpatterns += [
    path("reviews/", reviews.review_list, name="review-list"),
    path("reviews/new/", reviews.review_create, name="review-create"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review-detail"),
    path("reviews/<int:pk>/edit/", reviews.review_edit, name="review-edit"),
    path("decisions/", decisions.decision_list, name="decision-list"),
    path("decisions/new/", decisions.decision_create, name="decision-create"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/edit/", decisions.decision_edit, name="decision-edit"),
]

# The meeting cycle: what is due at a meeting, and a committee's work programme.
urlpatterns += [
    path("meetings/<int:pk>/due/", due.meeting_due, name="meeting-due"),
    path(
        "committees/<int:pk>/work-programme/",
        due.committee_work_programme,
        name="committee-work-programme",
    ),
]

# The meeting cycle's lists and the review list as files, with the page's filters.
urlpatterns += [
    path(f"{address}.{kind}", view, {"kind": kind}, name=f"{name}-{kind}")
    for address, view, name in (
        ("meetings/<int:pk>/actions", downloads.meeting_actions_download, "meeting-actions"),
        ("meetings/<int:pk>/due", downloads.meeting_due_download, "meeting-due"),
        (
            "committees/<int:pk>/work-programme",
            downloads.committee_work_programme_download,
            "committee-work-programme",
        ),
        ("updates-owed/download", downloads.update_owed_download, "update-owed-list"),
        ("reviews/download", downloads.review_list_download, "review-list"),
        ("decisions/download", downloads.decision_list_download, "decision-list"),
        ("committees/download", downloads.committee_list_download, "committee-list"),
    )
    for kind in ("csv", "xlsx")
]

# Meeting packs and review trackers for print and appendices.
urlpatterns += [
    path("meetings/<int:pk>/pack/", packs.meeting_pack_page, name="meeting-pack"),
    path("meetings/<int:pk>/pack.pdf", packs.meeting_pack_pdf, name="meeting-pack-pdf"),
    path("reviews/<int:pk>/tracker.pdf", packs.review_tracker_pdf, name="review-tracker-pdf"),
    path("reviews/<int:pk>/tracker.xlsx", packs.review_tracker_xlsx, name="review-tracker-xlsx"),
    path("reviews/<int:pk>/tracker.csv", packs.review_tracker_csv, name="review-tracker-csv"),
]

# Recording what happened at a meeting, item by item.
urlpatterns += [
    path("meetings/<int:pk>/record/", record.meeting_record_page, name="meeting-record"),
]

# Search across everything a reader may see.
urlpatterns += [
    path("search/", search.search_page, name="search"),
    path("search/results.csv", search.search_download, {"kind": "csv"}, name="search-csv"),
    path("search/results.xlsx", search.search_download, {"kind": "xlsx"}, name="search-xlsx"),
]

# The accessibility statement, linked from every page's footer.
urlpatterns += [
    path("accessibility/", statement.accessibility_statement, name="accessibility"),
]

# Open data: the public datasets as files, under the Open Government Licence.
urlpatterns += [
    path("open-data/", opendata.open_data, name="open-data"),
    path("open-data/api/", opendata.api_docs, name="api-docs"),
    path("open-data/<slug:dataset>.<slug:fmt>", opendata.open_data_file, name="open-data-file"),
]

# A trivial page for load tests and load balancers: "ok", with no database query.
urlpatterns += [
    path("health/", health.health, name="health"),
    path("healthz", health.healthz, name="healthz"),
]

# Every email sent, queued or failed (democratic services and administrators).
urlpatterns += [
    path("reviews/<int:pk>/follow/", follows.review_follow, name="review-follow"),
    path("committees/<int:pk>/follow/", follows.committee_follow, name="committee-follow"),
    path("follows/confirm/<str:signed>/", follows.follow_confirm_view, name="follow-confirm"),
    path(
        "follows/unsubscribe/<str:token>/",
        follows.follow_unsubscribe_view,
        name="follow-unsubscribe",
    ),
    path("outbox/", outbox.outbox_list, name="outbox-list"),
    path("outbox/<int:pk>/send-again/", outbox.outbox_resend_view, name="outbox-resend"),
    path("chasing/", chasing.chasing_edit, name="chasing-edit"),
]
