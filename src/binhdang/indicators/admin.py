"""Administrators correct the catalogue here: targets (including the unconfirmed ones), lead
units, local targets, validation rules and the status margin."""

from django.contrib import admin

from .models import (
    Assessment,
    DataElement,
    DataValueChange,
    Dhis2DataElementMap,
    Dhis2OptionComboMap,
    Dhis2OrgUnitMap,
    Indicator,
    IndicatorSettings,
    LocalTarget,
    ValidationRule,
)


@admin.register(DataElement)
class DataElementAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "value_type", "group", "is_active")
    list_filter = ("value_type", "group", "is_active")
    search_fields = ("code", "name")


class LocalTargetInline(admin.TabularInline):
    model = LocalTarget
    extra = 0
    autocomplete_fields = ("owner",)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = (
        "code", "name", "programme", "target_2025", "target_2030", "unconfirmed", "lead_unit",
    )  # fmt: skip
    list_filter = (
        "programme",
        "unconfirmed",
        "direction",
        "aggregates",
        "lowest_level",
        "is_active",
    )
    search_fields = ("code", "name")
    autocomplete_fields = ("lead_unit", "numerator", "denominator")
    inlines = [LocalTargetInline]


@admin.register(ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "message")
    autocomplete_fields = ("left", "right")


@admin.register(IndicatorSettings)
class IndicatorSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "margin_percent")

    def has_add_permission(self, request):
        return not IndicatorSettings.objects.exists()


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("indicator", "org_unit", "year", "updated_at")
    list_filter = ("year",)
    raw_id_fields = ("org_unit", "author")


@admin.register(DataValueChange)
class DataValueChangeAdmin(admin.ModelAdmin):
    list_display = ("changed_at", "element", "org_unit", "year", "disaggregation",
                    "old_value", "new_value", "changed_by", "source")  # fmt: skip
    list_filter = ("source", "year")
    raw_id_fields = ("org_unit", "changed_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dhis2DataElementMap)
class Dhis2DataElementMapAdmin(admin.ModelAdmin):
    list_display = ("dhis2_id", "element")
    search_fields = ("dhis2_id", "element__code", "element__name")


@admin.register(Dhis2OptionComboMap)
class Dhis2OptionComboMapAdmin(admin.ModelAdmin):
    list_display = ("dhis2_id", "disaggregation")
    search_fields = ("dhis2_id",)


@admin.register(Dhis2OrgUnitMap)
class Dhis2OrgUnitMapAdmin(admin.ModelAdmin):
    list_display = ("dhis2_id", "org_unit")
    search_fields = ("dhis2_id", "org_unit__name", "org_unit__code")
    raw_id_fields = ("org_unit",)
