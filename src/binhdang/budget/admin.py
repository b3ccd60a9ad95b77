from django.contrib import admin

from .models import SpendingLine


@admin.register(SpendingLine)
class SpendingLineAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "position", "active")
    list_editable = ("position", "active")
    search_fields = ("code", "name")
