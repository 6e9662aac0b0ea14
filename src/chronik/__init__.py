"""chronik: dated news reports into a time-aware, source-attributed knowledge base."""

__version__ = "0.1.0"
