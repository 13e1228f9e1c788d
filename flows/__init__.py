"""Prefect flows. `pipeline.settings` is imported first so Prefect sees the project's settings."""

import pipeline.settings  # noqa: F401  (must precede any prefect import)
