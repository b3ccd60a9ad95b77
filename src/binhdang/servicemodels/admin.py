"""Administrators edit the evaluation template and the commune profiles here."""

from django.contrib import admin

from .models import CommuneProfile, EvaluationCriterion


@admin.register(EvaluationCriterion)
class EvaluationCriterionAdmin(admin.ModelAdmin):
    list_display = ("code", "text", "max_score", "order", "is_active")
    list_editable = ("max_score", "order", "is_active")
    search_fields = ("code", "text")


@admin.register(CommuneProfile)
class CommuneProfileAdmin(admin.ModelAdmin):
    list_display = ("commune", "population", "ethnic_minority_area", "source")
    list_filter = ("ethnic_minority_area",)
    search_fields = ("commune__name",)
    autocomplete_fields = ("commune",)
