"""Scheduled runs on new documents: the `ingest-new-documents` flow and `ituplans serve`.

`ingest_new_documents(inbox, index_url, out_dir)` is what runs on the schedule:

1. collect the documents: the inbox folder (searched like `ituplans run` does) and, if given, the documents
   linked from an index URL (downloaded into `<out>/staging/<run-id>/`, flows/sources.py);
2. compare their sha256s with the `sources` of `<out>/latest/manifest.json`;
3. **nothing new** -> nothing is published (no new version, `latest` unchanged; the run's staging folder is
   removed) and the flow run says so in its log and in a markdown artifact;
4. **something new** -> one new, complete version, made by re-processing every known document: the files found
   now plus every previously published document still at its recorded path with its recorded sha256 (an edited
   file replaces its previous version; a file deleted from the inbox leaves with this version). Re-processing
   is cheap because `read` / `extract` results are cached by sha256, and it keeps reconciliation and the
   changelog exactly as for `ituplans run` (no merging of published CSVs).

`serve(...)` (what `ituplans serve` calls) serves that flow as a deployment on a cron or an interval schedule,
exactly as `flow.serve` does (a `prefect.runner.Runner`, with a fix for stopping on SIGTERM). It uses the Prefect server at `PREFECT_API_URL` when set; otherwise it starts
`prefect server start --host 127.0.0.1 --port <free port>` itself (database `<PREFECT_HOME>/serve/prefect.db`,
log `<PREFECT_HOME>/serve/server.log`), waits for `/api/health`, and stops it when serving stops (Ctrl-C or
SIGTERM; the server also gets SIGTERM if `ituplans serve` is killed outright, via PR_SET_PDEATHSIG on Linux).
"""

from __future__ import annotations

import pipeline.settings  # noqa: F401  (before prefect)

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.process import process_documents
from flows.runners import make_task_runner, shared_api
from pipeline.discover import discover
from flows.sources import resolve_sources, select_new, staging_dir
from pipeline.origins import ORIGINS_FILE
from pipeline.publish import new_run_id
from pipeline.settings import PREFECT_HOME

DEPLOYMENT_NAME = "ituplans-inbox"
# A file modified less than this many seconds ago may still be being copied into the inbox: next run.
SETTLE_SECONDS = float(os.environ.get("ITUPLANS_INBOX_SETTLE_SECONDS", "2"))


@dataclass
class IngestResult:
    run_id: str | None  # the published version, None when nothing was published
    new: list[str] = field(default_factory=list)
    processed: list[str] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    settling: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    latest_switched: bool = False

    @property
    def published(self) -> bool:
        return self.run_id is not None


def _artifact(res: IngestResult) -> str:
    lines = ["# ingest-new-documents", ""]
    if not res.published:
        lines.append("Nothing new: no version published.")
    else:
        lines.append(f"Published `{res.run_id}` ({'latest switched' if res.latest_switched else 'latest NOT switched'}).")
    for label, items in (("New", res.new), ("Carried over", res.carried), ("No longer available", res.missing),
                         ("Still being written (next run)", res.settling), ("Problems", res.errors)):
        if items:
            lines += ["", f"## {label}", ""] + [f"- {x}" for x in items]
    return "\n".join(lines) + "\n"


def nothing_new_message(inbox: str | None, index_url: str | None, paths: list[str], settling: list[str],
                        fetch_failed: bool) -> str:
    """What a run that publishes nothing says: an empty inbox is said to be empty, not "0 documents found"."""
    if paths:
        return (f"Nothing new in {', '.join(x for x in (inbox, index_url) if x)} ({len(paths)} document(s) found, "
                "all published before): nothing published")
    empty = []
    if inbox:
        empty.append(f"the inbox {inbox} is empty")
    if index_url:
        empty.append(f"the index {index_url} " + ("could not be read" if fetch_failed else "links to no documents"))
    waiting = f"; {len(settling)} document(s) still being written, left for the next run" if settling else ""
    return f"Nothing new: {' and '.join(empty)}{waiting}: nothing published"


@flow(name="ingest-new-documents", validate_parameters=False)
def ingest_new_documents(
    inbox: str | None = None,
    index_url: str | None = None,
    out_dir: str = "output",
    task_runner: str = "threads",
    lock_timeout: float = 600.0,
) -> IngestResult:
    """Publish a new version when the inbox / index has documents not published before (by sha256)."""
    logger = get_run_logger()
    run_id = new_run_id()
    sources = [s for s in (inbox, index_url) if s]
    if inbox:
        Path(inbox).mkdir(parents=True, exist_ok=True)
    local, fetch_errors = resolve_sources(sources, out_dir, run_id)
    found = discover(local)
    now = time.time()
    settling = [p for p in found.paths if now - Path(p).stat().st_mtime < SETTLE_SECONDS]
    paths = [p for p in found.paths if p not in settling]
    plan = select_new(paths, out_dir)
    problems = [f"{e.source_file}: {e.reason}" for e in list(fetch_errors) + list(found.errors)]
    for p in problems:
        logger.warning(p)
    stage = staging_dir(out_dir, run_id)
    res = IngestResult(None, new=plan.new, carried=plan.carried, missing=plan.missing, settling=settling,
                       errors=problems)
    if not plan.new:
        shutil.rmtree(stage, ignore_errors=True)
        logger.info("%s", nothing_new_message(inbox, index_url, paths, settling, bool(fetch_errors)))
    else:
        # Downloads not in the batch (content already published from another path) are not kept.
        keep = {str(Path(p).absolute()) for p in plan.batch} | {str(stage / ORIGINS_FILE)}
        for f in sorted(stage.rglob("*"), reverse=True) if stage.exists() else []:
            if f.is_file() and str(f) not in keep:
                f.unlink(missing_ok=True)
            elif f.is_dir() and not any(f.iterdir()):
                f.rmdir()
        logger.info("%d new document(s): %s; re-processing %d document(s) into a new version",
                    len(plan.new), ", ".join(Path(p).name for p in plan.new), len(plan.batch))
        if plan.missing:
            logger.warning("No longer available, left out of the new version: %s", ", ".join(plan.missing))
        fl = process_documents.with_options(task_runner=make_task_runner(task_runner))
        with shared_api(task_runner):
            summary = fl(sources=plan.batch, out_dir=out_dir, run_id=run_id, lock_timeout=lock_timeout)
        res.run_id = summary.run_id
        res.latest_switched = summary.latest_switched
        res.processed = [d.source_file for d in summary.documents]
        res.errors += [f"{e.source_file}: {e.stage}: {e.reason}" for e in summary.errors]
        logger.info("Published %s%s", summary.version_dir, "" if summary.latest_switched else " (latest not switched)")
    if stage.exists() and not any(stage.iterdir()):
        stage.rmdir()
    try:
        create_markdown_artifact(_artifact(res), key="ingest-new-documents",
                                 description=f"ituplans {res.run_id or 'nothing new'}")
    except Exception:
        pass
    return res


# ---------------------------------------------------------------------------------------------------------
# A local Prefect server, supervised


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def api_healthy(api_url: str, timeout: float = 2.0) -> bool:
    import httpx

    try:
        r = httpx.get(api_url.rstrip("/") + "/health", timeout=timeout)
        return r.status_code == 200
    except Exception:
        return False


def _die_with_parent() -> None:  # runs in the child between fork and exec
    os.setsid()  # its own process group: Ctrl-C reaches `ituplans serve`, which stops the server in order
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


class LocalPrefectServer:
    """`prefect server start --host 127.0.0.1 --port N` with its own SQLite database (`<home>/prefect.db`, or
    `database`), stopped on `stop()`."""

    def __init__(self, home: Path | None = None, port: int | None = None, host: str = "127.0.0.1",
                 database: Path | None = None):
        self.home = Path(home or PREFECT_HOME / "serve")
        self.host = host
        self.port = port or free_port(host)
        self.database = Path(database or self.home / "prefect.db")
        self.proc: subprocess.Popen | None = None
        self.log_path = self.home / "server.log"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_url(self) -> str:
        return self.url + "/api"

    def start(self, timeout: float = 180.0) -> "LocalPrefectServer":
        self.home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env.setdefault("PREFECT_SERVER_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{self.database}")
        env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        prefect_cli = Path(sys.executable).with_name("prefect")
        cmd = [str(prefect_cli) if prefect_cli.exists() else "prefect", "server", "start", "--host", self.host,
               "--port", str(self.port)]
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                         preexec_fn=_die_with_parent if os.name == "posix" else None)
        finally:
            log.close()
        (self.home / "server.pid").write_text(f"{self.proc.pid}\n")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the Prefect server exited with code {self.proc.returncode}; "
                                   f"log {self.log_path}:\n{tail}")
            if api_healthy(self.api_url, timeout=2.0):
                return self
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the Prefect server did not answer {self.api_url}/health within {timeout:.0f} s "
                           f"(log: {self.log_path})")

    def wait(self) -> int | None:
        """Until the server exits (or this process is interrupted)."""
        return self.proc.wait() if self.proc is not None else None

    def stop(self, grace: float = 15.0) -> None:
        proc, self.proc = self.proc, None
        (self.home / "server.pid").unlink(missing_ok=True)
        if proc is None or proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(proc.pid, sig)
            except (ProcessLookupError, PermissionError):
                try:
                    proc.send_signal(sig)
                except ProcessLookupError:
                    return
            try:
                proc.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def __enter__(self) -> "LocalPrefectServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


# ---------------------------------------------------------------------------------------------------------
# ituplans serve


STOP_GRACE_SECONDS = float(os.environ.get("ITUPLANS_SERVE_STOP_GRACE", "60"))


def _runner_class():
    """prefect.runner.Runner that stops cleanly on SIGTERM: no new run is started, a run in progress may finish
    (up to ITUPLANS_SERVE_STOP_GRACE seconds, default 60; cancelled after that), then the runner stops.

    Prefect 3.8.8's own handler calls the sync `stop()` from inside the event loop, which only creates the
    `astop` coroutine (never awaited: "coroutine 'Runner.astop' was never awaited"), then `sys.exit(0)`; and
    `astop` itself cancels every run the runner holds, including a scheduled run it has just started ahead of
    time (the runner starts runs up to 10 s early): a SIGTERM between two runs left a Cancelled or Crashed run.
    """
    from prefect.runner import Runner

    class _Runner(Runner):
        def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
            if getattr(self, "_ituplans_stopping", False):
                return
            self._ituplans_stopping = True
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                raise SystemExit(0)
            self._ituplans_stop_task = loop.create_task(self._ituplans_stop())

        def _runs_in_progress(self) -> int:
            poller = getattr(self, "_scheduled_run_poller", None)
            submitting = getattr(poller, "_submitting_flow_run_ids", ()) if poller is not None else ()
            return len(set(submitting) | set(self._flow_run_process_map))

        async def _ituplans_stop(self) -> None:
            poller = getattr(self, "_scheduled_run_poller", None)
            if poller is not None:
                poller.stopping = True  # no new run from here on
            deadline = time.monotonic() + STOP_GRACE_SECONDS
            if self._runs_in_progress():
                self._logger.info("SIGTERM received: no new runs; waiting up to %.0f s for the run in progress "
                                  "to finish ...", STOP_GRACE_SECONDS)
            else:
                self._logger.info("SIGTERM received: no run in progress; stopping.")
            while self._runs_in_progress() and time.monotonic() < deadline:
                await asyncio.sleep(0.5)
            if self._runs_in_progress():
                self._logger.warning("The run in progress did not finish within %.0f s: cancelling it.",
                                     STOP_GRACE_SECONDS)
            await self.astop()

    return _Runner


def serve(
    inbox: str | Path | None,
    index_url: str | None = None,
    out_dir: str | Path = "output",
    cron: str | None = None,
    interval: float | None = None,
    task_runner: str = "threads",
    name: str = DEPLOYMENT_NAME,
    say: Callable[[str], None] = print,
) -> None:
    """Serve `ingest-new-documents` on a schedule until interrupted (blocks)."""
    from prefect.deployments.runner import EntrypointType
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if cron and interval:
        raise ValueError("give --cron or --interval, not both")
    if not cron and not interval:
        interval = 3600.0
    params = {
        "inbox": str(Path(inbox).expanduser().absolute()) if inbox else None,
        "index_url": index_url,
        "out_dir": str(Path(out_dir).expanduser().absolute()),
        "task_runner": task_runner,
    }
    if params["inbox"]:
        Path(params["inbox"]).mkdir(parents=True, exist_ok=True)

    server: LocalPrefectServer | None = None
    api_url = os.environ.get("PREFECT_API_URL")
    if api_url:
        say(f"Using the Prefect server at {api_url} (PREFECT_API_URL).")
        deadline = time.monotonic() + 30
        while not api_healthy(api_url):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Prefect server at {api_url} does not answer {api_url.rstrip('/')}/health")
            time.sleep(1)
    else:
        server = LocalPrefectServer()
        say(f"PREFECT_API_URL is not set: starting a local Prefect server on {server.url} "
            f"(database and log in {server.home}) ...")
        started = time.monotonic()
        server.start()
        api_url = server.api_url
        os.environ["PREFECT_API_URL"] = api_url  # for the flow-run processes the runner starts
        say(f"Prefect server ready after {time.monotonic() - started:.0f} s: UI {server.url}, API {api_url}. "
            "It stops when `ituplans serve` stops.")

    def _sigterm(signum, frame):  # until the runner installs its own handler: unwind to the finally below
        raise SystemExit(0)

    previous_handler = signal.signal(signal.SIGTERM, _sigterm) if os.name == "posix" else None
    schedule = f"cron {cron!r}" if cron else f"every {interval:g} s"
    watched = " and ".join(x for x in (params["inbox"], index_url) if x)
    say(f"Serving deployment 'ingest-new-documents/{name}': {watched} -> {params['out_dir']}, {schedule}. "
        "A run publishes a new version only when there are documents not published before. Ctrl-C to stop.")
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            # What `flow.serve(...)` does, with a runner that stops properly on SIGTERM (see _runner_class).
            runner = _runner_class()(name=name, pause_on_shutdown=True, limit=1)  # limit=1: runs never overlap
            runner.add_flow(
                ingest_new_documents,
                name=name,
                cron=cron,
                interval=interval if not cron else None,
                parameters=params,
                entrypoint_type=EntrypointType.MODULE_PATH,
            )
            asyncio.run(runner.start())
    finally:
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
        if server is not None:
            say(f"Stopping the local Prefect server on {server.url} ...")
            server.stop()


__all__ = ["IngestResult", "LocalPrefectServer", "ingest_new_documents", "serve", "free_port", "api_healthy"]
