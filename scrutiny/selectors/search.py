"""Search across reviews, recommendations, progress updates, agreed actions, executive
decisions and organisations, finding for each person only what they may see.

The rules this module enforces:

- Every result comes from a row the person may read, by the same ``visible_to`` rules the
  pages use: no draft review (nor its recommendations) outside its council, nothing agreed,
  decided or reported at an exempt item for those who may not see exempt items, no deleted
  recommendation or update. A progress update is found only if it covers a recommendation
  the person may see (its page is a 404 otherwise), and only by the words of such entries.
- On PostgreSQL, full-text search: the query is read as web search syntax (``"a phrase"``,
  ``or``, ``-word``); English text is stemmed ("recommendations" finds "recommendation"),
  Welsh text (``*_cy``) is matched word for word (config ``simple``: PostgreSQL has no
  Welsh stemmer); titles weigh more than body text and better matches come first. Each
  vector is stored in a generated column (``search_en``, ``search_cy``) that PostgreSQL
  keeps current on every write, with a GIN index on it (``scrutiny.common.fulltext``,
  migrations ``*_stored_search_vectors``): a search reads the index, and ranking reads the
  stored vector rather than parsing the text again.
- Each kind reads at most ``MAX_COUNTED + 1`` candidates (visible matches, in the order the
  index gives them, in one query) and ranks only those: a count is exact up to
  ``MAX_COUNTED`` and beyond it is shown as "more than 1,000", and a kind's pages stop
  there. So the work of a search does not grow with the size of the tables, nor does its
  number of queries: per kind, one for the candidates, one for the page's results, one for
  each prefetched relation.
- On other databases (SQLite), every word of the query must appear, in any case, somewhere
  in a result's own fields; ``-word`` leaves out results with that word; ``or`` is ignored.
- On every database, a recommendation is also found by its reference as the council writes
  it ("R10", "3a", "OSC (24/25) 07"), when the whole query is that reference, ignoring case,
  spaces and punctuation ("osc 24/25 07" too): the query's natural sort key equals the
  recommendation's ``sort_key`` (indexed). Such a match comes before any match by words,
  with the whole reference marked in its title.
- Organisations (a few dozen rows) are matched on every database by name, short name, any
  alias and description, word by word: aliases are abbreviations ("LSDG") that stemming
  cannot help, so a plain ``icontains`` is both simpler and as good.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from recommendations.models import ProgressUpdate, Recommendation, UpdateEntry
from recommendations.models.references import natural_sort_key
from scrutiny.common.fulltext import Fields, stored
from scrutiny.models import AgreedAction, DecisionPoint, ExecutiveDecision, Review
from scrutiny.selectors.search_hits import (
    Hit,
    action_hit,
    decision_hit,
    organisation_hit,
    recommendation_hit,
    review_hit,
    update_hit,
)

# A query longer than this is cut here: no one types more, and a 10,000-character query
# should cost no more than a short one.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
PER_KIND = 5  # results of each kind on the page of all kinds
PER_PAGE = 20  # results on the page of one kind
# Each kind counts and ranks at most this many of its matches; beyond it the page says
# "more than 1,000": no one reads further, and counting further is what cost the time.
MAX_COUNTED = 1000

ENGLISH, WELSH = "english", "simple"


@dataclass(frozen=True)
class Spec:
    """The fields of a model that are searched: English ones and their Welsh twins."""

    en: Fields
    cy: Fields = ()

    @property
    def field_names(self) -> list[str]:
        return [name for name, _weight in (*self.en, *self.cy)]


# The stored vectors of the *_stored_search_vectors migrations are built from these same
# specs: change one here, and write a migration that rebuilds its column (AddSearchColumn).
REVIEW = Spec(en=[("title", "A"), ("summary", "B")], cy=[("title_cy", "A"), ("summary_cy", "B")])
RECOMMENDATION = Spec(en=[("title", "A"), ("text", "B")], cy=[("title_cy", "A"), ("text_cy", "B")])
UPDATE = Spec(en=[("summary", "B")], cy=[("summary_cy", "B")])
ENTRY = Spec(en=[("text", "B")], cy=[("text_cy", "B")])
ACTION = Spec(en=[("text", "B")], cy=[("text_cy", "B")])
DECISION = Spec(en=[("title", "A"), ("summary", "B")])
POINT = Spec(en=[("text", "B")])
ORGANISATION_FIELDS = ["name", "short_name", "aliases__name", "description"]

_WORD = re.compile(r"[^\W_]+")
# A run of minus signs with nothing but punctuation or spaces between them ("- - -", "-(-(").
_NOTS = re.compile(r"-(?:[^\w\"]*-)+")
# Words (and operators) handed to PostgreSQL's parser: more than anyone types in a box.
MAX_TOKENS = 32


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as searched: control characters (NUL among them) as spaces, runs of space
    as one, at most ``MAX_QUERY_LENGTH`` characters; and whether it was cut."""
    text = "".join(ch if ch.isprintable() else " " for ch in raw)
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rstrip(), True


@dataclass(frozen=True)
class Query:
    """What was asked: the text, and its words to include and to leave out."""

    text: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    fulltext: bool

    @classmethod
    def parse(cls, text: str, fulltext: bool | None = None) -> Query:
        include: list[str] = []
        exclude: list[str] = []
        for token in text.split():
            if token.lower() == "or":
                continue
            found = [w.lower() for w in _WORD.findall(token)]
            (exclude if token.startswith("-") else include).extend(found)
        if fulltext is None:
            fulltext = connection.vendor == "postgresql"
        return cls(
            text=text,
            include=tuple(dict.fromkeys(include))[:MAX_TERMS],
            exclude=tuple(dict.fromkeys(exclude))[:MAX_TERMS],
            fulltext=fulltext,
        )

    @cached_property
    def reference_key(self) -> str:
        """The natural sort key of the whole query, as if it were a reference ("" if it
        has no letter or digit)."""
        return natural_sort_key(self.text)

    @cached_property
    def websearch_text(self) -> str:
        """The text PostgreSQL parses (``websearch_to_tsquery``): each run of minus signs
        made one (each nests a NOT, and 33 of them overflow its stack: "tsquery stack too
        small", a 500) and at most ``MAX_TOKENS`` words."""
        text = _NOTS.sub("-", self.text)
        return " ".join(text.split()[:MAX_TOKENS])

    @cached_property
    def english(self) -> SearchQuery:
        return SearchQuery(self.websearch_text, search_type="websearch", config=ENGLISH)

    @cached_property
    def welsh(self) -> SearchQuery:
        return SearchQuery(self.websearch_text, search_type="websearch", config=WELSH)

    def words_filter(self, fields: list[str]) -> Q:
        """Every included word in one of ``fields``, no excluded word in any of them."""

        def anywhere(word: str) -> Q:
            return reduce(lambda a, b: a | b, (Q(**{f"{f}__icontains": word}) for f in fields))

        if not self.include:
            return Q(pk__in=[])
        condition = Q()
        for word in self.include:
            condition &= anywhere(word)
        for word in self.exclude:
            condition &= ~anywhere(word)
        return condition

    @cached_property
    def highlight(self) -> re.Pattern | None:
        """Words to mark in what is shown: each included word, or a word starting like it
        (so that "recommendations" marks "recommendation", as stemming found it)."""
        stems = {w if len(w) <= 5 else w[: max(4, len(w) - 3)] for w in self.include}
        if not stems:
            return None
        alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


# --- Matching and ranking, per kind ------------------------------------------------------


def matching(qs: QuerySet, spec: Spec, query: Query) -> QuerySet:
    """The rows of ``qs`` whose own fields match ``query``."""
    return qs.filter(matches(spec, query))


def matches(spec: Spec, query: Query) -> Q:
    """A row's own fields match ``query``: on PostgreSQL its stored vectors (English or
    Welsh), read through their GIN indexes; elsewhere every word, in any case. A query of
    words to leave out and none to find ("-care") finds nothing, on either (on PostgreSQL
    it would read every row without the word)."""
    if not query.include:
        return Q(pk__in=[])
    if not query.fulltext:
        return query.words_filter(spec.field_names)
    condition = Q(SearchVectorExact(stored("search_en"), query.english))
    if spec.cy:
        condition |= Q(SearchVectorExact(stored("search_cy"), query.welsh))
    return condition


def rank(spec: Spec, query: Query):
    """How well a row's own fields match (PostgreSQL only): English and Welsh added."""
    score = SearchRank(stored("search_en"), query.english)
    if spec.cy:
        score = score + SearchRank(stored("search_cy"), query.welsh)
    return score


def _best_child_rank(children: QuerySet, spec: Spec, query: Query):
    best = (
        matching(children, spec, query)
        .annotate(child_rank=rank(spec, query))
        .order_by("-child_rank")
        .values("child_rank")[:1]
    )
    return Coalesce(Subquery(best, output_field=FloatField()), Value(0.0))


def candidates(found: QuerySet) -> QuerySet:
    """The primary keys of at most ``MAX_COUNTED + 1`` of the rows ``found``, in no order:
    a common word matches tens of thousands of rows nationally, and this is where reading
    them stops."""
    return found.order_by().values_list("pk", flat=True)[: MAX_COUNTED + 1]


def _ranked(model, among, score, *fallback: str) -> QuerySet:
    """The rows ``among`` (primary keys, or a query of them), best first (``score``, on
    PostgreSQL), else by ``fallback``: only these candidates are ranked."""
    qs = model.objects.filter(pk__in=among)
    if score is None:
        return qs.order_by(*fallback)
    return qs.annotate(rank=score).order_by("-rank", *fallback)


# Each kind: ``found_*`` the rows the user may see that match, in no order (the
# candidates are read from it); ``ranked_*`` those candidates best first, with what their
# results show.


def found_reviews(user, query: Query) -> QuerySet:
    return Review.objects.visible_to(user).filter(matches(REVIEW, query))


def ranked_reviews(user, query: Query, among) -> QuerySet:
    score = rank(REVIEW, query) if query.fulltext else None
    fallback = ("title",) if query.fulltext else ("-report_agreed_on", "title")
    return _ranked(Review, among, score, *fallback).select_related("committee__council")


def by_reference(query: Query) -> Q:
    """A recommendation whose reference is the whole query (none for a query with no
    letter or digit)."""
    return Q(sort_key=query.reference_key) if query.reference_key else Q(pk__in=[])


def found_recommendations(user, query: Query) -> QuerySet:
    """Recommendations found by their words or by their reference."""
    condition = matches(RECOMMENDATION, query) | by_reference(query)
    return Recommendation.objects.visible_to(user).filter(condition)


def ranked_recommendations(user, query: Query, among) -> QuerySet:
    """Those found by their reference first (``found_by_reference``), then the best
    matches by words."""
    score = rank(RECOMMENDATION, query) if query.fulltext else None
    fallback = ("review__title", "sort_key")
    return (
        _ranked(Recommendation, among, score, *fallback)
        .annotate(
            found_by_reference=Case(
                When(by_reference(query), then=Value(True)), default=Value(False)
            )
        )
        .order_by("-found_by_reference", *(("-rank",) if score is not None else ()), *fallback)
        .select_related("review")
    )


def _on_visible_recommendations(user) -> QuerySet:
    """Entries on a recommendation ``user`` may see: visible when their update is, so
    enough once the update has been checked."""
    return UpdateEntry.objects.filter(recommendation__in=Recommendation.objects.visible_to(user))


def found_updates(user, query: Query) -> QuerySet:
    """Updates found by their summary or by what they said of a recommendation the user
    may see; either way, only an update with an entry the user may see."""
    entries = _on_visible_recommendations(user)
    # Matched on the bare table first (its index), then kept only if visible.
    own = matching(ProgressUpdate.objects.all(), UPDATE, query).values("pk")
    visible = ProgressUpdate.objects.visible_to(user).order_by()
    by_summary = visible.filter(pk__in=own).filter(Exists(entries.filter(update=OuterRef("pk"))))
    said = matching(entries, ENTRY, query).filter(update=OuterRef("pk"))
    by_entry = visible.exclude(pk__in=own).filter(Exists(said))
    # Two sets with no update in common: ``UNION ALL`` streams, and reading stops at the
    # candidates' limit (``UNION`` would read every match to drop duplicates); each set
    # limited too, so that PostgreSQL plans each to stop early rather than to read all.
    by_summary, by_entry = by_summary.values("pk"), by_entry.values("pk")
    if connection.features.supports_slicing_ordering_in_compound:  # not SQLite
        by_summary, by_entry = by_summary[: MAX_COUNTED + 1], by_entry[: MAX_COUNTED + 1]
    return by_summary.union(by_entry, all=True)


def ranked_updates(user, query: Query, among) -> QuerySet:
    entries = _on_visible_recommendations(user)
    score = None
    if query.fulltext:
        score = Greatest(
            Coalesce(rank(UPDATE, query), Value(0.0)),
            _best_child_rank(entries.filter(update=OuterRef("pk")), ENTRY, query),
        )
    return (
        _ranked(ProgressUpdate, among, score, "-given_on", "-pk")
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=entries.select_related("recommendation").order_by(
                    "recommendation__sort_key"
                ),
                to_attr="visible_entries",
            )
        )
    )


def found_actions(user, query: Query) -> QuerySet:
    return AgreedAction.objects.visible_to(user).filter(matches(ACTION, query))


def ranked_actions(user, query: Query, among) -> QuerySet:
    score = rank(ACTION, query) if query.fulltext else None
    return _ranked(AgreedAction, among, score, "-meeting__date", "-pk").select_related(
        "meeting__committee"
    )


def found_decisions(user, query: Query) -> QuerySet:
    """Decisions found by their title and summary or by one of their resolutions or
    reasons."""
    own = matching(ExecutiveDecision.objects.all(), DECISION, query).values("pk")
    points = DecisionPoint.objects.filter(matches(POINT, query), decision=OuterRef("pk"))
    return ExecutiveDecision.objects.visible_to(user).filter(Q(pk__in=own) | Exists(points))


def ranked_decisions(user, query: Query, among) -> QuerySet:
    score = None
    if query.fulltext:
        score = Greatest(
            Coalesce(rank(DECISION, query), Value(0.0)),
            _best_child_rank(DecisionPoint.objects.filter(decision=OuterRef("pk")), POINT, query),
        )
    return (
        _ranked(ExecutiveDecision, among, score, "-decided_on", "minute_number")
        .select_related("decided_by")
        .prefetch_related("points")
    )


def found_organisations(user, query: Query) -> QuerySet:
    """Organisations by name, short name, alias or description (every database)."""
    matched = Organisation.objects.filter(query.words_filter(ORGANISATION_FIELDS)).values("pk")
    return Organisation.objects.filter(pk__in=matched)


def ranked_organisations(user, query: Query, among) -> QuerySet:
    """An exact name, short name or alias first, then by name."""
    exact = Organisation.objects.matching(query.text).filter(pk=OuterRef("pk"))
    return (
        Organisation.objects.filter(pk__in=among)
        .annotate(exact=Exists(exact))
        .prefetch_related("aliases")
        .order_by("-exact", "name")
    )


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    found: Callable[..., QuerySet]
    ranked: Callable[..., QuerySet]
    hit: Callable[..., Hit]

    def find(self, user, query: Query, among=None) -> QuerySet:
        """The results for ``query``, best first: of ``among`` (primary keys), or of the
        candidates of what ``user`` may see (in one query)."""
        if among is None:
            among = candidates(self.found(user, query))
        return self.ranked(user, query, among)


KINDS = [
    Kind(
        "recommendations",
        _("Recommendations"),
        found_recommendations,
        ranked_recommendations,
        recommendation_hit,
    ),
    Kind("reviews", _("Reviews"), found_reviews, ranked_reviews, review_hit),
    Kind("updates", _("Progress updates"), found_updates, ranked_updates, update_hit),
    Kind("actions", _("Agreed actions"), found_actions, ranked_actions, action_hit),
    Kind("decisions", _("Executive decisions"), found_decisions, ranked_decisions, decision_hit),
    Kind(
        "organisations",
        _("Organisations"),
        found_organisations,
        ranked_organisations,
        organisation_hit,
    ),
]
KIND_KEYS = [k.key for k in KINDS]


@dataclass
class Group:
    """The results of one kind: how many (at most ``MAX_COUNTED``; ``more`` when there are
    more than that), and those shown."""

    key: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)
    page: Page | None = None
    more: bool = False

    @property
    def has_more(self) -> bool:
        return self.page is None and (self.more or self.count > len(self.hits))


def search(user, text: str, *, kind: str | None = None, page=1) -> list[Group]:
    """The results for ``text`` that ``user`` may see, by kind: the first ``PER_KIND`` of
    each kind, or, given ``kind``, one page of that kind alone. Two queries a kind (its
    count, its results), and one more for each kind's related rows, whatever the size."""
    query = Query.parse(text)
    groups = []
    for each in KINDS:
        if kind and each.key != kind:
            continue
        # The candidates once, as a list: counted here, ranked below, never read twice.
        among = list(candidates(each.found(user, query)))
        count, more = min(len(among), MAX_COUNTED), len(among) > MAX_COUNTED
        qs = each.find(user, query, among[:MAX_COUNTED])
        if kind:
            paginator = Paginator(qs, PER_PAGE)
            paginator.count = count  # counted above, capped: the pages stop there
            page_obj = paginator.get_page(page)
            hits = [each.hit(obj, query.highlight) for obj in page_obj.object_list]
            groups.append(Group(each.key, each.label, count, hits, page_obj, more))
        else:
            hits = [each.hit(obj, query.highlight) for obj in qs[:PER_KIND]] if count else []
            groups.append(Group(each.key, each.label, count, hits, more=more))
    return groups
