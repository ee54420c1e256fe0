"""The one writer of every spreadsheet the admin offers (CSV and XLSX)."""
