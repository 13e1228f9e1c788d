"""Document sources: index parsing, downloads from a local HTTP server (127.0.0.1 only), "only new documents"."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from flows import sources as src
from tests.conftest import REPO

# Tasks called outside a flow run (resolve_sources does that) make Prefect's API log handler warn.
pytestmark = pytest.mark.filterwarnings("ignore:Logger 'prefect.task_runs' attempted:UserWarning")

SAMPLES = REPO / "samples"
SP = SAMPLES / "strategic-plan-2008-2011.txt"
GS = SAMPLES / "gs-operational-plan-2008-2011.txt"


# ---------------------------------------------------------------------------------------------------------
# Parsing


def test_links_from_html_index():
    html = b"""<html><head><base href="/docs/"></head><body>
      <a href="a.pdf">A</a> <a href='sub/B%20plan.docx#p2'>B</a> <a href="http://other.example/c.doc">C</a>
      <a href="style.css">css</a> <a href="mailto:x@y">m</a> <a href="a.pdf">again</a> <a href="d.TXT?x=1">D</a>
      <a>no href</a></body></html>"""
    links = src.links_from_index(html, "text/html", "http://127.0.0.1:9/index.html")
    assert links == [
        "http://127.0.0.1:9/docs/a.pdf",
        "http://127.0.0.1:9/docs/sub/B%20plan.docx",
        "http://other.example/c.doc",
        "http://127.0.0.1:9/docs/d.TXT?x=1",
    ]


@pytest.mark.parametrize("payload", [
    ["a.pdf", "b.txt", "c.xlsx"],
    [{"url": "a.pdf"}, {"href": "b.txt"}, {"link": "c.xlsx"}],
    {"documents": [{"title": "A", "url": "a.pdf"}, {"download_url": "b.txt"}]},
])
def test_links_from_json_index(payload):
    links = src.links_from_index(json.dumps(payload).encode(), "application/json", "http://127.0.0.1:9/list/")
    assert links == ["http://127.0.0.1:9/list/a.pdf", "http://127.0.0.1:9/list/b.txt"]


def test_file_names_come_from_the_url():
    assert src.file_name_for("http://h/x/C07%20Operational%20Plan.pdf?v=2") == "C07 Operational Plan.pdf"
    assert src.file_name_for("http://h/../../etc/passwd%2F..%2Fx.txt") == "passwd_.._x.txt"
    assert src.file_name_for("http://h/download", ".pdf") == "download.pdf"
    assert src.file_name_for("http://h/.hidden.txt") == "hidden.txt"
    assert src.is_document_url("http://h/a/B.DOCX") and not src.is_document_url("http://h/a/index.html")


# ---------------------------------------------------------------------------------------------------------
# A local HTTP server


class _Handler(SimpleHTTPRequestHandler):
    flaky: dict[str, int] = {}

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        name = self.path.lstrip("/")
        if name in self.flaky and self.flaky[name] > 0:  # fail N times, then serve
            self.flaky[name] -= 1
            self.send_error(503, "try again")
            return
        if name == "plan-as-pdf":  # a document without an extension in its URL
            data = (self.directory and Path(self.directory, "docs", SP.name).read_bytes()) or b""
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        super().do_GET()


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    shutil.copy(SP, root / "docs" / SP.name)
    shutil.copy(GS, root / "docs" / GS.name)
    (root / "big.txt").write_bytes(b"x" * (3 * 1024 * 1024))
    (root / "index.html").write_text(
        f'<html><body><h1>Plans</h1><a href="docs/{SP.name}">SP</a> <a href="docs/{GS.name}#top">GS</a> '
        '<a href="docs/missing.pdf">gone</a> <a href="notes.html">notes</a></body></html>', encoding="utf-8")
    (root / "index.json").write_text(json.dumps({"documents": [{"url": f"docs/{SP.name}"}]}), encoding="utf-8")
    (root / "empty.html").write_text("<html><body>nothing here</body></html>", encoding="utf-8")
    _Handler.flaky = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def test_resolve_html_index_downloads_the_documents(prefect_harness, site, tmp_path):
    base, root = site
    started = time.monotonic()
    local, errors = src.resolve_sources([f"{base}/index.html", str(tmp_path / "inbox")], tmp_path / "out", "r1")
    stage = tmp_path / "out" / "staging" / "r1"
    assert local[0] == str(tmp_path / "inbox")  # local sources are passed through
    assert sorted(Path(p).name for p in local[1:]) == sorted([SP.name, GS.name])
    for p in local[1:]:
        assert Path(p).parent == stage
        assert Path(p).read_bytes() == (root / "docs" / Path(p).name).read_bytes()
    assert [(e.source_file, e.stage) for e in errors] == [(f"{base}/docs/missing.pdf", "discover")]
    assert "404" in errors[0].reason
    # no temporary file left; beside the downloads, where each came from (pipeline/origins.py)
    assert sorted(p.name for p in stage.iterdir()) == sorted([".origins.json", SP.name, GS.name])
    assert json.loads((stage / ".origins.json").read_text()) == {
        name: {"url": f"{base}/docs/{name}", "index_url": f"{base}/index.html"} for name in (SP.name, GS.name)}
    assert time.monotonic() - started < 20  # a 404 is not retried


def test_resolve_json_index_direct_link_and_content_type(prefect_harness, site, tmp_path):
    base, root = site
    local, errors = src.resolve_sources([f"{base}/index.json", f"{base}/docs/{GS.name}", f"{base}/plan-as-pdf"],
                                        tmp_path / "out", "r2")
    assert not errors
    assert sorted(Path(p).name for p in local) == sorted(["plan-as-pdf.pdf", SP.name, GS.name])


def test_size_limit_empty_index_and_retry_of_transient_errors(prefect_harness, site, tmp_path, monkeypatch):
    base, root = site
    monkeypatch.setenv("ITUPLANS_MAX_DOWNLOAD_MB", "1")
    _Handler.flaky = {f"docs/{SP.name}": 1}  # one 503, then the file
    local, errors = src.resolve_sources([f"{base}/big.txt", f"{base}/empty.html", f"{base}/docs/{SP.name}"],
                                        tmp_path / "out", "r3")
    assert [Path(p).name for p in local] == [SP.name]
    reasons = {e.source_file: e.reason for e in errors}
    assert "download limit" in reasons[f"{base}/big.txt"]
    assert "no links" in reasons[f"{base}/empty.html"]
    assert not (tmp_path / "out" / "staging" / "r3" / "big.txt").exists()


# ---------------------------------------------------------------------------------------------------------
# Only documents not published before


def _fake_version(out: Path, run_id: str, files: list[Path]) -> None:
    v = out / "runs" / run_id
    v.mkdir(parents=True)
    sources = [{"path": str(f), "source_file": f.name, "sha256": src.file_sha256(f)} for f in files]
    (v / "manifest.json").write_text(json.dumps({"run_id": run_id, "sources": sources}))
    link = out / "latest"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(f"runs/{run_id}")


def test_select_new(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    a, b = inbox / SP.name, inbox / GS.name
    shutil.copy(SP, a)

    plan = src.select_new([str(a)], out)  # nothing published yet: everything is new
    assert plan.new == [str(a)] and plan.batch == [str(a)]

    _fake_version(out, "v1", [a])
    plan = src.select_new([str(a)], out)
    assert plan.new == [] and plan.batch == [str(a)]

    shutil.copy(GS, b)
    plan = src.select_new([str(b)], out)  # only the new file found now: the published one is carried over
    assert plan.new == [str(b)] and sorted(plan.batch) == sorted([str(a), str(b)]) and plan.carried == [str(a)]

    _fake_version(out, "v2", [a, b])
    a.write_text(a.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    plan = src.select_new([str(a), str(b)], out)  # an edited file is new and replaces its previous version
    assert plan.new == [str(a)] and sorted(plan.batch) == sorted([str(a), str(b)]) and not plan.carried

    b.unlink()
    plan = src.select_new([str(a)], out)
    assert plan.missing == [str(b)] and plan.batch == [str(a)]

    copy = tmp_path / "staging" / "r9" / GS.name  # the same content downloaded again elsewhere
    copy.parent.mkdir(parents=True)
    shutil.copy(GS, copy)
    shutil.copy(GS, b)
    plan = src.select_new([str(copy)], out)
    assert plan.new == [] and plan.duplicates == [str(copy)]


# ---------------------------------------------------------------------------------------------------------
# Through the flows (one Prefect test harness per session)


def test_run_on_an_index_url_publishes_the_linked_documents(prefect_harness, site, tmp_path):
    from flows.process import run_batch

    base, _ = site
    out = tmp_path / "out"
    summary = run_batch([f"{base}/index.html"], out)
    assert sorted(d.source_file for d in summary.documents) == sorted([SP.name, GS.name])
    assert summary.latest_switched
    assert [(e.source_file, e.stage) for e in summary.discovery_errors] == [(f"{base}/docs/missing.pdf", "discover")]
    manifest = json.loads((out / "latest" / "manifest.json").read_text())
    for s in manifest["sources"]:
        assert Path(s["path"]).parent == out.absolute() / "staging" / summary.run_id
        # where it came from: the document's URL and the index that linked to it
        assert s["url"] == f"{base}/docs/{s['source_file']}" and s["index_url"] == f"{base}/index.html"
    docs = pd.read_csv(out / "latest" / "documents.csv", keep_default_na=False)
    assert set(docs["source_file"]) == {SP.name, GS.name}


def test_cli_run_accepts_a_document_url(prefect_harness, site, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    base, _ = site
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", f"{base}/docs/{SP.name}", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert SP.name in result.output and "Published" in result.output
    assert set(pd.read_csv(out / "latest" / "documents.csv")["source_file"]) == {SP.name}


def test_ingest_new_documents_publishes_only_when_something_is_new(prefect_harness, site, tmp_path, monkeypatch):
    from flows import serve as sv

    monkeypatch.setattr(sv, "SETTLE_SECONDS", 0)
    base, _ = site
    inbox, out = tmp_path / "inbox", tmp_path / "out"

    res = sv.ingest_new_documents(inbox=str(inbox), out_dir=str(out))  # empty inbox: nothing
    assert not res.published and not (out / "latest").exists()

    shutil.copy(SP, inbox / SP.name)
    res = sv.ingest_new_documents(inbox=str(inbox), out_dir=str(out))
    assert res.published and res.new == [str(inbox / SP.name)]
    first = os.readlink(out / "latest")

    res = sv.ingest_new_documents(inbox=str(inbox), out_dir=str(out))  # nothing new: nothing published
    assert not res.published and os.readlink(out / "latest") == first
    assert len(list((out / "runs").iterdir())) == 1
    assert not (out / "staging").exists() or not any((out / "staging").iterdir())

    # The index lists SP (already published from the inbox) and GS (new): one version with both.
    res = sv.ingest_new_documents(inbox=str(inbox), index_url=f"{base}/index.html", out_dir=str(out))
    assert res.published and [Path(p).name for p in res.new] == [GS.name]
    assert sorted(res.processed) == sorted([SP.name, GS.name])
    docs = pd.read_csv(out / "latest" / "documents.csv", keep_default_na=False)
    assert set(docs["source_file"]) == {SP.name, GS.name}
    manifest = json.loads((out / "latest" / "manifest.json").read_text())
    paths = {s["source_file"]: s["path"] for s in manifest["sources"]}
    assert paths[SP.name] == str(inbox / SP.name)  # the copy already published, not the download
    urls = {s["source_file"]: (s["url"], s["index_url"]) for s in manifest["sources"]}
    assert urls == {SP.name: (None, None), GS.name: (f"{base}/docs/{GS.name}", f"{base}/index.html")}
    assert not (out / "staging" / res.run_id / SP.name).exists()

    res = sv.ingest_new_documents(inbox=str(inbox), index_url=f"{base}/index.html", out_dir=str(out))
    assert not res.published  # downloaded again, same sha256s: nothing new
    assert len(list((out / "runs").iterdir())) == 2

    # A new inbox document: the next version carries the downloaded GS over, still with its URL.
    shutil.copy(GS, inbox / ("copy of " + GS.name))
    (inbox / ("copy of " + GS.name)).write_text(GS.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    res = sv.ingest_new_documents(inbox=str(inbox), out_dir=str(out))
    assert res.published
    manifest = json.loads((out / "latest" / "manifest.json").read_text())
    urls = {s["source_file"]: s["url"] for s in manifest["sources"]}
    assert urls[GS.name] == f"{base}/docs/{GS.name}" and urls["copy of " + GS.name] is None
