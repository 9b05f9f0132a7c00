"""Document preview and printing (PDF from the documents service; ZPL for label printers)."""
