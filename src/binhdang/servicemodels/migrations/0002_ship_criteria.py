"""Load the shipped evaluation template (data/criteria.json). Reversed by removing the
shipped criteria no evaluation uses."""

from django.db import migrations


def forwards(apps, schema_editor):
    from binhdang.servicemodels.criteria import load_criteria

    load_criteria(apps.get_model("servicemodels", "EvaluationCriterion"))


def backwards(apps, schema_editor):
    from binhdang.servicemodels.criteria import shipped_criteria

    criterion = apps.get_model("servicemodels", "EvaluationCriterion")
    score = apps.get_model("servicemodels", "EvaluationScore")
    used = score.objects.values("criterion_id")
    criterion.objects.filter(code__in=[c["code"] for c in shipped_criteria()]).exclude(
        pk__in=used
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("servicemodels", "0001_register")]

    operations = [migrations.RunPython(forwards, backwards)]
