"""Channel import: web-shop and marketplace order exports (CSV or JSON) into orders.

``import_orders(path, channel, uow_factory=...)`` reads, checks and writes; ``write_error_report``
saves the refused orders with their reasons for the clerk. See ``docs/import_format.md``.
"""

from app.services.importing.report import ImportFileError, ImportProblem, ImportReport, write_error_report
from app.services.importing.service import import_orders

__all__ = ["ImportFileError", "ImportProblem", "ImportReport", "import_orders", "write_error_report"]
