from django.contrib import admin

from binhdang.formats.text import fold

from .models import LetterheadRule, OrgUnit, UnitGroup


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "admin_set", "parent", "valid_from", "valid_to")
    list_filter = ("kind", "admin_set")
    search_fields = ("search_text", "code")
    raw_id_fields = ("parent",)
    filter_horizontal = ()
    autocomplete_fields = ("successors",)
    readonly_fields = ("level", "path")

    def get_search_results(self, request, queryset, search_term):
        # Names are searched through their folded text: "Phú Linh" and "phu linh" both match.
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "slug")
    raw_id_fields = ("owner", "rule_root")
    autocomplete_fields = ("members",)


@admin.register(LetterheadRule)
class LetterheadRuleAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "name_starts", "level", "higher_body", "issuing_body",
                    "signer_title")  # fmt: skip
    list_filter = ("kind",)
    search_fields = ("label", "name_starts", "issuing_body")
