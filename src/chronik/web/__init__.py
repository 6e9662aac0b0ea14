"""Server-rendered pages (Jinja2); every page has a .json twin built from the same query."""
