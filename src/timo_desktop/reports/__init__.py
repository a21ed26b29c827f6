"""Reports as text, JSON and CSV (no Qt here; the PDF lives in `ui.report_pdf`)."""
