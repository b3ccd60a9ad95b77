"""The recurring Action Month (15/11 - 15/12 every year, since 2017), from which each year's
campaign is made. Reversible: removes the template only if no campaign was made from it."""

from django.db import migrations

TITLE = "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới"


def add(apps, schema_editor):
    Template = apps.get_model("communication", "CampaignTemplate")
    Template.objects.get_or_create(
        key="action-month",
        defaults={
            "title": TITLE,
            "kind": "action_month",
            "start_day": 15,
            "start_month": 11,
            "end_day": 15,
            "end_month": 12,
            "first_year": 2017,
        },
    )


def remove(apps, schema_editor):
    Template = apps.get_model("communication", "CampaignTemplate")
    Template.objects.filter(key="action-month", campaigns__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("communication", "0001_activities_campaigns_role_models")]
    operations = [migrations.RunPython(add, remove)]
