from django.contrib import admin

from binhdang.formats.text import fold

from .models import LetterheadRule, OrgUnit, SuccessionShare, UnitGroup


class SuccessionShareInline(admin.TabularInline):
    """A split unit's weights or main successor, entered on the former unit's page."""

    model = SuccessionShare
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ("successor",)
    fields = ("successor", "weight", "is_main", "source")


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "admin_set", "parent", "valid_from", "valid_to")
    list_filter = ("kind", "admin_set")
    search_fields = ("search_text", "code")
    raw_id_fields = ("parent",)
    filter_horizontal = ()
    autocomplete_fields = ("successors",)
    readonly_fields = ("level", "path")
    inlines = (SuccessionShareInline,)

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


@admin.register(SuccessionShare)
class SuccessionShareAdmin(admin.ModelAdmin):
    list_display = ("predecessor", "successor", "weight", "is_main", "source")
    list_filter = ("is_main",)
    search_fields = ("predecessor__search_text", "successor__search_text")
    autocomplete_fields = ("predecessor", "successor")

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))
