import os
import time
from pathlib import Path

from django.apps import AppConfig


def _scope(actor, target_id: int):
    from binhdang.orgunits.models import OrgUnit

    return OrgUnit.objects.get(pk=target_id), "round.view"


def _build(job, progress):
    folder = Path(os.environ["BINHDANG_BLOCK_DIR"])
    progress(10, "Đang làm thẻ thử nghiệm…")
    (folder / f"started-{job.pk}-{job.attempts}").write_text(str(os.getpid()))
    while not (folder / "release").exists():
        time.sleep(0.05)
    return "blocked.docx", b"released"


class BlockingDocumentsConfig(AppConfig):
    name = "tests.faults.blocking_documents"
    label = "blocking_documents"

    def ready(self) -> None:
        from binhdang.documents.kinds import DocumentKind, register_kind

        register_kind(DocumentKind("blocking", "Blocking test document", ("docx",), _scope, _build))
