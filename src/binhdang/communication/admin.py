from django.contrib import admin

from .models import CampaignTemplate


@admin.register(CampaignTemplate)
class CampaignTemplateAdmin(admin.ModelAdmin):
    """The campaigns that come back every year (the Action Month is shipped): the periodic
    job makes each year's campaign from every active one."""

    list_display = ("title", "kind", "start_day", "start_month", "end_day", "end_month", "active")
    list_filter = ("kind", "active")
