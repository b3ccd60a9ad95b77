"""On PostgreSQL the roll-up index also carries the value (INCLUDE), so a roll-up over ten
million values reads the index only. SQLite has no INCLUDE; the plain index stays there."""

from django.db import migrations

COVERING = (
    "CREATE INDEX datavalue_rollup ON indicators_datavalue "
    "(element_id, year, disaggregation, org_unit_id) INCLUDE (value, sub_period)"
)
PLAIN = (
    "CREATE INDEX datavalue_rollup ON indicators_datavalue "
    "(element_id, year, disaggregation, org_unit_id)"
)


def _swap(definition):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("DROP INDEX IF EXISTS datavalue_rollup")
        schema_editor.execute(definition)

    return run


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_ship_catalogue")]
    operations = [migrations.RunPython(_swap(COVERING), _swap(PLAIN))]
