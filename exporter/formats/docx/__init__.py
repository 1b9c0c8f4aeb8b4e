"""The Word format: the table written as .docx (writer) and Word tables read back (reader)."""
