"""The PDF format: style, fonts and their cache, layout, drawing and the writer."""
