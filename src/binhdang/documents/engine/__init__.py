"""Document engine: official documents (docx/pdf) and annex spreadsheets (xlsx)."""

from .docx_render import TemplateNotFound, render_docx, resolve_template
from .numbers import format_cell
from .pdf import PdfConversionFailed, PdfError, PdfUnavailable, pdf_available, render_pdf
from .types import (
    AnnexColumn,
    AnnexTable,
    DocImage,
    OfficialDocument,
    Paragraph,
    Section,
    Signature,
)
from .xlsx import render_xlsx

__all__ = [
    "AnnexColumn",
    "AnnexTable",
    "DocImage",
    "OfficialDocument",
    "Paragraph",
    "PdfConversionFailed",
    "PdfError",
    "PdfUnavailable",
    "Section",
    "Signature",
    "TemplateNotFound",
    "format_cell",
    "pdf_available",
    "render_docx",
    "render_pdf",
    "render_xlsx",
    "resolve_template",
]
