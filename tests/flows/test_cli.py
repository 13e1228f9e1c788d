"""The `ituplans` command line: arguments, exit codes, what it prints."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import REPO

runner = CliRunner()


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "run" in result.output and "evaluate" in result.output


def test_unknown_task_runner_is_refused():
    result = runner.invoke(app, ["run", "--task-runner", "processes"])
    assert result.exit_code == 2


def test_run_publishes_and_exits_zero_when_one_document_is_good(prefect_harness, good_text_file, tmp_path):
    (good_text_file.parent / "empty.pdf").write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(good_text_file.parent), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert good_text_file.name in result.output and "empty.pdf" in result.output
    assert "failed" in result.output and "Published" in result.output
    assert (out / "latest" / "documents.csv").exists()
    if (REPO / "gold" / good_text_file.stem).is_dir():  # a sample with gold: the summary scores it per column
        assert "Against gold" in result.output
        assert re.search(rf"{re.escape(good_text_file.name)}: \d+ of \d+ datasets match gold", result.output)


def test_run_exits_non_zero_when_every_document_failed(prefect_harness, tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["run", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Every document failed" in result.output
    assert not (tmp_path / "out" / "latest").exists()


def test_run_exits_non_zero_when_nothing_is_found(prefect_harness, tmp_path):
    (tmp_path / "empty-folder").mkdir()
    result = runner.invoke(app, ["run", str(tmp_path / "empty-folder"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "No documents found" in result.output


# ---------------------------------------------------------------------------------------------------------
# The real command in subprocesses. They report to one `ituplans server` (module-scoped), which is what a user
# gets from `make ui`; each run then skips starting Prefect's ephemeral API.

ITUPLANS = Path(sys.executable).with_name("ituplans")
SAMPLE = REPO / "samples" / "strategic-plan-2008-2011.txt"


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PYTHONUNBUFFERED="1",
               NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", **extra)
    return env


@dataclass
class Server:
    home: Path
    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("server-home")
    log = home / "server-output.log"
    port = _free_port()
    with open(log, "wb") as fh:
        proc = subprocess.Popen([str(ITUPLANS), "server", "--port", str(port)], stdout=fh, stderr=subprocess.STDOUT,
                                env=_env(home, PREFECT_SERVER_UI_ENABLED="false"), start_new_session=True)
    srv = Server(home, port, proc, log)
    try:
        deadline = time.monotonic() + 240
        while f"Prefect UI: http://127.0.0.1:{port}" not in log.read_text(errors="replace"):
            assert proc.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.5)
        assert (home / "server" / "api_url").read_text().strip() == srv.api
        yield srv
        # SIGTERM (what `systemctl stop` or Ctrl-C's twin sends): the server stops, the URL file goes.
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
        assert "Stopped." in log.read_text(errors="replace")
        assert not (home / "server" / "api_url").exists()
        with pytest.raises(httpx.HTTPError):
            httpx.get(srv.api + "/health", timeout=2)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def _cli(server: Server, *args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ITUPLANS), *args], env=_env(server.home, **extra), cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def _latest_flow_run_logs(server: Server) -> list[dict]:
    runs = httpx.post(server.api + "/flow_runs/filter", json={
        "flows": {"name": {"any_": ["process-documents"]}}, "sort": "START_TIME_DESC", "limit": 1}, timeout=10).json()
    assert runs, "no process-documents flow run in the server's database"
    logs: list[dict] = []
    for _ in range(20):  # logs are sent in batches: the last one may land just after the command exits
        logs = httpx.post(server.api + "/logs/filter", json={"logs": {"flow_run_id": {"any_": [runs[0]["id"]]}}},
                          timeout=10).json()
        if any("Finished in state" in r["message"] and r["task_run_id"] is None for r in logs):
            break
        time.sleep(0.5)
    return logs


def test_server_shows_each_run_with_its_logs_while_the_terminal_stays_quiet(server, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SAMPLE, docs / SAMPLE.name)
    result = _cli(server, "run", str(docs), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Reporting to the Prefect server at {server.api}" in result.stdout
    # Prefect's own lines are not on the terminal ...
    assert "Finished in state" not in result.stdout + result.stderr
    assert "Beginning flow run" not in result.stdout + result.stderr
    # ... but the UI (the API) has the flow run's and its task runs' INFO logs.
    logs = _latest_flow_run_logs(server)
    assert any(r["level"] == 20 and r["message"].startswith("Beginning flow run") for r in logs)
    assert any(r["task_run_id"] and "Finished in state Completed" in r["message"] for r in logs)
    # The summary gives the wall time beside the flow's, and the next step.
    summary = re.search(r"([\d.]+) s in all, ([\d.]+) s in the flow", result.stdout)
    assert summary and float(summary.group(1)) > float(summary.group(2)) > 0
    assert f"Next: the datasets are in {tmp_path / 'out' / 'latest'}/" in result.stdout.replace("\n", " ")
    assert "ituplans evaluate" in result.stdout and "ituplans review" in result.stdout


class _Site(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "docs" / SAMPLE.name)
    (root / "index.html").write_text(f'<a href="docs/{SAMPLE.name}">plan</a> <a href="docs/gone.pdf">gone</a>',
                                     encoding="utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Site, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_404_is_reported_once_and_the_manifest_records_the_urls(server, site, tmp_path):
    out = tmp_path / "out"
    result = _cli(server, "run", f"{site}/index.html", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    both = result.stdout + result.stderr
    assert both.count(f"{site}/docs/gone.pdf") == 1 and "HTTP 404" in both
    assert "Task run" not in both and "Failed(" not in both  # no raw Prefect line beside the clear one
    manifest = json.loads((out / "latest" / "manifest.json").read_text())
    [source] = manifest["sources"]
    assert source["url"] == f"{site}/docs/{SAMPLE.name}" and source["index_url"] == f"{site}/index.html"


def _docx(path: Path, text: str) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("Operational Plan 2008-2011", 1)
    d.add_paragraph(text)
    d.save(path)
    return path


def test_document_ids_transliterate_and_two_files_never_share_one(server, tmp_path):
    docs = tmp_path / "docs"
    for sub in ("copy", "later"):
        (docs / sub).mkdir(parents=True)
    # Folders are searched in sorted order: later/ comes after the files at the top.
    for name, text in (("Plan 日本.docx", "Japan"), ("Plan 中国.docx", "China"),
                       ("Plan stratégique.docx", "Strategic"), ("later/Plan strategique.docx", "Another")):
        _docx(docs / name, f"The plan of {text}.")
    shutil.copy(docs / "Plan 日本.docx", docs / "copy" / "Plan 日本.docx")  # the same file twice: kept once
    out = tmp_path / "out"
    result = _cli(server, "run", str(docs), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    published = pd.read_csv(out / "latest" / "documents.csv", keep_default_na=False)
    assert dict(zip(published["source_file"], published["document_id"])) == {
        "Plan 日本.docx": "plan-日本", "Plan 中国.docx": "plan-中国", "Plan stratégique.docx": "plan-strategique"}
    # The second file that would be `plan-strategique` is refused by name, in errors.csv and on the console.
    errors = pd.read_csv(out / "latest" / "errors.csv", keep_default_na=False)
    refused = errors[errors["stage"] == "discover"].to_dict("records")
    assert [(r["file"], "would have the same document id as" in r["reason"]) for r in refused] == [
        ("Plan strategique.docx", True)]
    assert "Plan strategique.docx" in result.stdout


def test_a_missing_input_path_publishes_nothing(tmp_path):
    """Refused before any work (no Prefect): a scheduled run on an unmounted share must not shrink `latest`."""
    empty = tmp_path / "unmounted-share"
    empty.mkdir()
    out = tmp_path / "out"
    for missing, why in ((tmp_path / "missing", "no such file or folder"),
                         (empty, "a folder with no .docx, .pdf, .doc or .txt file in it")):
        result = subprocess.run([str(ITUPLANS), "run", str(SAMPLE), str(missing), "--out", str(out)],
                                env=_env(tmp_path / "home"), capture_output=True, text=True, timeout=120)
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"No documents found in {missing}: {why}" in result.stderr
        assert "--allow-missing" in result.stderr and "Processing" not in result.stdout
        assert not out.exists() and not (tmp_path / "home").exists()


def test_allow_missing_runs_without_the_missing_path(server, tmp_path):
    out = tmp_path / "out"
    result = _cli(server, "run", str(SAMPLE), str(tmp_path / "missing"), "--out", str(out), "--allow-missing",
                  cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"No documents found in {tmp_path / 'missing'}" in result.stderr  # still said
    published = pd.read_csv(out / "latest" / "documents.csv", keep_default_na=False)
    assert list(published["source_file"]) == [SAMPLE.name]


def test_a_pdf_with_nothing_recognizable_is_reported_not_ok(server, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed to make the PDF: apt-get install libreoffice-writer-nogui"
    docs = tmp_path / "docs"
    docs.mkdir()
    source = _docx(tmp_path / "minutes.docx", "Minutes of a meeting. The committee met and discussed the weather. "
                   "No decisions were taken, and no plan was presented.")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "pdf", "--outdir", str(docs), str(source)],
                   check=True, timeout=300, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = tmp_path / "out"
    result = _cli(server, "run", str(docs / "minutes.pdf"), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"partial\s+minutes\.pdf\s+0 rows", result.stdout), result.stdout
    assert "nothing recognized: no tables" in result.stdout
    published = pd.read_csv(out / "latest" / "documents.csv", keep_default_na=False)
    assert list(published["status"]) == ["partial"]
    errors = pd.read_csv(out / "latest" / "errors.csv", keep_default_na=False)
    assert [(r["file"], r["stage"]) for r in errors.to_dict("records")] == [("minutes.pdf", "extract")]
    assert errors["reason"][0].startswith("nothing recognized: no tables, and no objectives, results or other rows")


def test_a_read_only_output_folder_is_refused_before_any_work(tmp_path):
    """A read-only mount (bind-mounted read-only in a private mount namespace: root could write anywhere else)."""
    ro = tmp_path / "published"
    ro.mkdir()
    unshare = shutil.which("unshare")
    mount = shutil.which("mount")
    assert unshare and mount, "unshare and mount (util-linux) are needed for this test"
    userns = [] if os.geteuid() == 0 else ["-r"]
    script = (f'{mount} --bind "$1" "$1" && {mount} -o remount,bind,ro "$1" "$1" && shift && exec "$@"')
    started = time.monotonic()
    result = subprocess.run([unshare, *userns, "-m", "sh", "-c", script, "sh", str(ro), str(ITUPLANS), "run",
                             str(SAMPLE), "--out", str(ro)], capture_output=True, text=True, timeout=120,
                            env=_env(tmp_path / "home"))
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and f"cannot write into {ro}: Read-only file system" in lines[0], result.stderr
    assert "Processing" not in result.stdout  # nothing was started
    assert time.monotonic() - started < 30
    assert not (tmp_path / "home").exists()  # Prefect never started
