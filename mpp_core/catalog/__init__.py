"""The catalog's data format: validation, canonical documents and files."""
