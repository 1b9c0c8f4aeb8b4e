"""The xlsx format: our workbook writer, its hidden metadata sheet, the reader and the unit overview."""
