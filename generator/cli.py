"""The `opcc-site` command line: a thin layer over generator.commands.

Exit codes: 0 publishable, 1 problems found (nothing written), 2 wrong use of the command.
Heavy modules are imported only when a command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

DATE_OPTION = click.option(
    "--date",
    "build_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Build the site as on this day (YYYY-MM-DD), to preview the pre-election banner "
    "and the timetable; default: today.",
)

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder (the one holding content/ and responses/).",
)


def _project(root: Path):
    from generator.project import Project

    if not root.is_dir():
        raise click.UsageError(f"the folder {root} does not exist")
    if not (root / "content").is_dir() and not (root / "responses").is_dir():
        raise click.UsageError(
            f"{root} has neither a content/ nor a responses/ folder; run the command in the "
            "project folder, or name it with --root"
        )
    return Project(root.resolve())


def _report(result, output_format: str = "text") -> None:
    from generator.commands.report import as_json, grouped

    if output_format == "json":
        click.echo(as_json(result))
        return
    for line in grouped(result.diagnostics):
        click.echo(line)
    for line in result.redaction.lines():
        click.echo(line)
    click.echo(result.summary())  # last, as the verdict


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="opcc-election-site")
def cli() -> None:
    """Check and build the OPCC's bilingual election information site."""


@cli.command()
@ROOT_OPTION
@DATE_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: problems grouped by file, for people; json: for other programs.",
)
def check(root: Path, build_date, output_format: str) -> None:
    """Check every document and say what must be fixed before publishing."""
    from generator.commands.check import run_check

    result = run_check(_project(root), build_date.date() if build_date else None)
    _report(result, output_format)
    sys.exit(0 if result.ok else 1)


@cli.command()
@ROOT_OPTION
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: site/ in the project folder).",
)
@DATE_OPTION
def build(root: Path, out: Path | None, build_date) -> None:
    """Check everything, then build the site; on any problem the old site is kept."""
    from generator.commands.build import run_build

    project = _project(root)
    target = (out or project.root / "site").resolve()
    today = build_date.date() if build_date else None
    outcome = run_build(project, target, echo=click.echo, today=today)
    if outcome.check is not None:
        from generator.commands.report import grouped

        for line in grouped(outcome.check.diagnostics):
            click.echo(line)
    for line in outcome.messages:
        click.echo(line)
    sys.exit(0 if outcome.ok else 1)


@cli.command()
@ROOT_OPTION
@click.option("--port", default=8000, show_default=True, help="Port to serve on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@DATE_OPTION
def serve(root: Path, port: int, host: str, build_date) -> None:
    """Preview the site at http://127.0.0.1:8000/, rebuilding when a file changes."""
    from generator.commands.serve import run_serve

    today = build_date.date() if build_date else None
    run_serve(_project(root), host=host, port=port, echo=click.echo, today=today)


@cli.command()
def rules() -> None:
    """List every problem check can report: its code, what it means and how to fix it."""
    from generator.rules.catalogue import RULES

    class _Named(dict):  # the general form of a message: {allowed} shows as <allowed>
        def __missing__(self, key: str) -> str:
            return f"<{key.replace('_', ' ')}>"

    for code, rule in sorted(RULES.items()):
        message = rule.message.format_map(_Named())
        hint = rule.hint.format_map(_Named())
        click.echo(f"{code} {rule.name}: {message}\n    {rule.why}\n    fix: {hint}\n")


def main() -> None:
    cli(prog_name="opcc-site")
