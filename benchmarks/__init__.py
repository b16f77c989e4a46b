"""Benchmarks for modelcard-share; run them all with ``python -m benchmarks``."""
