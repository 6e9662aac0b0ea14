"""The HTTP side: a FastAPI app whose routes call store.queries and nothing else."""
