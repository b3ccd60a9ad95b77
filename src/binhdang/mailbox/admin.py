from django.contrib import admin

from .models import MailFile, MailMessage, UnitMailAddress


@admin.register(UnitMailAddress)
class UnitMailAddressAdmin(admin.ModelAdmin):
    list_display = ("email", "org_unit", "added_by", "created_at")
    search_fields = ("email", "org_unit__name")
    raw_id_fields = ("org_unit",)


class MailFileInline(admin.TabularInline):
    model = MailFile
    extra = 0
    readonly_fields = ("index", "name", "size", "sha256", "status", "refusal", "attachment")
    can_delete = False


@admin.register(MailMessage)
class MailMessageAdmin(admin.ModelAdmin):
    list_display = ("received_at", "sender", "subject", "status", "reason", "org_unit")
    list_filter = ("status", "reason", "via")
    search_fields = ("sender", "subject", "sha256")
    readonly_fields = [f.name for f in MailMessage._meta.fields]
    inlines = [MailFileInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
