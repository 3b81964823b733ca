"""Signal handlers of the directory (search indexing lives in search/)."""
