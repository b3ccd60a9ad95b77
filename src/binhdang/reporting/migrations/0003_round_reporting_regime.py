"""The reporting regime of a round (Decree 09/2019/NĐ-CP): report type, data cut-off window,
outline and how reports are sent. Existing rounds get the default window of their period;
going back drops the columns (nothing else was changed)."""

from django.db import migrations, models

from binhdang.reporting.regime import cutoff_window


def fill_windows(apps, schema_editor):
    ReportingRound = apps.get_model("reporting", "ReportingRound")
    for row in ReportingRound.objects.filter(cutoff_from__isnull=True).iterator():
        try:
            start, end = cutoff_window(row.period_type, row.period_year, row.period_number)
        except ValueError:
            continue  # a period without its number: the page reads the default once it is set
        ReportingRound.objects.filter(pk=row.pk).update(cutoff_from=start, cutoff_to=end)


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0002_version_event_correct'),
    ]

    operations = [
        migrations.AddField(
            model_name='reportinground',
            name='cutoff_from',
            field=models.DateField(blank=True, null=True, verbose_name='data counted from'),
        ),
        migrations.AddField(
            model_name='reportinground',
            name='cutoff_to',
            field=models.DateField(blank=True, null=True, verbose_name='data counted until'),
        ),
        migrations.AddField(
            model_name='reportinground',
            name='delivery_method',
            field=models.CharField(blank=True, max_length=500, verbose_name='how reports are sent'),
        ),
        migrations.AddField(
            model_name='reportinground',
            name='report_template',
            field=models.CharField(blank=True, max_length=500, verbose_name='report outline and data forms'),
        ),
        migrations.AddField(
            model_name='reportinground',
            name='report_type',
            field=models.CharField(choices=[('periodic', 'Periodic'), ('thematic', 'Thematic'), ('ad_hoc', 'Ad hoc')], default='periodic', max_length=10, verbose_name='report type'),
        ),
        migrations.RunPython(fill_windows, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='reportinground',
            constraint=models.CheckConstraint(condition=models.Q(('cutoff_to__gte', models.F('cutoff_from'))), name='round_cutoff_ordered'),
        ),
    ]
