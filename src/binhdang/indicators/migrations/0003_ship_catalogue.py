"""Ship the indicator catalogue with the schema, so every installation (and the report forms
that link their numeric fields to data elements) has it. Reversing leaves the rows: they may
carry values and administrators' corrections by then."""

from django.db import migrations


def load(apps, schema_editor):
    from binhdang.indicators.services import load_catalogue

    load_catalogue(models={
        "DataElement": apps.get_model("indicators", "DataElement"),
        "Indicator": apps.get_model("indicators", "Indicator"),
        "ValidationRule": apps.get_model("indicators", "ValidationRule"),
    })  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_datavalue_demo_index")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
