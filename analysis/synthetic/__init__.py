"""Seeded synthetic dossiers of any size (10^3 to 10^6 records) for tests, benchmarks and
doctests; they pass validation like a curated one. Built on :mod:`analysis.dossier`."""

from analysis.synthetic.dossiers import synthetic_dossier

__all__ = ["synthetic_dossier"]
