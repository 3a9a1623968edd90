"""mljobs: what the machine-learning job market really asks for.

The project's four folders install under this one namespace (pyproject.toml maps them):
mljobs.crawlers (Scrapy spiders), mljobs.pipeline (raw posting → facts, the DuckDB store),
mljobs.analysis (reports) and mljobs.guide (the career guide's baseline); mljobs.cli is the command line.
"""

__version__ = "0.1.0"
