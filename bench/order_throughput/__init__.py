"""The parts of ``bench/bench_orders.py``: company data, writer threads, pgbench, CPU and report."""
