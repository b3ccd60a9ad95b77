from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    # A search box over the units (OrgUnitAdmin.search_fields), not a list of every unit of
    # Vietnam in each row.
    autocomplete_fields = ("org_unit",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    # What a user may do comes from memberships (unit, role, scope: accounts.permissions),
    # never from Django's groups and per-model permissions, so those are not offered: their
    # lists named every model of the project and decided nothing.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "phone", "position")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "full_name", "email", "is_active", "is_superuser")
    list_filter = ("is_staff", "is_superuser", "is_active")
    search_fields = ("username", "full_name", "email")
    filter_horizontal = ()
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = ("digest", "revoked_at", "revoked_by")
    autocomplete_fields = ("user",)
