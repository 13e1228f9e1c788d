"""Command line for reviewers: `ituplans review DOCUMENT` and `ituplans gold accept DOCUMENT`.

Registered in pipeline/cli.py with:

    from pipeline.review_cli import gold_app, review_command
    app.command("review")(review_command)
    app.add_typer(gold_app, name="gold")

Nothing here imports Prefect; the heavy modules are imported when a command runs.
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
    from pipeline.exceptions import IngestError
    from pipeline.review import ReviewError, build_report

    try:
        report = build_report(document, out, gold)
    except (IngestError, ReviewError) as exc:
        err_console.print(f"[red]Cannot review {escape(str(document))}:[/red] {escape(str(exc))}")
        raise typer.Exit(1)
    typer.echo(str(report))
    extra = f" --review-dir {escape(str(out))}" if out != DEFAULT_REVIEW_DIR else ""
    err_console.print(f"Open the report in a browser; correct the CSV files in {escape(str(report.parent))}/, "
                      f"then run:\n  ituplans gold accept {escape(str(document))}{extra}")


gold_app = typer.Typer(help="Reviewed gold files: accept a reviewer's corrections, see what was reviewed.",
                       no_args_is_help=True, add_completion=False)


@gold_app.command("accept")
def accept_command(
    document: Path = typer.Argument(..., help="The document the corrections are for (the same file you reviewed)."),
    dataset: Optional[str] = typer.Option(None, "--dataset", "-d", help="Accept only this dataset (e.g. kpis); "
                                          "default: every CSV file in the review folder."),
    review_dir: Path = typer.Option(DEFAULT_REVIEW_DIR, "--review-dir", help="The folder `ituplans review` wrote to."),
    gold: Path = typer.Option(GOLD_DIR, "--gold", help="Folder of reviewed gold files."),
) -> None:
    """Check the corrected CSV files and make them the gold of the document; later runs publish them."""
    from pipeline.review import ReviewError, accept

    try:
        user = getpass.getuser()
    except Exception:  # no user name in some containers
        user = ""
    try:
        results = accept(document, review_dir, gold, dataset=dataset, reviewer=user)
    except ReviewError as exc:
        err_console.print(f"[red]Not accepted.[/red] {escape(str(exc))}")
        raise typer.Exit(1)
    for r in results:
        before = "new gold file" if r.previous_rows is None else \
            f"was {r.previous_rows} rows: {r.added} added or changed, {r.removed} removed or changed"
        console.print(f"[green]accepted[/green]  {r.dataset}: {r.rows} rows ({before}) -> {escape(r.gold_file)}")
    console.print("From the next run on these rows are published with review_status = reviewed "
                  "(as long as the document's file does not change).")


@gold_app.command("status")
def status_command(
    document: Path = typer.Argument(..., help="A document file."),
    gold: Path = typer.Option(GOLD_DIR, "--gold", help="Folder of reviewed gold files."),
) -> None:
    """Which datasets of a document are reviewed for its current content."""
    from pipeline.model import document_id_for
    from pipeline.review import file_sha256, review_state

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
