"""The parsed guide kept in the data directory: every report parses the guide, and parsing it costs more than
the rest of a small report's start (the skill and salary vocabularies it reads through: ~0.1 s).

The cache file is named by a hash of the guide's text and of everything the parse reads (the parser, the
skill and salary code and vocabularies, the version), so an edited guide or a new mljobs parses afresh. It is
only a cache: a file that can't be read or written means the guide is parsed, never an error.
"""

import hashlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path

from mljobs.guide import baseline

from mljobs import __version__

# What a parse depends on besides the guide's text: (package, file).
PARSER_FILES = (
    ("mljobs.guide", "baseline.py"),
    ("mljobs.pipeline", "skills.py"), ("mljobs.pipeline", "salary_text.py"), ("mljobs.pipeline", "salary_vocab.py"),
    ("mljobs.pipeline.vocab", "skills.toml"), ("mljobs.pipeline.vocab", "salary.toml"),
)


def load(path: str | Path | None, directory: Path) -> baseline.Baseline:
    """The guide at `path` (None: the bundled one), parsed, or read from `directory` if parsed before."""
    text, source = baseline.read(path)
    cached = directory / f"guide-{_key(text, source)}.json"
    try:
        return baseline.Baseline.from_dict(json.loads(cached.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not parsed before (or a damaged copy): parse it
    parsed = baseline.parse(text, source)
    _keep(parsed, cached)
    return parsed


def _keep(parsed: baseline.Baseline, cached: Path) -> None:
    """Write the parse whole or not at all (a concurrent reader never sees half a file); a read-only or full
    data directory just means the next run parses again."""
    temporary = None
    try:
        cached.parent.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cached.parent, suffix=".tmp",
                                         delete=False) as out:
            temporary = Path(out.name)
            json.dump(parsed.to_dict(), out)
        os.replace(temporary, cached)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _key(text: str, source: str) -> str:
    digest = hashlib.sha256(f"{__version__}\0{source}\0{text}".encode())
    for package, name in PARSER_FILES:
        digest.update(resources.files(package).joinpath(name).read_bytes())
    return digest.hexdigest()[:24]
