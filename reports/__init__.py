"""Reports: rendering claims and conflicts for the terminal and for export."""

from reports.emit import write_csv, write_json
from reports.report import render_report
from reports.safe import clean, safe_text

__all__ = ["clean", "render_report", "safe_text", "write_csv", "write_json"]
