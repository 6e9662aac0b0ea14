"""`make bench`: throughput and latency, printed as tables and saved as JSON under
benchmarks/results/."""
