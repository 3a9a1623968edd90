"""`python -m mljobs` runs the mljobs CLI (same as the `mljobs` script)."""

from mljobs.cli import app

app(prog_name="mljobs")
