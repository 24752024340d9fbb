"""Measurement tools of QUALITY.md: the scale data sets (`seed_scale`), the benchmark (`bench`),
and helpers for the load and scale-out scripts in `scripts/`.

Nothing here is imported by the site itself; the management commands and scripts import it.
"""
