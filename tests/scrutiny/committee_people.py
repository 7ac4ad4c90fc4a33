"""Shared by the scrutiny page tests. People around one council: one of each role at the
council, democratic services of another council, and a partner body's representative (the
partner carries a recommendation only where a test says so). And ways to read a page: its
words, its error summary, one of its sections, a date as it shows one."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.formats import date_format

from partnerships.models import Role, User
from tests.factories import CouncilFactory, PartnershipFactory, user_with_role


@dataclass
class People:
    councillor: User
    officer: User
    partner: User
    democratic_services: User
    other_democratic_services: User


def people_of(council) -> People:
    return People(
        councillor=user_with_role(Role.COUNCILLOR, organisation=council),
        officer=user_with_role(Role.OFFICER, organisation=council),
        partner=user_with_role(Role.PARTNER, organisation=PartnershipFactory()),
        democratic_services=user_with_role(Role.DEMOCRATIC_SERVICES, organisation=council),
        other_democratic_services=user_with_role(
            Role.DEMOCRATIC_SERVICES, organisation=CouncilFactory()
        ),
    )


# Everyone who must not change a council's committees, meetings, items or actions.
WRONG_ROLES = ["councillor", "officer", "partner", "other_democratic_services"]
# Everyone, by the name of their ``People`` field; "anonymous" is nobody signed in.
EVERYONE = [
    "anonymous",
    "councillor",
    "officer",
    "partner",
    "democratic_services",
    "other_democratic_services",
]


def sign_in(client, people: People, who: str) -> None:
    """Sign ``client`` in as ``who`` of ``people`` (see ``EVERYONE``)."""
    if who != "anonymous":
        client.force_login(getattr(people, who))


def date_fields(name: str, day, month, year) -> dict[str, str]:
    """The three boxes of a GOV.UK date input, as a browser posts them."""
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


def error_summary(response) -> str:
    """The text of the page's GOV.UK error summary ("" when there is none)."""
    html = response.content.decode()
    start = html.find('class="govuk-error-summary"')
    if start == -1:
        return ""
    return html[start : html.find("</ul>", start)]


def section(response, heading_id: str) -> str:
    """The part of the page from the heading with this id up to the next heading of the
    same or a higher level."""
    html = response.content.decode()
    start = html.index(f'id="{heading_id}"')
    level = int(html[html.rindex("<h", 0, start) + 2])
    ends = [html.find(f"<h{n}", start) for n in range(1, level + 1)]
    ends = [end for end in ends if end != -1]
    return html[start : min(ends) if ends else len(html)]


def day(year: int, month: int, dd: int) -> str:
    """A date as the pages show it (the settings' DATE_FORMAT for the active language)."""
    return date_format(datetime.date(year, month, dd))


def text_of(response) -> str:
    """The page's words without tags or extra spaces, as a reader meets them."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
