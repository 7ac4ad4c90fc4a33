"""Load the demo data (``scrutiny.demo_data``) and the demo accounts into the database.

Loading is idempotent: every row is looked up by its natural key (deleted ones included)
and brought back to the demo's values, saved only when one differs, so running it again
duplicates nothing, writes no history, and repairs demo rows that were edited. Rows the
demo does not know about are left alone, and a demo row someone deleted stays deleted.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils import timezone

from partnerships.models import Organisation, OrganisationAlias, PartnershipFunction, User
from recommendations.models import ProgressUpdate, Recommendation, StatusWord, UpdateEntry
from recommendations.services import timeline_rebuild
from scrutiny import demo_data as data
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    """Whether ``obj``'s field ``name`` holds something other than ``value`` (a related row
    compares by id, without fetching it)."""
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


class _Loader:
    """Creates or updates rows by natural key, counting what it created."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.organisations: dict[str, Organisation] = {}
        self.committees: dict[tuple[str, str], Committee] = {}
        self.meetings: dict[str, Meeting] = {}
        self.items: dict[tuple[str, int], AgendaItem] = {}
        self.reviews: dict[tuple[tuple[str, str], str], Review] = {}
        self.recommendations: dict[tuple[tuple[str, str], str], dict[int, Recommendation]] = {}
        self.users: dict[str, User] = {}

    def put(self, model: type[models.Model], defaults: dict[str, Any], **key: Any):
        """The row ``key`` names, created with ``defaults`` or brought back to them."""
        try:
            obj = model._base_manager.get(**key)
        except model.DoesNotExist:
            self.created[model._meta.verbose_name_plural] += 1
            return model._base_manager.create(**key, **defaults)
        changed = [name for name, value in defaults.items() if _differs(obj, name, value)]
        if changed:
            for name in changed:
                setattr(obj, name, defaults[name])
            obj.save(update_fields=changed)
        return obj

    def org(self, name: str | None) -> Organisation | None:
        return self.organisations[name] if name else None

    def load(self) -> None:
        self.load_organisations()
        self.load_accounts()
        self.load_committees()
        self.load_meetings()
        self.load_reviews()
        self.load_items()
        self.load_recommendations()
        self.load_decisions()
        self.load_agreed_actions()
        self.load_updates()
        self.load_status_words()
        # Written row by row above, not through the services: their timelines at the end.
        timeline_rebuild(
            recommendations=[r for recs in self.recommendations.values() for r in recs.values()]
        )

    def load_organisations(self) -> None:
        # Hosts and members are other organisations: create every one before linking them.
        for row in data.ORGANISATIONS:
            self.organisations[row["name"]] = self.put(
                Organisation,
                {
                    "short_name": row.get("short_name", ""),
                    "kind": row["kind"],
                    "description": row.get("description", ""),
                    "website": row.get("website", ""),
                    "legal_basis": row.get("legal_basis", ""),
                    "established_year": row.get("established_year"),
                },
                name=row["name"],
            )
        for row in data.ORGANISATIONS:
            org = self.organisations[row["name"]]
            host = self.org(row.get("host"))
            if org.host_id != (host.pk if host else None):
                org.host = host
                org.save(update_fields=["host"])
            org.members.set([self.organisations[m] for m in row.get("members", [])])
            for alias in row.get("aliases", []):
                self.put(OrganisationAlias, {"organisation": org}, name=alias)
            for position, name in enumerate(row.get("functions", []), start=1):
                self.put(PartnershipFunction, {"position": position}, partnership=org, name=name)

    def load_accounts(self) -> None:
        for row in data.ACCOUNTS:
            superuser = row.get("superuser", False)
            user = self.put(
                User,
                {
                    "first_name": row["first_name"],
                    "last_name": row["last_name"],
                    "email": f"{row['username']}@example.org",
                    "job_title": row["job_title"],
                    "organisation": self.org(row["organisation"]),
                    "is_active": True,
                    "is_staff": superuser,
                    "is_superuser": superuser,
                },
                username=row["username"],
            )
            # Checked every run, so the documented password always works; saved only when
            # it changed, so that loading again writes nothing (accounts keep a history).
            if not user.check_password(data.DEMO_PASSWORD):
                user.set_password(data.DEMO_PASSWORD)
                user.save(update_fields=["password"])
            groups = [Group.objects.get_or_create(name=row["role"])[0]] if row["role"] else []
            user.groups.set(groups)
            self.users[row["username"]] = user

    def load_committees(self) -> None:
        for row in data.COMMITTEES:
            council, name = row["key"]
            self.committees[row["key"]] = self.put(
                Committee,
                {
                    "kind": row["kind"],
                    "chair": row["chair"],
                    "vice_chair": row["vice_chair"],
                    "remit": row["remit"],
                },
                council=self.organisations[council],
                name=name,
            )

    def load_meetings(self) -> None:
        for key, row in data.MEETINGS.items():
            self.meetings[key] = self.put(
                Meeting,
                {"venue": row["venue"], "cancelled": False},
                committee=self.committees[row["committee"]],
                date=row["date"],
                start_time=row["start_time"],
            )

    def load_reviews(self) -> None:
        for row in data.REVIEWS:
            key = (row["committee"], row["title"])
            self.reviews[key] = self.put(
                Review,
                {
                    "report_title": row["report_title"],
                    "summary": row["summary"],
                    "lead_member": row["lead_member"],
                    "status": row["status"],
                    "published": row["published"],
                    "started_on": row["started_on"],
                    "report_agreed_on": row["report_agreed_on"],
                    "response_received_on": row["response_received_on"],
                    "response_meeting": (
                        self.meetings[row["response_meeting"]] if row["response_meeting"] else None
                    ),
                },
                committee=self.committees[row["committee"]],
                title=row["title"],
            )

    def load_items(self) -> None:
        for key, row in data.MEETINGS.items():
            for item in row["items"]:
                self.items[(key, item["number"])] = self.put(
                    AgendaItem,
                    {
                        "title": item["title"],
                        "description": item.get("description", ""),
                        "review": self.reviews[item["review"]] if item.get("review") else None,
                        "exempt": item.get("exempt", False),
                        "exempt_reason": item.get("exempt_reason", ""),
                    },
                    meeting=self.meetings[key],
                    number=item["number"],
                )

    def load_recommendations(self) -> None:
        for row in data.REVIEWS:
            key = (row["committee"], row["title"])
            review = self.reviews[key]
            self.recommendations[key] = {}
            for rec in row["recommendations"]:
                obj = self.put(
                    Recommendation,
                    {
                        "title": rec["title"],
                        "text": rec["text"],
                        "response": rec["response"],
                        "response_text": rec["response_text"],
                        "lead_officer": rec["lead_officer"],
                        "target_date": rec["target_date"],
                        "directorate": rec["more"].get("directorate", ""),
                        "decision_maker": rec["more"].get("decision_maker", ""),
                        "expected_outcome": rec["more"].get("expected_outcome", ""),
                    },
                    review=review,
                    reference=rec["reference"],
                )
                obj.responsible_bodies.set(
                    [self.organisations[name] for name in rec["responsible_bodies"]]
                )
                self.recommendations[key][rec["reference"]] = obj

    def load_decisions(self) -> None:
        for row in data.DECISIONS:
            decision = self.put(
                ExecutiveDecision,
                {
                    "decided_on": row["decided_on"],
                    "title": row["title"],
                    "summary": row["summary"],
                    "referred_to": self.committees[row["referred_to"]],
                    "referred_to_item": self.items[row["referred_to_item"]],
                },
                decided_by=self.committees[row["decided_by"]],
                minute_number=row["minute_number"],
            )
            for kind, texts in (
                (DecisionPoint.Kind.RESOLUTION, row["resolutions"]),
                (DecisionPoint.Kind.REASON, row["reasons"]),
            ):
                for number, text in enumerate(texts, start=1):
                    self.put(
                        DecisionPoint, {"text": text}, decision=decision, kind=kind, number=number
                    )

    def load_agreed_actions(self) -> None:
        for row in data.AGREED_ACTIONS:
            meeting_key = row["meeting"]
            self.put(
                AgreedAction,
                {
                    "item": self.items[(meeting_key, row["item"])],
                    "review": self.reviews[row["review"]],
                    "falls_to": row["falls_to"],
                    "falls_to_organisation": self.org(row["falls_to_organisation"]),
                    "due_on": row["due_on"],
                    "due_meeting": self.meetings.get(row["due_meeting"]),
                    "delivered_on": row["delivered_on"],
                    "delivered_meeting": self.meetings.get(row["delivered_meeting"]),
                },
                meeting=self.meetings[meeting_key],
                text=row["text"],
            )

    def load_updates(self) -> None:
        for position, row in enumerate(data.UPDATES):
            item = self.items[row["item"]] if row["item"] else None
            # Same-day updates are ordered by created_at; fix it so the order (and so the
            # status it derives) is the data's, not the clock's.
            created_at = timezone.make_aware(
                datetime.datetime.combine(row["given_on"], datetime.time(12, 0))
                + datetime.timedelta(minutes=position)
            )
            update = self.put(
                ProgressUpdate,
                {
                    "kind": row["kind"],
                    "given_by_name": row.get("given_by_name", ""),
                    "summary": row["summary"],
                    "recorded_by": self.users.get(row["recorded_by"]),
                    "created_at": created_at,
                },
                given_on=item.meeting.date if item else row["given_on"],
                organisation=self.organisations[row["organisation"]],
                given_by_role=row["given_by_role"],
                item=item,
            )
            recommendations = self.recommendations[row["review"]]
            for entry in row["entries"]:
                self.put(
                    UpdateEntry,
                    {
                        "text": entry["text"],
                        "new_status": entry["new_status"],
                        "revised_target_date": entry["revised_target_date"],
                        "reason": entry["reason"],
                    },
                    update=update,
                    recommendation=recommendations[entry["reference"]],
                )

    def load_status_words(self) -> None:
        for council, words in data.STATUS_WORDS.items():
            for status, label, label_cy in words:
                self.put(
                    StatusWord,
                    {"label": label, "label_cy": label_cy},
                    council=self.organisations[council],
                    status=status,
                )

    def accounts(self) -> list[dict[str, str]]:
        return [
            {
                "username": user.username,
                "name": user.get_full_name(),
                "role": user.role_label,
                "organisation": user.organisation.name if user.organisation else "",
                "password": data.DEMO_PASSWORD,
            }
            for user in (User.objects.get(pk=u.pk) for u in self.users.values())
        ]


@transaction.atomic
def demo_load() -> dict[str, Any]:
    """Load the demo data and accounts, all or nothing, creating only what is missing.

    Returns ``accounts`` (username, name, role, organisation, password of each demo
    account) and ``created`` (how many rows of each kind this run created: empty when the
    demo was already loaded).
    """
    loader = _Loader()
    loader.load()
    return {"accounts": loader.accounts(), "created": dict(loader.created)}
