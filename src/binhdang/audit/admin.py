from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .display import ACTION_GROUPS, action_label, change_lines
from .models import AuditEntry


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [(code, label) for _p, _g, actions in ACTION_GROUPS for code, label in actions]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "ip_address", "action_display", "object_repr", "org_unit")
    list_filter = (ActionFilter, "sensitive_read")
    search_fields = ("actor_label", "object_repr", "action")
    date_hierarchy = "at"
    fields = readonly_fields = (
        "at",
        "actor_label",
        "ip_address",
        "action_display",
        "object_type",
        "object_id",
        "object_repr",
        "org_unit",
        "changes_display",
        "sensitive_read",
    )

    @admin.display(description=_("action"), ordering="action")
    def action_display(self, entry):
        return action_label(entry.action)

    @admin.display(description=_("changes"))
    def changes_display(self, entry):
        return "\n".join(
            f"{c.label}: {c.old} → {c.new}" if c.old is not None else f"{c.label}: {c.new}"
            for c in change_lines(entry)
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
