"""`python -m analysis` runs the mljobs CLI (same as the `mljobs` script)."""

from analysis.cli import app

app(prog_name="mljobs")
