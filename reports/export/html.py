"""The report as one self-contained HTML file that looks like the terminal report."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from reports.console import THEME
from reports.report import render_report
from verify.report_data import ReportData

HTML_WIDTH = 100
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<title>crosscheck report</title>
<style>
{stylesheet}
body {{ color: {foreground}; background-color: {background}; margin: 2em; }}
pre {{ font-family: Menlo, 'DejaVu Sans Mono', consolas, 'Courier New', monospace;
       font-size: 14px; line-height: 1.3; }}
</style>
</head>
<body>
<pre><code>{code}</code></pre>
</body>
</html>
"""


def render_html(data: ReportData, width: int = HTML_WIDTH) -> str:
    """The terminal report recorded by rich and exported with inline styles; text is escaped."""
    console = Console(record=True, file=StringIO(), width=width, color_system="truecolor",
                      theme=THEME, force_terminal=True, highlight=False, soft_wrap=False)
    console.print(render_report(data))
    return console.export_html(code_format=PAGE, inline_styles=True)
