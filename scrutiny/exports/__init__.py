"""Files made from pages' reads: tagged PDF (WeasyPrint) and spreadsheets (openpyxl)."""
