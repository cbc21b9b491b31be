"""Registry pages, split by feature."""
