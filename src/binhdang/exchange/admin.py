from django.contrib import admin

from .models import OrganCode, SigningCertificate


@admin.register(SigningCertificate)
class SigningCertificateAdmin(admin.ModelAdmin):
    list_display = ("label", "org_unit", "store", "is_active", "created_at")
    list_filter = ("store", "is_active")
    search_fields = ("label", "org_unit__name")
    autocomplete_fields = ("org_unit",)


@admin.register(OrganCode)
class OrganCodeAdmin(admin.ModelAdmin):
    list_display = ("organ_id", "org_unit")
    search_fields = ("organ_id", "org_unit__name")
    autocomplete_fields = ("org_unit",)
