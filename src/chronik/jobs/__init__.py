"""Jobs that move reports through the layers: ingest (one process or a Dask cluster),
re-analysis, export.

Every job stores a report the same way, through `chronik.jobs.write.store_and_link`.
"""
