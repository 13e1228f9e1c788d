"""Command line for reviewers: `ituplans review DOCUMENT` and `ituplans gold accept|undo|status DOCUMENT`.

Registered in pipeline/cli.py with:

    from pipeline.review.cli import gold_app, review_command
    app.command("review")(review_command)
    app.add_typer(gold_app, name="gold")

Nothing here imports Prefect; the heavy modules are imported when a command runs. The commands shown to the
reviewer are spelled the way `ituplans` runs here (`.venv/bin/ituplans` after `make run`).
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from pipeline.gold import GOLD_DIR

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

DEFAULT_REVIEW_DIR = Path("review")


def review_command(
    document: Path = typer.Argument(..., help="The document to review (.docx, .pdf, .doc or .txt)."),
    out: Path = typer.Option(DEFAULT_REVIEW_DIR, "--out", "-o", help="Folder for the report and the CSV files "
                             "(written to <out>/<document id>/)."),
    gold: Path = typer.Option(GOLD_DIR, "--gold", help="Folder of reviewed gold files."),
) -> None:
    """Write a review report (HTML) and one CSV per dataset to correct; prints the report's path."""
    from pipeline.exceptions import IngestError, ReviewError
    from pipeline.review.report import build_report
    from pipeline.review.state import command

    try:
        report = build_report(document, out, gold)
    except (IngestError, ReviewError) as exc:
        err_console.print(f"[red]Cannot review {escape(str(document))}:[/red] {escape(str(exc))}")
        raise typer.Exit(1)
    typer.echo(str(report))
    extra = f" --review-dir {escape(str(out))}" if out != DEFAULT_REVIEW_DIR else ""
    err_console.print(f"Open the report in a browser; correct the CSV files in {escape(str(report.parent))}/, "
                      f"then run:\n  {command()} gold accept {escape(str(document))}{extra}")


gold_app = typer.Typer(help="Reviewed gold files: accept a reviewer's corrections, undo the last accept, see what "
                       "was reviewed.", no_args_is_help=True, add_completion=False)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return ""


@gold_app.command("accept")
def accept_command(
    document: Path = typer.Argument(..., help="The document the corrections are for (the same file you reviewed)."),
    dataset: Optional[str] = typer.Option(None, "--dataset", "-d", help="Accept only this dataset (e.g. kpis), "
                                          "also when its CSV is unchanged (you confirm it); default: every CSV "
                                          "you changed."),
    review_dir: Path = typer.Option(DEFAULT_REVIEW_DIR, "--review-dir", help="The folder `ituplans review` wrote to."),
    gold: Path = typer.Option(GOLD_DIR, "--gold", help="Folder of reviewed gold files."),
) -> None:
    """Check the corrected CSV files and make what you changed the gold of the document; later runs publish it."""
    from pipeline.exceptions import ReviewError
    from pipeline.review.accept import NEW, UNCHANGED, accept
    from pipeline.review.state import command

    try:
        results = accept(document, review_dir, gold, dataset=dataset, reviewer=_user())
    except ReviewError as exc:
        err_console.print(f"[red]Not accepted.[/red] {escape(str(exc))}")
        raise typer.Exit(1)
    for r in results:
        if r.outcome == UNCHANGED:
            console.print(f"unchanged {r.dataset}: not accepted (you did not change its CSV; name it with "
                          f"--dataset {r.dataset} to confirm it as reviewed)")
            continue
        before = "new gold file" if r.outcome == NEW else f"was {r.previous_rows} rows: {r.changes.summary()}"
        console.print(f"[green]accepted[/green]  {r.dataset}: {r.rows} rows ({before}) -> {escape(r.gold_file)}")
    if any(r.outcome != UNCHANGED for r in results):
        console.print("From the next run on these rows are published with review_status = reviewed (as long as "
                      f"the document's file does not change). To take this back: {command()} gold undo "
                      f"{escape(str(document))}")
    else:
        console.print("Nothing was accepted: no CSV file was changed.")


@gold_app.command("undo")
def undo_command(
    document: Path = typer.Argument(..., help="The document whose last accept to undo."),
    gold: Path = typer.Option(GOLD_DIR, "--gold", help="Folder of reviewed gold files."),
) -> None:
    """Restore the document's gold as it was before its last accept."""
    from pipeline.exceptions import ReviewError
    from pipeline.review.accept import undo

    try:
        info, files = undo(document, gold)
    except ReviewError as exc:
        err_console.print(f"[red]Not undone.[/red] {escape(str(exc))}")
        raise typer.Exit(1)
    console.print(f"Undid the accept of {escape(str(info.get('accepted_at', '?')))} "
                  f"({escape(', '.join(info.get('datasets', {})))}): restored {escape(', '.join(files))}")


@gold_app.command("status")
def status_command(
    document: Path = typer.Argument(..., help="A document file."),
    gold: Path = typer.Option(GOLD_DIR, "--gold", help="Folder of reviewed gold files."),
) -> None:
    """Which datasets of a document are reviewed for its current content."""
    from pipeline.model import document_id_for
    from pipeline.readers.common import file_sha256
    from pipeline.review.state import review_state

    if not document.is_file():
        err_console.print(f"[red]{escape(str(document))}: no such file[/red]")
        raise typer.Exit(1)
    states = review_state(gold, document_id_for(document.name), file_sha256(document))
    words = {"reviewed": "[green]reviewed[/green] (gold applied)",
             "stale": "[magenta]stale[/magenta] (accepted for other content of the file: NOT applied)",
             "gold": "gold exists, not accepted through review", "none": "no gold"}
    for d, st in states.items():
        entry = st.get("entry") or {}
        when = escape(f"  accepted {entry.get('accepted_at')} from {entry.get('source_file')}") if entry else ""
        console.print(f"{d.value:<24} {words[st['state']]}{when}")
