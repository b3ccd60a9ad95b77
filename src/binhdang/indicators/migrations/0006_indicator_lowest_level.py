"""Each indicator says the lowest administrative level it is reported at, so a district's
report and dashboard leave out the national-only ones (a share of provinces). The shipped
indicators get their level; reversing drops the field."""

from django.db import migrations, models


def set_levels(apps, schema_editor):
    from binhdang.indicators.data.catalogue import INDICATORS

    Indicator = apps.get_model("indicators", "Indicator")
    for spec in INDICATORS:
        if spec["lowest_level"] != "commune":
            Indicator.objects.filter(code=spec["code"]).update(lowest_level=spec["lowest_level"])


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_margin_label")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="lowest_level",
            field=models.CharField(
                choices=[
                    ("national", "National"),
                    ("province", "Province"),
                    ("district", "District"),
                    ("commune", "Commune"),
                ],
                default="commune",
                help_text=(
                    "The lowest administrative level at which the indicator means something (a "
                    "share of provinces is national only); reports and dashboards below it "
                    "leave it out."
                ),
                max_length=8,
                verbose_name="reported down to",
            ),
        ),
        migrations.RunPython(set_levels, migrations.RunPython.noop),
    ]
