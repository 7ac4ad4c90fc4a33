"""What a search result shows (``scrutiny.selectors.search``): its title, address, a line
about it and a snippet around the first match, everything escaped but the ``<mark>`` put
around each match."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from partnerships.models import Organisation
from recommendations.models import ProgressUpdate, Recommendation
from scrutiny.common.bilingual import localised, welsh_chosen
from scrutiny.models import AgreedAction, ExecutiveDecision, Review

SNIPPET_LENGTH = 220


def highlighted(text: str, pattern: re.Pattern | None) -> SafeString:
    """``text`` escaped, with each match of ``pattern`` in <mark>: what anyone typed or
    stored is never markup."""
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def snippet(candidates: list[str], pattern: re.Pattern | None) -> SafeString:
    """A piece of the first candidate text that contains a match, around the match (else
    the start of the first non-empty one), highlighted."""
    texts = [" ".join(t.split()) for t in candidates if t and t.strip()]
    for text in texts:
        found = pattern.search(text) if pattern else None
        if found is None:
            continue
        start = max(0, found.start() - SNIPPET_LENGTH // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < found.start() else start
        end = min(len(text), start + SNIPPET_LENGTH)
        if end < len(text):
            space = text.rfind(" ", found.end(), end)
            end = space if space > 0 else end
        piece = highlighted(text[start:end], pattern)
        return mark_safe(("…" if start else "") + piece + ("…" if end < len(text) else ""))
    if not texts:
        return mark_safe("")
    first = texts[0]
    if len(first) > SNIPPET_LENGTH:
        return mark_safe(escape(first[:SNIPPET_LENGTH].rsplit(" ", 1)[0]) + "…")
    return escape(first)


def _in_language(english: list[str], welsh: list[str]) -> list[str]:
    return [*welsh, *english] if welsh_chosen() else [*english, *welsh]


@dataclass
class Hit:
    """One result: what it is called, where it is, a line about it and a snippet."""

    title: SafeString
    url: str
    meta: str
    snippet: SafeString


def review_hit(review: Review, pattern) -> Hit:
    council = review.committee.council
    return Hit(
        title=highlighted(localised(review, "title"), pattern),
        url=review.get_absolute_url(),
        meta=f"{review.committee.name}, {council.short_name or council.name}",
        snippet=snippet(
            _in_language([review.summary, review.title], [review.summary_cy, review.title_cy]),
            pattern,
        ),
    )


def recommendation_hit(rec: Recommendation, pattern) -> Hit:
    """Its full reference and heading: the whole reference marked when the search found it
    by its reference (``found_by_reference``), else the words that matched."""
    heading = localised(rec, "title") or rec.heading
    if getattr(rec, "found_by_reference", False):
        title = mark_safe(  # noqa: S308 (both pieces escaped)
            f"<mark>{escape(rec.reference)}</mark>. {escape(heading)}"
        )
    else:
        title = highlighted(f"{rec.reference}. {heading}", pattern)
    return Hit(
        title=title,
        url=rec.get_absolute_url(),
        meta=gettext("Review: %(review)s") % {"review": localised(rec.review, "title")},
        snippet=snippet(_in_language([rec.text, rec.title], [rec.text_cy, rec.title_cy]), pattern),
    )


def update_hit(update: ProgressUpdate, pattern) -> Hit:
    entries = [
        gettext("Recommendation %(number)s: %(text)s")
        % {"number": e.recommendation.reference, "text": text}
        for e in update.visible_entries
        for text in _in_language([e.text], [e.text_cy])
        if text
    ]
    return Hit(
        title=highlighted(update.name, None),
        url=update.get_absolute_url(),
        meta=update.given_by,
        snippet=snippet(_in_language([update.summary], [update.summary_cy]) + entries, pattern),
    )


def action_hit(action: AgreedAction, pattern) -> Hit:
    return Hit(
        title=highlighted(gettext("Agreed at %(meeting)s") % {"meeting": action.meeting}, None),
        url=action.get_absolute_url(),
        meta=action.meeting.committee.name,
        snippet=snippet(_in_language([action.text], [action.text_cy]), pattern),
    )


def decision_hit(decision: ExecutiveDecision, pattern) -> Hit:
    points = [p.text for p in decision.points.all()]
    return Hit(
        title=highlighted(f"{decision.minute_number} {decision.title}", pattern),
        url=decision.get_absolute_url(),
        meta=gettext("Decided by %(committee)s") % {"committee": decision.decided_by.name},
        snippet=snippet([decision.summary, *points, decision.title], pattern),
    )


def organisation_hit(org: Organisation, pattern) -> Hit:
    aliases = ", ".join(a.name for a in org.aliases.all())
    also = gettext("Also known as %(names)s.") % {"names": aliases} if aliases else ""
    return Hit(
        title=highlighted(org.label, pattern),
        url=org.get_absolute_url(),
        meta=org.get_kind_display(),
        snippet=snippet([org.description, also], pattern),
    )
