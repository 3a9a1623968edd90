"""The folders' boundaries (DESIGN.md's layout): the crawl does not import the store's package, nor the store
Scrapy. Checked in a fresh interpreter, where nothing else has imported anything yet."""

import json
import subprocess
import sys

IMPORTED = """
import importlib, json, pkgutil, sys
import {package}
for module in pkgutil.walk_packages({package}.__path__, "{package}."):
    importlib.import_module(module.name)
print(json.dumps(sorted({{name.split(".")[0] if not name.startswith("mljobs") else ".".join(name.split(".")[:2])
               for name in sys.modules}})))
"""


def imported_by(package: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", IMPORTED.format(package=package)], capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


def test_the_crawl_does_not_import_the_store() -> None:
    imported = imported_by("mljobs.crawlers")
    assert "scrapy" in imported and "mljobs.crawlers" in imported  # it did load the spiders
    assert "mljobs.pipeline" not in imported and "duckdb" not in imported


def test_the_store_does_not_import_scrapy() -> None:
    imported = imported_by("mljobs.pipeline")
    assert "mljobs.pipeline" in imported and "scrapy" not in imported
