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

from pipeline.records import Dataset
from pipeline.review.cli import gold_app, review_command
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
    paths: Optional[List[str]] = typer.Argument(
        None, help="Files, folders or URLs to process (folders are searched for .docx .pdf .doc .txt; a URL is a "
        "document link or an HTML / JSON index of links, downloaded into <out>/staging/). Default: samples/."
    ),
    out: Path = typer.Option(DEFAULT_OUTPUT, "--out", "-o", help="Output folder; versions go to <out>/runs/, "
                             "<out>/latest points at the newest."),
    task_runner: str = typer.Option("threads", "--task-runner", help="threads (default) or dask."),
    dask_address: Optional[str] = typer.Option(None, "--dask-address", help="Address of a running Dask "
                                               "scheduler (tcp://host:8786); a local cluster is started if omitted."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Threads or Dask workers (default: threads = CPU cores + 2; Dask = one per core)."),
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
                     ("tables used", {"justify": "right"}), ("errors", {"justify": "right"}),
                     ("seconds", {"justify": "right"})):
        docs.add_column(name, **kw)
    for d in summary.documents:
        style = _STATUS_STYLE.get(d.status, "white")
        rows = sum(v for k, v in d.rows.items() if k != "documents")
        secs = "cached" if {"read", "extract"} <= set(d.cached) else f"{d.seconds:.1f}"
        tables = f"{d.tables_used} of {d.tables_total}" if d.tables_total else "0"
        docs.add_row(d.source_file, f"[{style}]{d.status}[/{style}]", d.format, str(rows), tables, str(len(d.errors)),
                     secs)
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
# ituplans serve  (flows/serve.py)


@app.command()
def serve(
    inbox: Optional[Path] = typer.Option(None, "--inbox", help="Folder to watch for documents (created if missing)."),
    index_url: Optional[str] = typer.Option(None, "--index-url", help="HTML or JSON index of document links to "
                                            "watch as well."),
    cron: Optional[str] = typer.Option(None, "--cron", help='Cron schedule, e.g. "0 6 * * 1" (Mondays 06:00).'),
    interval: Optional[float] = typer.Option(None, "--interval", help="Seconds between runs (default 3600)."),
    out: Path = typer.Option(DEFAULT_OUTPUT, "--out", "-o", help="Output folder (versions, latest, staging)."),
    task_runner: str = typer.Option("threads", "--task-runner", help="threads (default) or dask."),
    name: str = typer.Option("ituplans-inbox", "--name", help="Deployment name."),
) -> None:
    """Run on a schedule and publish a new version whenever there are documents not published before."""
    if not inbox and not index_url:
        err_console.print("[red]give --inbox DIR and/or --index-url URL[/red]")
        raise typer.Exit(2)
    if cron and interval:
        err_console.print("[red]give --cron or --interval, not both[/red]")
        raise typer.Exit(2)
    if interval is not None and interval <= 0:
        err_console.print("[red]--interval must be positive[/red]")
        raise typer.Exit(2)
    if task_runner not in ("threads", "dask"):
        err_console.print(f"[red]--task-runner must be 'threads' or 'dask', not {task_runner!r}[/red]")
        raise typer.Exit(2)
    from flows.serve import serve as serve_fn

    try:
        serve_fn(inbox, index_url, out, cron=cron, interval=interval, task_runner=task_runner, name=name,
                 say=console.print)
    except (RuntimeError, ValueError) as exc:
        err_console.print(f"[red]Cannot serve:[/red] {exc}")
        raise typer.Exit(1)
    except (KeyboardInterrupt, SystemExit):  # Ctrl-C, or SIGTERM (the runner exits with SystemExit(0))
        pass
    console.print("Stopped.")


# ---------------------------------------------------------------------------------------------------------
# ituplans evaluate  (owned by the gold / evaluation work: pipeline/gold.py exposes `evaluate` and
# `evaluate_columns(output_dir, gold_dir) -> pandas.DataFrame`; this command only calls them and prints the frames)


def _f1_table(df, index: list[str], title: str) -> Table:
    """F1 per format (columns) for each `index` row, in the order of `df` (datasets in publishing order, columns
    in gold order)."""
    df = df.assign(format=df["source_file"].str.rsplit(".", n=1).str[-1])
    pivot = df.pivot_table(index=index, columns="format", values="f1", aggfunc="first", sort=False)
    pivot = pivot.reindex(columns=list(dict.fromkeys(df["format"])))
    table = Table(title=title, title_justify="left")
    for c in index:
        table.add_column(c.replace("document_id", "document"))
    for col in pivot.columns:
        table.add_column(col, justify="right")
    previous = None
    for key, row in pivot.iterrows():
        key = key if isinstance(key, tuple) else (key,)
        shown = (key[0] if key[0] != previous else "", *key[1:])
        table.add_row(*shown, *["" if v != v else f"{v:.3f}" for v in row])
        previous = key[0]
    return table


@app.command()
def evaluate(
    output_dir: Path = typer.Argument(DEFAULT_OUTPUT / "latest", help="A published version (default: output/latest)."),
    gold_dir: Path = typer.Option(Path("gold"), "--gold", help="Folder of reviewed gold files."),
    detail: bool = typer.Option(False, "--detail", help="Precision, recall and row counts per file and dataset."),
    columns: bool = typer.Option(False, "--columns", help="F1 of every column, not only of those that differ."),
    csv_path: Optional[Path] = typer.Option(None, "--csv", help="Also write every score to this CSV file (and the "
                                            "per column scores to <name>.columns.csv beside it)."),
) -> None:
    """Compare a published version with the gold files in every column the gold has: F1 per dataset and file,
    the columns that differ, and which documents have gold."""
    from pipeline.gold import evaluate as evaluate_fn, evaluate_columns, gold_documents, read_published

    frames = read_published(output_dir)
    if not frames:
        err_console.print(f"no published datasets in {output_dir}; run `ituplans run` first")
        raise typer.Exit(2)
    df, per_column = evaluate_fn(output_dir, gold_dir), evaluate_columns(output_dir, gold_dir)
    if csv_path:
        df.to_csv(csv_path, index=False)
        per_column.to_csv(csv_path.with_name(csv_path.stem + ".columns.csv"), index=False)
    docs = frames.get(Dataset.DOCUMENTS)
    with_gold = set(gold_documents(gold_dir))
    coverage = Table(title="Gold coverage", title_justify="left")
    for c in ("document", "files", "gold datasets"):
        coverage.add_column(c)
    for doc_id, group in docs.groupby("document_id"):
        sets = sorted(p.stem for p in (gold_dir / doc_id).glob("*.csv")) if doc_id in with_gold else []
        coverage.add_row(doc_id, ", ".join(sorted(group.source_file)), f"{len(sets)}: {', '.join(sets)}" if sets else "none")
    console.print(coverage)
    if df.empty:
        console.print("no published document has gold files")
        return
    if detail:
        table = Table(title="Evaluation (detail): matched = equal to a gold row in every column; key = in the gold "
                      "key only", title_justify="left")
        for c in ("file", "dataset", "gold", "extracted", "matched", "key", "precision", "recall", "F1"):
            table.add_column(c, justify="right" if c not in ("file", "dataset") else "left")
        for r in df.itertuples(index=False):
            table.add_row(r.source_file, r.dataset, str(r.gold_rows), str(r.extracted_rows), str(r.true_positives),
                          str(r.key_matches), f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}")
        console.print(table)
    else:
        console.print(_f1_table(df, ["document_id", "dataset"],
                                "F1 against gold (every column the gold has; text normalized, numbers exact)"))
    differ = per_column if columns else per_column[per_column.groupby(["document_id", "dataset", "column"])["f1"]
                                                   .transform("min") < 1]
    if differ.empty:
        console.print("Every column matches gold.")
    else:
        console.print(_f1_table(differ, ["document_id", "dataset", "column"],
                                "F1 per column (rows compared on the gold key and that column)"
                                + ("" if columns else ": the columns that differ from gold")))


# ---------------------------------------------------------------------------------------------------------


# Reviewer commands: `ituplans review DOCUMENT`, `ituplans gold accept|undo|status` (pipeline/review/cli.py).
app.command("review")(review_command)
app.add_typer(gold_app, name="gold")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
