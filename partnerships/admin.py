from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from partnerships.models import Organisation, OrganisationAlias, PartnershipFunction, User
from scrutiny.common.history_admin import ReadOnlyHistoryAdmin
from scrutiny.common.locking import VersionCheckedAdmin


class AliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1


class FunctionInline(admin.TabularInline):
    model = PartnershipFunction
    fk_name = "partnership"
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(VersionCheckedAdmin, ReadOnlyHistoryAdmin):
    list_display = ["name", "short_name", "kind", "host", "established_year"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "aliases__name"]
    filter_horizontal = ["members"]
    autocomplete_fields = ["host"]
    inlines = [AliasInline, FunctionInline]


@admin.register(OrganisationAlias)
class OrganisationAliasAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__name"]
    list_filter = ["organisation__kind"]


@admin.register(PartnershipFunction)
class PartnershipFunctionAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "position"]
    search_fields = ["name", "partnership__name"]
    list_filter = ["partnership"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["groups", "organisation", "is_active", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "email", "organisation__name"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Organisation", {"fields": ["organisation", "job_title"]}),
    ]
