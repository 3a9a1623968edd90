"""Where data lives: --data-dir, then $MLJOBS_DATA_DIR, then the per-user directory."""

from mljobs import paths


def test_override_is_created(tmp_path):
    target = tmp_path / "a" / "b"
    assert paths.data_dir(target) == target and target.is_dir()


def test_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("MLJOBS_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"
    assert paths.data_dir(tmp_path / "flag") == tmp_path / "flag"  # the flag wins


def test_default_is_per_user(tmp_path, monkeypatch):
    monkeypatch.delenv("MLJOBS_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.data_dir() == tmp_path / "xdg" / "mljobs"
    assert paths.database(paths.data_dir()).name == "mljobs.duckdb"
