from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binhdang.documents import report_kind, services
from binhdang.documents.engine import PdfError
from binhdang.documents.models import ConsolidatedReport
from binhdang.formats.numbers import parse_id


class Command(BaseCommand):
    help = (
        "Write the consolidated report of a reporting round (its id or slug) to a file as "
        "docx, xlsx (annexes) or pdf; compiles the report first when it does not exist yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("round", help="id or slug of the reporting round")
        parser.add_argument("--format", choices=["docx", "xlsx", "pdf"], default="docx")
        parser.add_argument("--output", required=True, help="file to write")
        parser.add_argument("--no-charts", action="store_true", help="leave out indicator charts")

    def handle(self, *args, **options):
        from binhdang.accounts.models import User
        from binhdang.reporting.models import ReportingRound

        key = options["round"]
        lookup = {"pk": parse_id(key)} if parse_id(key) is not None else {"slug": key}
        reporting_round = (
            ReportingRound.objects.select_related("owner_unit").filter(**lookup).first()
        )
        if reporting_round is None:
            raise CommandError(f"Không tìm thấy đợt báo cáo “{key}”.")
        # A script acts with full rights: the first active superuser is the audited actor.
        actor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if actor is None:
            raise CommandError("Cần ít nhất một tài khoản quản trị (superuser) đang hoạt động.")
        report = ConsolidatedReport.objects.filter(round=reporting_round).first()
        if report is None:
            report = services.compile_report(actor=actor, round=reporting_round)
            self.stderr.write(f"Đã tổng hợp báo cáo của đợt “{reporting_round.title}”.")
        report = ConsolidatedReport.objects.select_related("round", "round__owner_unit").get(
            pk=report.pk
        )
        fmt = options["format"]
        try:
            files = report_kind.report_files(
                report, user=actor, formats=(fmt,), with_charts=not options["no_charts"]
            )
        except PdfError as exc:
            raise CommandError(str(exc)) from exc
        output = Path(options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(files[fmt])
        self.stdout.write(f"{output} ({len(files[fmt]):,} bytes)")
