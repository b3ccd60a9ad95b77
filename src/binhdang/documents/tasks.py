"""Background tasks of the documents app (run by `binhdang run-worker`)."""

from django_tasks import task


@task()
def generate_document(job_id: int) -> str | None:
    """Build a DocumentJob's file; the job row carries its progress and outcome."""
    from .jobs import run_job

    return run_job(job_id)


@task()
def make_frozen_pdf(version_id: int) -> None:
    """Convert a finalised version's kept Word file to PDF ahead of the first request."""
    from .frozen import make_pdf

    make_pdf(version_id)
