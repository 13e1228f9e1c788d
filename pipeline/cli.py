"""The `ituplans` command line. Thin: it parses arguments, calls the flows, prints what happened."""

from __future__ import annotations

import pipeline.settings  # noqa: F401  (first: Prefect's settings come from the environment)

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from pipeline.review_cli import gold_app, review_command
from pipeline.settings import DEFAULT_OUTPUT, DEFAULT_SAMPLES

app = typer.Typer(
    help="Turn ITU Council planning documents (.docx, .pdf, .doc, Word text exports) into clean datasets.",
    no_args_is_help=True,
    add_completion=False,
)
# Piped output (make, CI logs) gets 120 columns instead of rich's 80 so file names are not cut.
console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
err_console = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else 120)

_STATUS_STYLE = {"ok": "green", "partial": "yellow", "failed": "red"}


def _quiet_prefect() -> None:
    """Keep Prefect's own INFO logs out of the way of our progress lines (a user's setting still wins)."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    # A run that fails as a whole (output locked, dataset breaking the dictionary) is reported by the CLI
    # itself; the flow-run logger's traceback of the same exception would only bury the message.
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "CRITICAL")


# ---------------------------------------------------------------------------------------------------------
# ituplans run


@app.command()
def run(
    paths: Optional[List[Path]] = typer.Argument(
        None, help="Files or folders to process (folders are searched for .docx .pdf .doc .txt). Default: samples/."
    ),
    out: Path = typer.Option(DEFAULT_OUTPUT, "--out", "-o", help="Output folder; versions go to <out>/runs/, "
                             "<out>/latest points at the newest."),
    task_runner: str = typer.Option("threads", "--task-runner", help="threads (default) or dask."),
    dask_address: Optional[str] = typer.Option(None, "--dask-address", help="Address of a running Dask "
                                               "scheduler (tcp://host:8786); a local cluster is started if omitted."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Threads or Dask workers (default: automatic)."),
    refresh: bool = typer.Option(False, "--refresh", help="Ignore the cache: read and extract every document again."),
    lock_timeout: float = typer.Option(120.0, "--lock-timeout", help="Seconds to wait for another run publishing "
                                       "into the same folder."),
) -> None:
    """Process documents and publish a new version of every dataset."""
    if task_runner not in ("threads", "dask"):
        err_console.print(f"[red]--task-runner must be 'threads' or 'dask', not {task_runner!r}[/red]")
        raise typer.Exit(2)
    sources = [str(p) for p in (paths or [DEFAULT_SAMPLES])]
    _quiet_prefect()
    from flows.process import add_progress_listener, remove_progress_listener, run_batch
    from pipeline.exceptions import PublishError, ValidationError

    def progress(d) -> None:
        style = _STATUS_STYLE.get(d.status, "white")
        rows = sum(v for k, v in d.rows.items() if k != "documents")
        cached = f" (cached: {', '.join(d.cached)})" if d.cached else ""
        line = f"[{style}]{d.status:>7}[/{style}]  {d.source_file}  {rows} rows{cached}"
        console.print(line)
        for e in d.errors[:3]:
            console.print(f"         [dim]{e}[/dim]")

    console.print(f"Processing {', '.join(sources)} -> {out} (task runner: {task_runner})")
    add_progress_listener(progress)
    try:
        summary = run_batch(sources, out, task_runner=task_runner, dask_address=dask_address, workers=workers,
                            refresh_cache=refresh, lock_timeout=lock_timeout)
    except PublishError as exc:
        err_console.print(f"[red]Not published:[/red] {exc}")
        raise typer.Exit(3)
    except ValidationError as exc:
        err_console.print(f"[red]Not published, a dataset breaks the data dictionary:[/red] {exc}")
        raise typer.Exit(3)
    finally:
        remove_progress_listener(progress)

    for e in summary.discovery_errors:
        console.print(f"[red]{'skipped':>7}[/red]  {e.source_file}: {e.reason}")
    _print_summary(summary)
    if not summary.documents:
        err_console.print("[red]No documents found[/red] (looked for .docx, .pdf, .doc, .txt in: "
                          f"{', '.join(sources)}).")
        raise typer.Exit(1)
    if summary.all_failed:
        err_console.print("[red]Every document failed[/red]; `latest` was not switched. See errors above and "
                          f"{summary.version_dir}/errors.csv.")
        raise typer.Exit(1)


def _print_summary(summary) -> None:
    if not summary.documents:
        return
    docs = Table(title="Documents", title_justify="left")
    for name, kw in (("file", {"no_wrap": True}), ("status", {}), ("format", {}), ("rows", {"justify": "right"}),
                     ("errors", {"justify": "right"}), ("seconds", {"justify": "right"})):
        docs.add_column(name, **kw)
    for d in summary.documents:
        style = _STATUS_STYLE.get(d.status, "white")
        rows = sum(v for k, v in d.rows.items() if k != "documents")
        secs = "cached" if {"read", "extract"} <= set(d.cached) else f"{d.seconds:.1f}"
        docs.add_row(d.source_file, f"[{style}]{d.status}[/{style}]", d.format, str(rows), str(len(d.errors)), secs)
    console.print(docs)
    if summary.row_counts:
        ds = Table(title="Datasets published", title_justify="left")
        for name in ("dataset", "rows", "added", "removed", "changed"):
            ds.add_column(name, justify="left" if name == "dataset" else "right")
        for name, n in summary.row_counts.items():
            c = summary.changes.get(name, {})
            ds.add_row(name, str(n), str(c.get("added", "")), str(c.get("removed", "")), str(c.get("changed", "")))
        console.print(ds)
    n_failed = sum(1 for d in summary.documents if d.status == "failed")
    n_partial = sum(1 for d in summary.documents if d.status == "partial")
    console.print(f"{len(summary.documents)} documents: {len(summary.documents) - n_failed - n_partial} ok, "
                  f"{n_partial} partial, {n_failed} failed; {len(summary.errors)} errors; {summary.seconds:.1f} s")
    if summary.version_dir:
        where = "and `latest` points at it" if summary.latest_switched else "(`latest` not switched)"
        console.print(f"Published {summary.version_dir} {where}")


# ---------------------------------------------------------------------------------------------------------
# ituplans evaluate  (owned by the gold / evaluation work: pipeline/gold.py exposes
# `evaluate(output_dir, gold_dir) -> pandas.DataFrame`; this command only calls it and prints the frame)


@app.command()
def evaluate(
    output_dir: Path = typer.Option(DEFAULT_OUTPUT / "latest", "--output", help="A published version to evaluate "
                                    "(default: output/latest)."),
    gold_dir: Path = typer.Option(Path("gold"), "--gold", help="Folder of reviewed gold files."),
) -> None:
    """Compare a published version against the gold files (precision / recall per dataset)."""
    try:
        from pipeline.gold import evaluate as evaluate_fn
    except ImportError as exc:
        err_console.print(f"[red]evaluate is not available yet[/red] (pipeline.gold: {exc})")
        raise typer.Exit(2)
    df = evaluate_fn(output_dir, gold_dir)
    table = Table(title="Evaluation", title_justify="left")
    for c in df.columns:
        table.add_column(str(c))
    for row in df.itertuples(index=False):
        table.add_row(*["" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v)) for v in row])
    console.print(table)


# ---------------------------------------------------------------------------------------------------------


# Reviewer commands: `ituplans review DOCUMENT`, `ituplans gold accept|status` (pipeline/review_cli.py).
app.command("review")(review_command)
app.add_typer(gold_app, name="gold")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
