"""Exports of a report for the rest of the newsroom: markdown, html, json, csv, ClaimReview."""

from __future__ import annotations

from reports.export.claimreview import claim_reviews, review_export
from reports.export.csv import write_tables
from reports.export.html import render_html
from reports.export.json import report_json
from reports.export.markdown import render_markdown

__all__ = ["claim_reviews", "render_html", "render_markdown", "report_json", "review_export",
           "write_tables"]
