"""The text of a PDF, page by page (every page A4), with its spaces squeezed."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

A4 = (595.28, 841.89)  # points


def pdf_pages(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.1)
    return [page.extract_text() for page in reader.pages]


def squeeze(text: str) -> str:
    """PDF text with line breaks and repeated spaces folded, so a wrapped phrase still matches."""
    return re.sub(r"\s+", " ", text)
