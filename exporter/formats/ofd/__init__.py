"""OFD (GB/T 33190-2016): the same pages as the PDF, as an OFD package."""
