"""Organisations (councils, partnerships, national and NHS bodies), their aliases, and people.

This is the lowest app: scrutiny and recommendations refer to it, never the other way.
"""

from __future__ import annotations

import datetime
from functools import cached_property

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from scrutiny.common.links import pk_url
from scrutiny.common.models import Versioned


class ResponseClock(models.TextChoices):
    """How long a council's executive has to respond to a scrutiny report, from the day the
    report is agreed. England's default is two months (Local Government Act 2000, s.9FE);
    some councils and Welsh authorities work to eight weeks or 28 days."""

    TWO_MONTHS = "2m", _("Two months (Local Government Act 2000, section 9FE)")
    EIGHT_WEEKS = "8w", _("Eight weeks")
    TWENTY_EIGHT_DAYS = "28d", _("28 days")

    def due_after(self, agreed_on: datetime.date) -> datetime.date:
        """The day the response is due for a report agreed on ``agreed_on``."""
        if self is ResponseClock.TWO_MONTHS:
            return agreed_on + relativedelta(months=2)
        days = 56 if self is ResponseClock.EIGHT_WEEKS else 28
        return agreed_on + datetime.timedelta(days=days)

    def span(self) -> str:
        """The time in words, for a sentence ("within two months")."""
        return {
            ResponseClock.TWO_MONTHS: gettext("two months"),
            ResponseClock.EIGHT_WEEKS: gettext("eight weeks"),
            ResponseClock.TWENTY_EIGHT_DAYS: gettext("28 days"),
        }[self]

    def after_report_was_agreed(self) -> str:
        return {
            ResponseClock.TWO_MONTHS: gettext("Two months after the report was agreed."),
            ResponseClock.EIGHT_WEEKS: gettext("Eight weeks after the report was agreed."),
            ResponseClock.TWENTY_EIGHT_DAYS: gettext("28 days after the report was agreed."),
        }[self]

    def after_report_is_agreed(self) -> str:
        return {
            ResponseClock.TWO_MONTHS: gettext("Two months after the report is agreed"),
            ResponseClock.EIGHT_WEEKS: gettext("Eight weeks after the report is agreed"),
            ResponseClock.TWENTY_EIGHT_DAYS: gettext("28 days after the report is agreed"),
        }[self]


class OrganisationQuerySet(models.QuerySet):
    def councils(self):
        return self.filter(kind=Organisation.Kind.COUNCIL)

    def matching(self, name: str):
        """Organisations whose name, short name or any alias is ``name`` (any case)."""
        name = name.strip()
        return self.filter(
            Q(name__iexact=name) | Q(short_name__iexact=name) | Q(aliases__name__iexact=name)
        ).distinct()


class Organisation(Versioned):
    """A body that owns committees, carries recommendations or gives updates.

    A partnership may have member organisations, a host authority, a legal basis, a year it
    was set up and a list of functions; other kinds leave those empty.
    """

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        PARTNERSHIP = "partnership", _("Partnership")
        NATIONAL = "national", _("National body")
        NHS = "nhs", _("NHS body")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        help_text=_("How minutes usually write it, for example LSCDG."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COUNCIL)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    response_clock = models.CharField(
        _("time the executive has to respond"),
        max_length=3,
        choices=ResponseClock.choices,
        default=ResponseClock.TWO_MONTHS,
        # In the database too: rows written without the model (a migration's own state of
        # it, a bulk load) get England's clock.
        db_default=ResponseClock.TWO_MONTHS,
        help_text=_("For a council: from the day a scrutiny report is agreed."),
    )

    # Partnerships only.
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="partnerships",
        verbose_name=_("members"),
        help_text=_("For a partnership: the organisations that make it up."),
    )
    host = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_partnerships",
        verbose_name=_("host authority"),
        help_text=_("For a partnership: the authority that hosts it."),
    )
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        help_text=_("For a partnership: its legal basis or partnership agreement."),
    )
    established_year = models.PositiveSmallIntegerField(
        _("year set up"), null=True, blank=True, help_text=_("The year it was set up, if known.")
    )
    # Any body but a council: the councils whose democratic services added it, or who
    # work with it, and so manage its representatives' accounts (with the councils a
    # partnership counts among its members or its host).
    works_with = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="partner_bodies",
        verbose_name=_("councils it works with"),
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    def partners(self):
        """A council's partner bodies: every organisation but a council that works with it,
        counts it among its members or is hosted by it."""
        return (
            Organisation.objects.exclude(kind=Organisation.Kind.COUNCIL)
            .filter(Q(works_with=self) | Q(members=self) | Q(host=self))
            .distinct()
        )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="partnership") | (Q(host__isnull=True) & Q(legal_basis="")),
                name="organisation_partnership_fields_only_on_partnerships",
            ),
            models.CheckConstraint(
                condition=Q(established_year__isnull=True)
                | Q(established_year__gte=1800, established_year__lte=2200),
                name="organisation_established_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return pk_url("partnerships:organisation-detail", self.pk)

    @property
    def label(self) -> str:
        """The name with its short name, as people say it: "Leicester/shire ... (LSCDG)"."""
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name

    @property
    def is_council(self) -> bool:
        return self.kind == self.Kind.COUNCIL

    @property
    def response_clock_span(self) -> str:
        """How long the council's executive has to respond, for a sentence ("two months")."""
        return ResponseClock(self.response_clock).span()

    @property
    def is_partnership(self) -> bool:
        return self.kind == self.Kind.PARTNERSHIP


class OrganisationAlias(models.Model):
    """Another name or abbreviation for an organisation: minutes write "LSCDG" and "LSDG".

    An alias names one organisation only, whatever its case.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation alias")
        verbose_name_plural = _("organisation aliases")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_alias_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class PartnershipFunction(models.Model):
    """One of a partnership's functions, in order (the regional unit's four core functions)."""

    partnership = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="functions",
        verbose_name=_("partnership"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["partnership", "position", "id"]
        verbose_name = _("partnership function")
        verbose_name_plural = _("partnership functions")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="partnership_function_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The roles a signed-in user can have; each is a Django group of the same name."""

    COUNCILLOR = "Councillor", _("Councillor")
    OFFICER = "Officer", _("Officer")
    PARTNER = "Partner representative", _("Partner representative")
    DEMOCRATIC_SERVICES = "Democratic services", _("Democratic services")


class Language(models.TextChoices):
    """The language a person's emails are written in."""

    ENGLISH = "en", _("English")
    WELSH = "cy", _("Welsh")


class User(AbstractUser):
    """A person who signs in. Each belongs to one organisation; roles are groups.

    An invited person has an unusable password until they set one from the invitation's
    link; a deactivated one (``is_active`` off) cannot sign in, and keeps their history."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    language = models.CharField(
        _("language for emails"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        db_default=Language.ENGLISH,
    )
    # Who changed an account and what (passwords and sign-ins are not history); roles too.
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups"])

    @property
    def is_invited(self) -> bool:
        """Invited, and yet to set a password from the invitation."""
        return not self.has_usable_password()

    @property
    def display_name(self) -> str:
        """How pages name a person: their full name, or their username when none is set."""
        return self.get_full_name() or self.get_username()

    @cached_property
    def role_names(self) -> frozenset[str]:
        if not self.is_active:
            return frozenset()
        return frozenset(g.name for g in self.groups.all())

    def has_role(self, role: Role) -> bool:
        return role.value in self.role_names

    @property
    def is_councillor(self) -> bool:
        return self.has_role(Role.COUNCILLOR)

    @property
    def is_officer(self) -> bool:
        return self.has_role(Role.OFFICER)

    @property
    def is_partner(self) -> bool:
        return self.has_role(Role.PARTNER)

    @property
    def is_democratic_services(self) -> bool:
        return self.has_role(Role.DEMOCRATIC_SERVICES)

    @property
    def role_label(self) -> str:
        """The user's roles in the reader's language (group names are the English ones)."""
        if self.is_superuser:
            return gettext("Administrator")
        labels = sorted(str(Role(n).label) if n in Role.values else n for n in self.role_names)
        return ", ".join(labels) or gettext("No role")

    def manages_council(self, council_id: int | None) -> bool:
        """Democratic services manage everything of their own council; admins of every one."""
        if self.is_superuser:
            return True
        return (
            council_id is not None
            and self.is_democratic_services
            and self.organisation_id == council_id
        )

    def sees_exempt_of(self, council_id: int | None) -> bool:
        """Exempt items are for the council's own councillors, officers and democratic
        services (and admins); never for partner representatives or the public."""
        if self.is_superuser:
            return True
        if council_id is None or self.organisation_id != council_id:
            return False
        return bool(self.role_names & {Role.COUNCILLOR, Role.OFFICER, Role.DEMOCRATIC_SERVICES})

    def exempt_council_ids(self) -> set[int] | None:
        """Councils whose exempt items this user may see; None means every council."""
        if self.is_superuser:
            return None
        if self.organisation_id and self.sees_exempt_of(self.organisation_id):
            return {self.organisation_id}
        return set()
