"""Text rules shared by every format: characters, display width, line breaking, punctuation."""
