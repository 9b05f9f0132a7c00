"""The parts of ``bench/bench_live.py``: client processes, the fleet of them, the writer, analysis, report."""
