"""The names of the two boundaries, as every place a person reads them writes them: the filter bar and the
headers, the downloads' `Địa giới đơn vị`, the meeting report (HTML, PDF) and the command line's help."""

from __future__ import annotations

from queries.scope import BOUNDARY_CURRENT, BOUNDARY_REPORTED

BOUNDARY_LABELS = {
    BOUNDARY_REPORTED: "Đơn vị theo từng năm",
    BOUNDARY_CURRENT: "5 đơn vị mới (từ 2025)",
}
