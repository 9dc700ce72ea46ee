"""Briefs: what an analyst would write about a relationship, with charts and evidence.

>>> from detente.report import write_brief  # write_brief(store, "PAK", "RUS", "brief.html")
"""

from detente.report.brief import build_brief, render_html, render_markdown, write_brief

__all__ = ["build_brief", "render_html", "render_markdown", "write_brief"]
