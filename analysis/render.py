"""The one place that formats output: terminal tables, JSON, CSV, Markdown."""

import json
import sys

from rich.console import Console
from rich.table import Table

from guide.baseline import Baseline


def console() -> Console:
    """Rich console on stdout, at most 100 columns so tables stay readable in narrow terminals."""
    return Console(file=sys.stdout, width=min(Console().width, 100), soft_wrap=False)


def guide(baseline: Baseline, fmt: str) -> None:
    """The parsed guide: roles with skills, skill groups, salary bands, industries and trends."""
    if fmt == "json":
        sys.stdout.write(json.dumps(baseline.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    out = console()
    roles = Table(title=f"Roles in the guide ({baseline.source})")
    roles.add_column("id", no_wrap=True)
    roles.add_column("name", overflow="fold")
    roles.add_column("skills", overflow="fold")
    for role in baseline.roles:
        roles.add_row(role.id, role.name, ", ".join(role.skills))
    out.print(roles)
    groups = Table(title="Skills the guide requires")
    groups.add_column("group")
    groups.add_column("skills", overflow="fold")
    for name, skills in baseline.skill_groups.items():
        groups.add_row(name, ", ".join(skills))
    out.print(groups)
    bands = Table(title="Salary bands")
    for column in ("level", "min", "max", "currency", "period"):
        bands.add_column(column, justify="right" if column in ("min", "max") else "left")
    for band in baseline.salary_bands:
        top = "open" if band.max is None else f"{band.max:,.0f}" + ("+" if band.open_upper else "")
        bands.add_row(band.level, f"{band.min:,.0f}", top, band.currency, band.period)
    out.print(bands)
    facts = Table(title="Industries and trends", show_header=False)
    facts.add_column("claim")
    facts.add_column("values", overflow="fold")
    for label, values in (
        ("top-paying industries", baseline.top_paying_industries),
        ("growth industries", baseline.growth_industries),
        ("emerging trends", baseline.emerging_trends),
        ("certifications", baseline.certifications),
        ("learning resources", baseline.learning_resources),
    ):
        facts.add_row(label, ", ".join(values))
    out.print(facts)
