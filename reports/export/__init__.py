"""Exports of a report for the rest of the newsroom: markdown, html, json, csv, ClaimReview.

Each renderer is imported when first asked for: `report --format html` loads only the HTML one."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reports.export.claimreview import claim_reviews, review_export
    from reports.export.csv import write_tables
    from reports.export.html import render_html
    from reports.export.json import report_json
    from reports.export.markdown import render_markdown

_HOME = {"claim_reviews": "claimreview", "review_export": "claimreview", "write_tables": "csv",
         "render_html": "html", "report_json": "json", "render_markdown": "markdown"}

__all__ = ["claim_reviews", "render_html", "render_markdown", "report_json", "review_export",
           "write_tables"]


def __getattr__(name: str) -> object:
    """A renderer, from its module, loaded the first time it is asked for."""
    if name in _HOME:
        return getattr(import_module(f"reports.export.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
