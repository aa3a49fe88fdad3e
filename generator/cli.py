"""The `opcc-site` command line: a thin layer over generator.commands.

Exit codes: 0 publishable, 1 problems found (nothing written), 2 wrong use of the command.
Heavy modules are imported only when a command runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import NoReturn

import click


class _Day(click.ParamType):
    """A date typed as YYYY-MM-DD, refused in plain words (click's own message quotes
    the format as '%Y-%m-%d')."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, datetime):
            return value
        try:
            return datetime.strptime(str(value).strip(), "%Y-%m-%d")
        except ValueError:
            self.fail(
                f"'{value}' is not a date written as YYYY-MM-DD (year, month, day), "
                "such as 2024-04-22",
                param,
                ctx,
            )


DAY = _Day()

DATE_OPTION = click.option(
    "--date",
    "build_date",
    type=DAY,
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


def out_option(what: str):  # type: ignore[no-untyped-def]
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"{what} (default: site/ in the project folder).",
    )


NO_CACHE_OPTION = click.option(
    "--no-cache",
    is_flag=True,
    help="Work everything out afresh, reading and changing none of the caches kept "
    "between runs (slower; always the same result).",
)


def _caches(no_cache: bool) -> contextlib.AbstractContextManager[None]:
    from generator.usercache import fresh_caches

    return fresh_caches() if no_cache else contextlib.nullcontext()


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
@NO_CACHE_OPTION
def check(root: Path, build_date, output_format: str, no_cache: bool) -> None:
    """Check every document and say what must be fixed before publishing."""
    from generator.commands.check import run_check

    with _caches(no_cache):
        result = run_check(_project(root), build_date.date() if build_date else None)
    _report(result, output_format)
    _end(0 if result.ok else 1)


@cli.command()
@ROOT_OPTION
@out_option("Where to write the site")
@DATE_OPTION
@click.option(
    "--site-url",
    help="The address the site will be published at, such as "
    "https://www.example.police.uk/election-2024/ (default: site_url in mkdocs.yml).",
)
@click.option(
    "--zip",
    "zip_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the site as this zip file, with every file's SHA-256 beside it.",
)
@NO_CACHE_OPTION
def build(
    root: Path,
    out: Path | None,
    build_date,
    site_url: str | None,
    zip_path: Path | None,
    no_cache: bool,
) -> None:
    """Check everything, then build the site; on any problem the old site is kept.
    The same sources and build date always give the same files, byte for byte."""
    from generator.commands.build import STEPS, run_build

    project = _project(root)
    target = (out or project.root / "site").resolve()
    today = build_date.date() if build_date else None
    if site_url and not site_url.startswith(("https://", "http://")):
        raise click.BadParameter(
            "give the full address, starting https://", param_hint="--site-url"
        )
    # A progress bar on a terminal, on stderr; nothing at all when the output is piped.
    with click.progressbar(length=STEPS, label="Building", file=sys.stderr) as bar:
        begun: list[str] = []

        def step(label: str) -> None:
            if begun:
                bar.update(1)  # the stage before this one is done
            begun.append(label)
            bar.label = label

        with _caches(no_cache):
            outcome = run_build(
                project,
                target,
                echo=click.echo,
                today=today,
                site_url=site_url,
                zip_path=zip_path.resolve() if zip_path else None,
                step=step,
                fresh=no_cache,
            )
        if outcome.ok:
            bar.update(STEPS - bar.pos)
    if outcome.check is not None:
        from generator.commands.report import grouped

        for line in grouped(outcome.check.diagnostics):
            click.echo(line)
    for line in outcome.messages:
        click.echo(line)
    _end(0 if outcome.ok else 1)


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
@click.argument("kind", type=click.Choice(["response", "briefing", "session", "meeting", "page"]))
@ROOT_OPTION
@click.option("--title-en", help="The title in English.")
@click.option("--title-cy", help="The title in Welsh.")
@click.option(
    "--received",
    type=DAY,
    help="response: the day the request arrived (YYYY-MM-DD).",
)
@click.option(
    "--channel",
    type=click.Choice(["email", "letter", "verbal", "meeting", "web-form"]),
    help="response: how the request was made.",
)
@click.option(
    "--requester",
    type=click.Choice(
        ["prospective-candidate", "candidate", "agent", "party", "public", "incumbent"]
    ),
    help="response: who asked (never their name).",
)
@click.option("--topic", help="response: one of the topics in content/election.yml.")
@click.option("--foi-reference", help="response: the FOI reference, if it is an FOI request.")
@click.option(
    "--confirmed",
    type=DAY,
    help="response made verbally or in a meeting: the day it was confirmed in writing.",
)
@click.option(
    "--date",
    "on",
    type=DAY,
    help="session or meeting: the day it took place; briefing: the day its facts are as at.",
)
@click.option("--name", help="briefing, session, meeting or page: the file name, without .en.md.")
def new(kind: str, root: Path, **given) -> None:  # type: ignore[no-untyped-def]
    """Start a new response or document: writes its English and Welsh files as drafts.

    KIND is response, briefing (a briefing pack document), session (notes of a briefing
    session), meeting (notes of a meeting) or page. Anything not given as an option is
    asked for. An existing file is never overwritten.
    """
    from generator.commands.new import NewError, new_document, new_response
    from generator.content.loader import load_election

    project = _project(root)
    titles = {
        "en": given["title_en"] or click.prompt("Title in English"),
        "cy": given["title_cy"] or click.prompt("Title in Welsh (Teitl yn Gymraeg)"),
    }
    try:
        if kind == "response":
            election, _problems = load_election(project)
            topics = sorted(election.topics) if election else []
            received = given["received"] or click.prompt(
                "Date the request arrived (YYYY-MM-DD)",
                type=DAY,
            )
            channel = given["channel"] or click.prompt(
                "How it was made",
                type=click.Choice(["email", "letter", "verbal", "meeting", "web-form"]),
            )
            requester = given["requester"] or click.prompt(
                "Who asked",
                type=click.Choice(
                    ["prospective-candidate", "candidate", "agent", "party", "public", "incumbent"]
                ),
            )
            topic = given["topic"] or click.prompt(
                "Topic", type=click.Choice(topics) if topics else str
            )
            if topics and topic not in topics:
                raise click.BadParameter(
                    f"'{topic}' is not a topic in content/election.yml: {', '.join(topics)}",
                    param_hint="--topic",
                )
            confirmed = given["confirmed"]
            if channel in ("verbal", "meeting") and confirmed is None:
                confirmed = click.prompt(
                    "Date it was confirmed in writing (YYYY-MM-DD)",
                    type=DAY,
                )
            created = new_response(
                project,
                titles=titles,
                received=received.date(),
                channel=channel,
                requester=requester,
                topic=topic,
                foi=bool(given["foi_reference"]),
                foi_reference=given["foi_reference"],
                confirmed_in_writing=confirmed.date() if confirmed else None,
                polling_year=election.polling_day.year if election else None,
            )
        else:
            on = given["on"]
            if on is None and kind in ("session", "meeting"):
                on = click.prompt("Date it took place (YYYY-MM-DD)", type=DAY)
            created = new_document(
                project, kind, titles=titles, on=on.date() if on else None, name=given["name"]
            )
    except NewError as problem:
        click.echo(f"Nothing was written: {problem}.", err=True)
        sys.exit(1)
    click.echo("Created, as drafts:")
    for path in created:
        click.echo(f"  {path}")
    click.echo(
        "Next: replace each TODO with the text, in both files; run 'opcc-site check'; "
        "when it is signed off, change 'status: draft' to 'status: ready' in both."
    )


@cli.command()
@ROOT_OPTION
@out_option("The last build to compare with")
@DATE_OPTION
def status(root: Path, out: Path | None, build_date) -> None:
    """The register at a glance: requests waiting for an answer, drafts, documents
    waiting for their other language, and what the next build will publish."""
    from generator.commands.status import lines, run_status

    project = _project(root)
    today = build_date.date() if build_date else None
    for line in lines(run_status(project, (out or project.root / "site").resolve(), today)):
        click.echo(line)


@cli.command()
@click.argument("reference")
@ROOT_OPTION
def history(reference: str, root: Path) -> None:
    """Who changed a response and when, from git: REFERENCE is its reference, such as
    PCC24-003."""
    from generator.commands.history import HistoryError
    from generator.commands.history import history as read_history

    try:
        changes, pending = read_history(_project(root), reference)
    except HistoryError as problem:
        click.echo(f"No history: {problem}.", err=True)
        sys.exit(1)
    if not changes:
        click.echo(f"{reference.upper()} has never been committed to git.")
    for change in changes:
        click.echo(f"{change.when[:16].replace('T', ' ')}  {change.author}  ({change.commit})")
        click.echo(f"    {change.subject}")
        click.echo(f"    files: {', '.join(change.files)}")
        for fact in change.facts:
            click.echo(f"    {fact}")
    for path in pending:
        click.echo(f"Not yet committed: changes to {path}")


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


# Set by main(), where the command is the whole process; not when a test runs it.
_ending_the_process = False


def _end(code: int) -> NoReturn:
    """Ends a check or a build. Where the command is the whole process, the process ends
    as soon as what it printed is out, as mypy's does: Python would otherwise free the
    loaded site object by object first (a fifth of a second for 5,000 responses).
    Everything it wrote is closed by then, and its worker pools and engines have ended."""
    if _ending_the_process:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None under pythonw
                stream.flush()
        os._exit(code)
    sys.exit(code)


def main() -> None:
    global _ending_the_process
    _ending_the_process = True
    cli(prog_name="opcc-site")
