"""One generated council: its committees, meetings, reviews, recommendations, updates,
agreed actions and executive decisions."""

from __future__ import annotations

import bisect
import datetime

from dateutil.relativedelta import relativedelta

from partnerships.models import Organisation
from recommendations.models import (
    ProgressUpdate,
    Recommendation,
    Response,
    Status,
    UpdateEntry,
    UpdateKind,
)
from scrutiny.benchmarking.base import (
    COMMITTEES,
    END,
    HISTORY_END,
    STANDARD_ITEMS,
    START,
    THEMES,
    WORDS,
    WORKFORCE,
    days,
    deleted_fields,
    in_batches,
    place,
    share,
)
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)


class CouncilWorld:
    """One council's committees, meetings, reviews and everything that hangs from them."""

    def __init__(self, generator, council: Organisation, index: int):
        self.g, self.rng, self.council, self.index = generator, generator.rng, council, index
        size, n = generator.size, generator.size.councils
        self.n_meetings = share(size.meetings, n, index)
        self.n_reviews = share(size.reviews, n, index)
        self.n_recommendations = share(size.recommendations, n, index)
        self.entries_per_rec = size.entries / size.recommendations
        partners = generator.partners
        # The first partner body carries a large share of every council's recommendations
        # (the regional partnership); a few others each carry some of this council's.
        self.partners = [partners[0]] + self.rng.sample(partners[1:], min(4, len(partners) - 1))
        self.democratic = generator.democratic.get(council.pk)
        self.items: list[AgendaItem] = []
        self.next_number: dict[int, int] = {}
        self.made: dict[str, int] = {}

    def every(self, kind: str, n: int) -> bool:
        """True once in every ``n`` calls for ``kind`` (the third, so that a small world has
        one too): a fixed share of drafts, exempt items and deleted records."""
        made = self.made.get(kind, 0)
        self.made[kind] = made + 1
        return made % n == 2

    def build(self) -> None:
        self.committees()
        self.meetings()
        reviews = self.reviews()
        self.decisions_planned = self.plan_decisions()
        plans = [self.plan_review(review) for review in reviews]
        in_batches(AgendaItem, self.items)
        self.g.count("agenda items", len(self.items))
        self.recommendations(plans)
        self.updates(plans)
        self.decisions()

    # --- committees and meetings ----------------------------------------------------------
    def committees(self) -> None:
        scrutiny = max(1, min(len(COMMITTEES), round(self.n_meetings / 250)))
        rows = [Committee(council=self.council, name="Cabinet", kind=Committee.Kind.CABINET)]
        rows += [
            Committee(council=self.council, name=COMMITTEES[i], chair=f"Cllr {place(i)}")
            for i in range(scrutiny)
        ]
        in_batches(Committee, rows)
        self.cabinet, self.scrutiny = rows[0], rows[1:]
        self.g.count("committees", len(rows))

    def meetings(self) -> None:
        days = (END - START).days
        per = [self.n_meetings // 6] + [
            share(self.n_meetings - self.n_meetings // 6, len(self.scrutiny), i)
            for i in range(len(self.scrutiny))
        ]
        self.by_committee: dict[int, list[Meeting]] = {}
        rows = []
        for committee, n in zip([self.cabinet, *self.scrutiny], per, strict=True):
            offsets = sorted(self.rng.sample(range(days), max(1, min(n, days))))
            meetings = [
                Meeting(
                    committee=committee,
                    date=START + datetime.timedelta(days=d),
                    start_time=datetime.time(17, 30),
                    venue="Council Chamber",
                    cancelled=self.rng.random() < 0.02,
                )
                for d in offsets
            ]
            self.by_committee[committee.pk] = meetings
            rows += meetings
        in_batches(Meeting, rows)
        self.dates = {pk: [m.date for m in ms] for pk, ms in self.by_committee.items()}
        for meeting in rows:
            self.next_number[meeting.pk] = len(STANDARD_ITEMS) + 1
            self.items += [
                AgendaItem(meeting=meeting, number=n, title=title)
                for n, title in enumerate(STANDARD_ITEMS, 1)
            ]
        self.g.count("meetings", len(rows))

    def after(self, committee: Committee, day: datetime.date, strict: bool = True) -> list:
        """The committee's meetings (not cancelled) after ``day`` (on or after, if not
        ``strict``)."""
        dates = self.dates[committee.pk]
        start = (bisect.bisect_right if strict else bisect.bisect_left)(dates, day)
        return [m for m in self.by_committee[committee.pk][start:] if not m.cancelled]

    def item(self, meeting: Meeting, title: str, review=None, exempt=False) -> AgendaItem:
        number = self.next_number[meeting.pk]
        self.next_number[meeting.pk] = number + 1
        item = AgendaItem(
            meeting=meeting,
            number=number,
            title=title,
            review=review,
            description=WORDS,
            exempt=exempt,
            exempt_reason="Schedule 12A, paragraph 3" if exempt else "",
        )
        self.items.append(item)
        return item

    # --- reviews --------------------------------------------------------------------------
    def reviews(self) -> list[Review]:
        rng, rows = self.rng, []
        for n in range(self.n_reviews):
            committee = self.scrutiny[n % len(self.scrutiny)]
            past = [
                m
                for m in self.by_committee[committee.pk]
                if m.date <= HISTORY_END and not m.cancelled
            ]
            theme = THEMES[n % len(THEMES)]
            review = Review(
                committee=committee,
                title=f"{theme} review {n + 1}",
                report_title=f"{theme}: report of the task group",
                summary=f"A review of {theme.lower()}. " + WORKFORCE,
                lead_member=f"Cllr {place(n % 50)}",
                published=not self.every("draft review", 33),
                update_interval_months=rng.choice([3, 6, 6, 6, 12]),
                status=Review.Status.SCOPING,
            )
            report = rng.choice(past[:-1]) if len(past) > 1 and rng.random() >= 0.06 else None
            if report is not None:
                review.report_agreed_on = report.date
                review.started_on = report.date - datetime.timedelta(days=rng.randint(90, 300))
                review.response_due_on = report.date + relativedelta(months=2)
                review.status = Review.Status.MONITORING
                later = [m for m in self.after(committee, report.date) if m.date <= HISTORY_END]
                if later and rng.random() >= 0.05:
                    review.response_meeting = later[0]
                    review.response_received_on = later[0].date
                    if later[0].date < datetime.date(2019, 1, 1):
                        review.status = Review.Status.CLOSED
                review.report_meeting = report
            rows.append(review)
        in_batches(Review, rows)
        self.g.count("reviews", len(rows))
        return rows

    def plan_review(self, review: Review) -> dict:
        """The review's items (its report, the response, progress at later meetings) and
        how many recommendations it has."""
        plan = {"review": review, "updates": []}
        report = getattr(review, "report_meeting", None)
        if report is None:
            return plan
        self.item(report, f"{review.title}: final report", review)
        if review.response_meeting is None:
            return plan
        self.item(review.response_meeting, f"{review.title}: executive response", review)
        later = [
            m
            for m in self.after(review.committee, review.response_received_on)
            if m.date <= HISTORY_END
        ]
        chosen = sorted(
            self.rng.sample(later, min(len(later), self.rng.randint(4, 8))), key=lambda m: m.date
        )
        for meeting in chosen:
            exempt = self.every("exempt item", 33)
            item = self.item(
                meeting, f"{review.title}: progress on the recommendations", review, exempt
            )
            plan["updates"].append(item)
        return plan

    # --- recommendations, updates and their entries ---------------------------------------
    def recommendations(self, plans: list[dict]) -> None:
        reported = [p for p in plans if p["review"].report_agreed_on]
        weights = [self.rng.randint(5, 25) for _ in reported]
        total, rng, rows, bodies = sum(weights) or 1, self.rng, [], []
        through = Recommendation.responsible_bodies.through
        left = self.n_recommendations
        for k, (plan, weight) in enumerate(zip(reported, weights, strict=True)):
            n = (
                left
                if k == len(reported) - 1
                else min(left, round(self.n_recommendations * weight / total))
            )
            left -= n
            review, recs = plan["review"], []
            answered = review.response_received_on is not None
            for number in range(1, n + 1):
                theme = THEMES[(review.pk + number) % len(THEMES)]
                rec = Recommendation(
                    review=review,
                    reference=str(number),
                    title=f"{theme}: recommendation {number}",
                    text=(WORKFORCE if number % 4 == 0 else WORDS),
                    response=Response.ACCEPTED if answered else Response.AWAITING,
                    response_text="Accepted. " + WORDS if answered else "",
                    lead_officer="Director of Adult Social Care",
                    target_date=review.report_agreed_on + days(rng.randint(180, 900)),
                )
                if self.every("deleted recommendation", 100):
                    for name, value in deleted_fields(rng, HISTORY_END, self.democratic).items():
                        setattr(rec, name, value)
                recs.append(rec)
            plan["recommendations"] = recs
            rows += recs
        in_batches(Recommendation, rows)
        for rec in rows:
            bodies.append(through(recommendation=rec, organisation=self.council))
            draw = rng.random()
            if draw < 0.2:
                bodies.append(through(recommendation=rec, organisation=self.partners[0]))
            elif draw < 0.35:
                bodies.append(
                    through(
                        recommendation=rec,
                        organisation=rng.choice(self.partners[1:] or self.partners),
                    )
                )
        in_batches(through, bodies)
        self.g.count("recommendations", len(rows))

    def updates(self, plans: list[dict]) -> None:
        updates, entries, actions = [], [], []
        for plan in plans:
            recs = plan.get("recommendations", [])
            if not plan["updates"] or not recs:
                continue
            state = {rec.pk: ("", rec.target_date) for rec in recs}
            chance = min(1.0, 1.5 * self.entries_per_rec / len(plan["updates"]))
            for position, item in enumerate(plan["updates"]):
                update = self.update(item)
                updates.append(update)
                for rec in recs:
                    status, target = state[rec.pk]
                    if status in Status.closing() or self.rng.random() > chance:
                        continue
                    last = position == len(plan["updates"]) - 1
                    entry = self.entry(update, rec, status, target, last)
                    state[rec.pk] = (
                        entry.new_status or status,
                        entry.revised_target_date or target,
                    )
                    entries.append(entry)
                if self.rng.random() < 0.4:
                    actions.append(self.action(item))
        in_batches(ProgressUpdate, updates)
        in_batches(UpdateEntry, entries)
        in_batches(AgreedAction, actions)
        self.g.count("progress updates", len(updates))
        self.g.count("update entries", len(entries))
        self.g.count("agreed actions", len(actions))

    def update(self, item: AgendaItem) -> ProgressUpdate:
        day = item.meeting.date
        update = ProgressUpdate(
            given_on=day,
            kind=self.rng.choice(UpdateKind.values),
            organisation=self.council if self.rng.random() < 0.8 else self.partners[0],
            given_by_role="Director of Adult Social Care",
            item=item,
            summary=WORDS,
            recorded_by=self.democratic,
            created_at=datetime.datetime.combine(day, datetime.time(18), tzinfo=datetime.UTC),
        )
        if self.every("deleted update", 100):
            for name, value in deleted_fields(self.rng, HISTORY_END, self.democratic).items():
                setattr(update, name, value)
        return update

    def entry(self, update, rec, status: str, target, last: bool) -> UpdateEntry:
        draw, entry = self.rng.random(), UpdateEntry(update=update, recommendation=rec, text=WORDS)
        if not status or draw < 0.35:
            entry.new_status = Status.ON_TRACK if not status else ""
        elif draw < 0.55:
            entry.new_status = Status.SLIPPED
            entry.revised_target_date = (target or update.given_on) + datetime.timedelta(days=180)
            entry.reason = "Staff were redeployed to other work."
        elif draw < 0.62:
            entry.new_status, entry.reason = Status.PAUSED, "Paused while funding is agreed."
        elif draw < 0.85 or not (last or target and update.given_on > target):
            entry.new_status = Status.ON_TRACK
        else:
            entry.new_status = self.rng.choice(Status.closing())
            entry.reason = "The committee agreed the outcome."
        return entry

    def action(self, item: AgendaItem) -> AgreedAction:
        meeting, rng = item.meeting, self.rng
        action = AgreedAction(
            meeting=meeting,
            item=item,
            review=item.review if rng.random() < 0.8 else None,
            text="That a detailed update report be brought to a future meeting.",
            falls_to="Director of Adult Social Care",
            falls_to_organisation=self.partners[0] if rng.random() < 0.2 else None,
        )
        draw = rng.random()
        if draw < 0.35:
            action.due_on = meeting.date + datetime.timedelta(days=rng.randint(0, 180))
        elif draw < 0.7:
            later = self.after(meeting.committee, meeting.date)[:3]
            action.due_meeting = rng.choice(later) if later else None
        if rng.random() < 0.5:
            action.delivered_on = min(HISTORY_END, meeting.date + datetime.timedelta(days=60))
        return action

    # --- executive decisions referred to scrutiny -----------------------------------------
    def plan_decisions(self) -> list[dict]:
        planned = []
        cabinet = [m for m in self.by_committee[self.cabinet.pk] if m.date <= HISTORY_END]
        if not cabinet:
            return planned
        for n in range(max(1, self.n_reviews // 4)):
            decided = self.rng.choice(cabinet)
            committee = self.rng.choice(self.scrutiny)
            later = self.after(committee, decided.date, strict=False)
            item = self.item(later[0], "Reference from Cabinet") if later else None
            planned.append({"n": n, "decided": decided, "committee": committee, "item": item})
        return planned

    def decisions(self) -> None:
        rows = [
            ExecutiveDecision(
                decided_by=self.cabinet,
                minute_number=f"C{p['n'] + 1}",
                decided_on=p["decided"].date,
                title=f"{THEMES[p['n'] % len(THEMES)]}: a decision of the Cabinet",
                summary=WORKFORCE,
                referred_to=p["committee"],
                referred_to_item=p["item"],
            )
            for p in self.decisions_planned
        ]
        in_batches(ExecutiveDecision, rows)
        points = [
            DecisionPoint(decision=d, kind=kind, number=n, text=f"{kind} {n}: {WORDS}")
            for d in rows
            for kind, numbers in (("resolution", 2), ("reason", 1))
            for n in range(1, numbers + 1)
        ]
        in_batches(DecisionPoint, points)
        self.g.count("executive decisions", len(rows))
