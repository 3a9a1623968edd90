"""Where runtime data lives: --data-dir, else $MLJOBS_DATA_DIR, else the per-user data directory."""

import os
from pathlib import Path

import platformdirs


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory, created on first use."""
    chosen = override or os.environ.get("MLJOBS_DATA_DIR") or platformdirs.user_data_dir("mljobs")
    path = Path(chosen).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database(directory: Path) -> Path:
    return directory / "mljobs.duckdb"


def feeds(directory: Path) -> Path:
    path = directory / "feeds"
    path.mkdir(exist_ok=True)
    return path
