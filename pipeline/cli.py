"""The `ituplans` command line. Thin: it parses arguments, calls the flows, prints what happened."""

from __future__ import annotations

import time

_STARTED = time.monotonic()  # the command's wall time is counted from here (before Prefect is imported)

import pipeline.settings  # noqa: E402,F401  (first: Prefect's settings come from the environment)

import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.records import Dataset
from pipeline.review.cli import gold_app, review_command
from pipeline.settings import DEFAULT_OUTPUT, DEFAULT_SAMPLES, PREFECT_HOME

app = typer.Typer(
    help="Turn ITU Council planning documents (.docx, .pdf, .doc, Word text exports) into clean datasets.",
    no_args_is_help=True,
    add_completion=False,
)
# Piped output (make, CI logs, a scheduler's log file) is never wrapped: a message, a path or a URL stays on one line
# whatever its length (tables get 120 columns instead of rich's 80).
console = Console(highlight=False, width=None if sys.stdout.isatty() else 120, soft_wrap=not sys.stdout.isatty())
err_console = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else 120,
                      soft_wrap=not sys.stderr.isatty())

_STATUS_STYLE = {"ok": "green", "partial": "yellow", "failed": "red"}


LOGGING_CONFIG = Path(__file__).resolve().parents[1] / "flows" / "logging.yml"
# Where `ituplans server` writes the API URL of the server it runs (removed when it stops).
SERVER_URL_FILE = PREFECT_HOME / "server" / "api_url"


def _quiet_prefect() -> None:
    """Prefect's console output down to warnings, while the API (the UI) still receives the INFO logs of every
    flow and task run (flows/logging.yml); a failed task is reported by the CLI, not by Prefect's own
    "Finished in state Failed" line. A user's PREFECT_LOGGING_LEVEL or PREFECT_LOGGING_SETTINGS_PATH wins."""
    if not (os.environ.get("PREFECT_LOGGING_LEVEL") or os.environ.get("PREFECT_LOGGING_SETTINGS_PATH")):
        os.environ["PREFECT_LOGGING_SETTINGS_PATH"] = str(LOGGING_CONFIG)
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")


def _use_project_server() -> str | None:
    """The API URL of a running `ituplans server` of this project, exported for this run (PREFECT_API_URL set by
    the user wins). None when there is none: the run starts Prefect's ephemeral API as usual."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    try:
        url = SERVER_URL_FILE.read_text().strip()
    except OSError:
        return None
    import httpx

    try:
        healthy = httpx.get(url.rstrip("/") + "/health", timeout=2.0).status_code == 200
    except Exception:
        healthy = False
    if not healthy:
        return None
    os.environ["PREFECT_API_URL"] = url
    return url


def _inputs_present(sources: list[str], allow_missing: bool) -> bool:
    """False (after saying why) when a path given does not exist or holds no documents, unless allowed: a
    scheduled run on an unmounted share must not publish a `latest` without that share's documents."""
    from pipeline.discover import missing_sources

    missing = missing_sources(sources)
    for src, why in missing:
        style = "yellow" if allow_missing else "red"
        err_console.print(f"[{style}]No documents found[/{style}] in {src}: {why}", soft_wrap=True)
    if missing and not allow_missing:
        err_console.print("Nothing was processed or published: the new version would leave out the documents of "
                          "the paths above. Check them (an unmounted share?), or give --allow-missing to run "
                          "without them.")
        return False
    return True


def output_problem(out: Path) -> str | None:
    """Why nothing could be published into `out` (not a folder, not writable), or None. Checked with a real
    write (a read-only mount answers `access()` like any folder for root), creating `out` if it is missing."""
    target = out.expanduser().absolute()
    if target.exists() and not target.is_dir():
        return f"{out} exists and is not a folder"
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target, prefix=".ituplans-write-check-"):
            pass
    except OSError as exc:
        return f"cannot write into {out}: {exc.strerror or exc}"
    return None


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
    allow_missing: bool = typer.Option(False, "--allow-missing", help="Run even when a path given does not exist "
                                       "or holds no documents (by default nothing is published then: the new "
                                       "version would leave their documents out)."),
) -> None:
    """Process documents and publish a new version of every dataset."""
    if task_runner not in ("threads", "dask"):
        err_console.print(f"[red]--task-runner must be 'threads' or 'dask', not {task_runner!r}[/red]")
        raise typer.Exit(2)
    sources = [str(p) for p in (paths or [DEFAULT_SAMPLES])]
    if not _inputs_present(sources, allow_missing):
        raise typer.Exit(1)
    problem = output_problem(out)
    if problem:
        err_console.print(f"[red]Cannot publish:[/red] {problem}; nothing was processed.", soft_wrap=True)
        raise typer.Exit(2)
    _quiet_prefect()
    server_url = _use_project_server()
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
    if server_url:
        console.print(f"Reporting to the Prefect server at {server_url} (ituplans server)")
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
    _print_summary(summary, time.monotonic() - _STARTED)
    if not summary.documents:
        err_console.print("[red]No documents found[/red] (looked for .docx, .pdf, .doc, .txt in: "
                          f"{', '.join(sources)}).")
        raise typer.Exit(1)
    if summary.all_failed:
        err_console.print("[red]Every document failed[/red]; `latest` was not switched. See errors above and "
                          f"{summary.version_dir}/errors.csv.")
        raise typer.Exit(1)
    if summary.latest_switched:
        latest = Path(out) / "latest"
        console.print(f"Next: the datasets are in {latest}/ (CSV and Parquet; manifest.json, changelog.md); "
                      f"`ituplans evaluate {latest}` scores them against gold/; `ituplans review FILE` shows a "
                      "document's tables next to the rows taken from them.")


def _print_summary(summary, wall_seconds: float) -> None:
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
    _print_skipped_tables(summary.documents)
    if summary.row_counts:
        ds = Table(title="Datasets published", title_justify="left")
        for name in ("dataset", "rows", "added", "removed", "changed"):
            ds.add_column(name, justify="left" if name == "dataset" else "right")
        for name, n in summary.row_counts.items():
            c = summary.changes.get(name, {})
            ds.add_row(name, str(n), str(c.get("added", "")), str(c.get("removed", "")), str(c.get("changed", "")))
        console.print(ds)
    if summary.gold.scores or summary.gold.problem:
        console.print("Against gold (F1 in every column the gold has; `ituplans evaluate --columns` for every column):")
        for line in summary.gold.text_lines():
            console.print(Text(f"  {line}"), soft_wrap=True)
    n_failed = sum(1 for d in summary.documents if d.status == "failed")
    n_partial = sum(1 for d in summary.documents if d.status == "partial")
    console.print(f"{len(summary.documents)} documents: {len(summary.documents) - n_failed - n_partial} ok, "
                  f"{n_partial} partial, {n_failed} failed; {len(summary.errors)} errors; {wall_seconds:.1f} s in all, "
                  f"{summary.seconds:.1f} s in the flow (the rest: starting up)")
    if summary.version_dir:
        where = "and `latest` points at it" if summary.latest_switched else "(`latest` not switched)"
        console.print(f"Published {summary.version_dir} {where}")


def _print_skipped_tables(documents) -> None:
    """Nothing silent: every table no extractor read, one line each with its reason (all tables: tables.csv)."""
    from flows.summary import skipped_table_line

    skipped = [(d.source_file, t) for d in documents for t in d.skipped_tables]
    if not skipped:
        return
    console.print(f"Skipped tables ({len(skipped)}; tables.csv lists every table, used or not):")
    for file, t in skipped:  # Text: document text is never markup; one line each, however long
        console.print(Text(f"  {file}  {skipped_table_line(t)}"), soft_wrap=True)


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
# ituplans server  (what `make ui` runs)


@app.command()
def server(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(4200, "--port", help="Port (a free one is taken if this one is in use)."),
) -> None:
    """Start a Prefect server with the project's settings and print the URL of its UI. While it runs,
    `ituplans run` reports to it: each run, its task runs and their logs are in the UI."""
    from flows.serve import LocalPrefectServer, free_port, port_in_use

    if port_in_use(host, port):
        taken, port = port, free_port(host)
        console.print(f"Port {taken} is in use: taking {port}.")
    # The project's own database (PREFECT_HOME/prefect.db), which the ephemeral API of `ituplans run` writes too:
    # the UI also shows the runs made before the server was started.
    srv = LocalPrefectServer(home=PREFECT_HOME / "server", port=port, host=host,
                             database=PREFECT_HOME / "prefect.db")
    console.print(f"Starting a Prefect server (database {PREFECT_HOME / 'prefect.db'}, log {srv.log_path}) ...")

    def _sigterm(signum, frame):  # stop like Ctrl-C: unwind to the finally below
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, _sigterm)
    started = time.monotonic()
    problem = None
    try:
        srv.start()
        SERVER_URL_FILE.write_text(srv.api_url + "\n")
        shown = srv.url if host not in ("0.0.0.0", "::") else f"http://<this host>:{srv.port}"
        console.print(f"Prefect UI: {shown}  (ready after {time.monotonic() - started:.0f} s; API {srv.api_url})",
                      soft_wrap=True)
        console.print(f"`ituplans run` reports to it while it runs (or set PREFECT_API_URL={srv.api_url}). "
                      "Ctrl-C to stop.")
        problem = f"the Prefect server exited (code {srv.wait()}); log: {srv.log_path}"
    except RuntimeError as exc:
        problem = f"cannot start the Prefect server: {exc}"
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        SERVER_URL_FILE.unlink(missing_ok=True)
        srv.stop()
    if problem:
        err_console.print(f"[red]{problem}[/red]")
        raise typer.Exit(1)
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
