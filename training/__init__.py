"""Build-time code: what trains the shipped models and writes the shipped tables (`make models`,
`make resources`). Not part of the installed package; it reads ../shared/data."""
