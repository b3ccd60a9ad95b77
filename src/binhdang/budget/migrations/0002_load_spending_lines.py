"""Loads the spending lines shipped in data/spending_lines.json (reversible: removes the lines
no budget line uses)."""

from django.db import migrations

from binhdang.budget.catalogue import load_spending_lines, shipped_lines


def load(apps, schema_editor):
    load_spending_lines(apps.get_model("budget", "SpendingLine"))


def unload(apps, schema_editor):
    model = apps.get_model("budget", "SpendingLine")
    codes = [line["code"] for line in shipped_lines()]
    model.objects.filter(code__in=codes, entries__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_budget_lines")]
    operations = [migrations.RunPython(load, unload)]
