"""Document sources: local files and folders (an inbox), and URLs.

- A **local** source is a file or a folder (searched recursively by `pipeline.discover.discover`).
- A **URL** source is either a direct document link (its path ends in .docx, .pdf, .doc or .txt, or the server
  answers with a document content type), or an **index**: an HTML page (every `<a href>` is a candidate) or a
  JSON document (a list of links, or of objects with `url` / `href` / `link`, or an object holding such a list
  under `documents`, `links`, `items` or `files`). Only links to .docx, .pdf, .doc and .txt are followed.
- Downloads go into a per-run staging folder, `<out>/staging/<run-id>/`, under the file name taken from the URL
  (unquoted, made safe). They are streamed, limited in size (`ITUPLANS_MAX_DOWNLOAD_MB`, default the reader's
  `ITUPLANS_MAX_FILE_MB` = 100) and written atomically (pipeline/atomic.py). The staging folder is kept: the
  published manifest points at those files, and a scheduled run re-processes them with the next version.
- The network is touched only by two Prefect tasks, `fetch-index` and `download`, which retry transient failures
  (connection errors, time-outs, HTTP 429 and 5xx) three times with back-off; a 404 or an oversized file fails
  at once. A URL that cannot be fetched becomes an `ErrorItem` (stage `discover`, reason "could not download: ..."); the rest of the batch goes on.
- Where each download came from (its URL, and the index that linked to it) is recorded beside it, in
  `<out>/staging/<run-id>/.origins.json`; the manifest's `sources` carry both (`url`, `index_url`).

`select_new(...)` implements "only documents not published before": the sha256s recorded in
`<out>/latest/manifest.json` decide what is new (see `flows/serve.py`).
"""

from __future__ import annotations

import pipeline.settings  # noqa: F401  (before prefect)

import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from prefect import task
from prefect.cache_policies import NO_CACHE

from pipeline.atomic import replace_atomically
from pipeline.limits import DEFAULT_LIMITS
from pipeline.origins import ORIGINS_FILE, origins_entry
from pipeline.publish import latest_version, replace_atomically
from pipeline.readers import EXTENSIONS
from pipeline.records import ErrorItem
from pipeline.readers.common import file_sha256

URL_SCHEMES = ("http://", "https://")
STAGING = "staging"
USER_AGENT = "ituplans (+https://github.com/ituplans)"
TIMEOUT_SECONDS = float(os.environ.get("ITUPLANS_FETCH_TIMEOUT", "30"))
MAX_INDEX_BYTES = 20 * 1024 * 1024
RETRIES = 3
RETRY_DELAYS = [1, 3, 9]

# Content types that mean "this URL is a document" although its path has no document extension.
_DOC_CONTENT_TYPES = {
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def max_download_bytes() -> int:
    mb = os.environ.get("ITUPLANS_MAX_DOWNLOAD_MB")
    try:
        return int(float(mb) * 1024 * 1024) if mb else DEFAULT_LIMITS.max_file_bytes
    except ValueError:
        return DEFAULT_LIMITS.max_file_bytes


def is_url(source: str | Path) -> bool:
    return str(source).lower().startswith(URL_SCHEMES)


def is_document_url(url: str) -> bool:
    return Path(unquote(urlparse(url).path)).suffix.lower() in EXTENSIONS


_UNSAFE = re.compile(r"[^\w.\- ()+,&'\[\]]+", re.UNICODE)


def file_name_for(url: str, default_suffix: str = "") -> str:
    """A safe local file name from the last segment of the URL path (`.../C07%20plan.pdf` -> `C07 plan.pdf`)."""
    name = unquote(urlparse(url).path.rstrip("/").rsplit("/", 1)[-1])
    name = _UNSAFE.sub("_", name).strip(" .") or "document"
    if name.startswith("~$"):
        name = name[2:] or "document"
    if default_suffix and Path(name).suffix.lower() not in EXTENSIONS:
        name += default_suffix
    if len(name) > 200:
        stem, suffix = Path(name).stem, Path(name).suffix
        name = stem[: 200 - len(suffix)] + suffix
    return name


# ---------------------------------------------------------------------------------------------------------
# Index parsing


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"].strip())
        elif tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"].strip()


def _json_links(data: Any) -> list[str]:
    if isinstance(data, dict):
        for key in ("documents", "links", "items", "files", "results", "data"):
            if isinstance(data.get(key), list):
                return _json_links(data[key])
        for key in ("url", "href", "link", "download_url"):
            if isinstance(data.get(key), str):
                return [data[key]]
        return []
    if isinstance(data, list):
        out: list[str] = []
        for item in data:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                out.extend(_json_links(item))
        return out
    return []


def links_from_index(body: bytes, content_type: str, base_url: str) -> list[str]:
    """Absolute http(s) links to .docx / .pdf / .doc / .txt files in an HTML or JSON index, in order, once each."""
    text = body.decode("utf-8", errors="replace")
    stripped = text.lstrip()
    base = base_url
    if "json" in content_type.lower() or stripped.startswith(("[", "{")):
        try:
            raw = _json_links(json.loads(text))
        except ValueError:
            raw = []
    else:
        parser = _Links()
        parser.feed(text)
        parser.close()
        raw = parser.hrefs
        if parser.base:
            base = urljoin(base_url, parser.base)
    out: list[str] = []
    seen: set[str] = set()
    for href in raw:
        url = urldefrag(urljoin(base, href.strip())).url
        if not is_url(url) or not is_document_url(url) or url in seen:
            continue
        seen.add(url)
        out.append(url)
    return out


# ---------------------------------------------------------------------------------------------------------
# Fetching (the only code that touches the network)


class FetchError(Exception):
    """A URL that could not be fetched. `transient` errors are retried by the tasks."""

    def __init__(self, url: str, reason: str, transient: bool = False):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.transient = url, reason, transient


def _retry_transient(task: Any, task_run: Any, state: Any) -> bool:
    try:
        state.result()
    except FetchError as exc:
        return exc.transient
    except Exception:
        return True
    return False


def _client():
    import httpx

    return httpx.Client(follow_redirects=True, timeout=TIMEOUT_SECONDS, headers={"User-Agent": USER_AGENT})


def _stream(url: str, max_bytes: int, sink) -> str:
    """GET `url`, writing the body to `sink(chunk)`; returns the content type. Raises FetchError."""
    import httpx

    try:
        with _client() as client, client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                transient = resp.status_code == 429 or resp.status_code >= 500
                raise FetchError(url, f"HTTP {resp.status_code} {resp.reason_phrase}".strip(), transient)
            length = resp.headers.get("content-length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(url, f"{int(length) / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB "
                                 "download limit (ITUPLANS_MAX_DOWNLOAD_MB)")
            got = 0
            for chunk in resp.iter_bytes():
                got += len(chunk)
                if got > max_bytes:
                    raise FetchError(url, f"over the {max_bytes / 2**20:.0f} MiB download limit "
                                     "(ITUPLANS_MAX_DOWNLOAD_MB)")
                sink(chunk)
            return resp.headers.get("content-type", "").split(";")[0].strip().lower()
    except (httpx.TimeoutException, httpx.TransportError) as exc:
        raise FetchError(url, f"{type(exc).__name__}: {exc}", transient=True) from None
    except httpx.HTTPError as exc:  # invalid URL and the like: retrying does not help
        raise FetchError(url, f"{type(exc).__name__}: {exc}") from None


@dataclass
class IndexResult:
    url: str
    links: list[str] = field(default_factory=list)
    # When the "index" turned out to be a document itself (by content type): where it was saved.
    document: str | None = None


@task(name="fetch-index", task_run_name="fetch {url}", cache_policy=NO_CACHE, retries=RETRIES,
      retry_delay_seconds=RETRY_DELAYS, retry_condition_fn=_retry_transient)
def fetch_index_task(url: str, staging_dir: str, max_bytes: int | None = None) -> IndexResult:
    """The document links of an HTML / JSON index (or the document itself, if the URL serves one)."""
    limit = max_bytes or max_download_bytes()
    chunks: list[bytes] = []
    content_type = _stream(url, max(limit, MAX_INDEX_BYTES), chunks.append)
    body = b"".join(chunks)
    suffix = _DOC_CONTENT_TYPES.get(content_type)
    if suffix:
        if len(body) > limit:
            raise FetchError(url, f"over the {limit / 2**20:.0f} MiB download limit (ITUPLANS_MAX_DOWNLOAD_MB)")
        dest = Path(staging_dir) / file_name_for(url, suffix)  # before any link is downloaded: no clash
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(body)
        return IndexResult(url, [], str(dest))
    return IndexResult(url, links_from_index(body, content_type, url))


@task(name="download", task_run_name="download {url}", cache_policy=NO_CACHE, retries=RETRIES,
      retry_delay_seconds=RETRY_DELAYS, retry_condition_fn=_retry_transient)
def download_task(url: str, dest: str, max_bytes: int | None = None) -> str:
    """Download `url` to `dest` (streamed, size-limited, atomic); returns `dest`."""
    target = Path(dest)
    target.parent.mkdir(parents=True, exist_ok=True)

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            _stream(url, max_bytes or max_download_bytes(), fh.write)

    replace_atomically(target, write)
    return str(target)


def _fetch_error(url: str, exc: BaseException) -> ErrorItem:
    reason = exc.reason if isinstance(exc, FetchError) else f"{type(exc).__name__}: {exc}"
    return ErrorItem(url, "discover", f"could not download: {reason}")


class _Done:
    """A finished call, shaped like the bits of a PrefectFuture that `resolve_sources` uses."""

    def __init__(self, fn: Any, *args: Any):
        self.exc: BaseException | None = None
        self.value: Any = None
        try:
            self.value = fn(*args)
        except Exception as exc:
            self.exc = exc

    def wait(self) -> None:
        pass

    def ok(self) -> bool:
        return self.exc is None


def _submit(tsk: Any, *args: Any) -> Any:
    """`task.submit` inside a flow run (concurrent), a plain call (still retried) outside one."""
    from prefect.context import FlowRunContext

    if FlowRunContext.get() is not None:
        return tsk.submit(*args)
    return _Done(tsk, *args)


def _outcome(fut: Any) -> tuple[Any, BaseException | None]:
    if isinstance(fut, _Done):
        return fut.value, fut.exc
    fut.wait()
    if fut.state.is_completed():
        return fut.result(), None
    try:
        exc = fut.state.result(raise_on_failure=False)
    except Exception as err:  # pragma: no cover
        exc = err
    return None, exc if isinstance(exc, BaseException) else RuntimeError(fut.state.message or fut.state.name)


def staging_dir(out_dir: str | Path, run_id: str) -> Path:
    return Path(out_dir).absolute() / STAGING / run_id


def resolve_sources(sources: Iterable[str | Path], out_dir: str | Path, run_id: str) -> tuple[list[str], list[ErrorItem]]:
    """Local sources as they are; URL sources downloaded into `<out>/staging/<run-id>/`.

    Call it inside a flow (the fetches are task runs, retried). Returns (local paths, fetch errors).
    """
    local: list[str] = []
    errors: list[ErrorItem] = []
    urls = [str(s) for s in sources if is_url(s)]
    local = [str(s) for s in sources if not is_url(s)]
    if not urls:
        return local, errors
    stage = staging_dir(out_dir, run_id)
    doc_urls: list[str] = []
    index_urls: list[str] = []
    index_of: dict[str, str] = {}  # document link -> the index that linked to it (the first one)
    origins: dict[str, dict[str, str | None]] = {}  # downloaded file -> where it came from
    for u in urls:
        (doc_urls if is_document_url(u) else index_urls).append(u)
    for u, fut in [(u, _submit(fetch_index_task, u, str(stage))) for u in index_urls]:
        res, exc = _outcome(fut)
        if exc is not None:
            errors.append(_fetch_error(u, exc))
            continue
        if res.document:
            local.append(res.document)
            origins[res.document] = origins_entry(u, None)
        elif not res.links:
            errors.append(ErrorItem(u, "discover", "no links to .docx, .pdf, .doc or .txt files in this index"))
        doc_urls.extend(res.links)
        for link in res.links:
            index_of.setdefault(link, u)

    # Destinations are chosen here, not in the tasks, so two links with the same file name never race for one
    # path: the second goes to <staging>/2/<name> (and discover then reports the clash if the contents differ).
    used: set[str] = {Path(p).name for p in local if Path(p).parent == stage}
    planned: list[tuple[str, Path]] = []
    seen: set[str] = set()
    for u in doc_urls:
        if u in seen:
            continue
        seen.add(u)
        name = file_name_for(u)
        dest, n = stage / name, 1
        while str(dest.relative_to(stage)) in used:
            n += 1
            dest = stage / str(n) / name
        used.add(str(dest.relative_to(stage)))
        planned.append((u, dest))
    futures = [(u, _submit(download_task, u, str(dest))) for u, dest in planned]
    for u, fut in futures:
        path, exc = _outcome(fut)
        if exc is None:
            local.append(path)
            origins[path] = origins_entry(u, index_of.get(u))
        else:
            errors.append(_fetch_error(u, exc))
    if origins:
        record_origins(stage, origins)
    return local, errors


def record_origins(stage: Path, origins: dict[str, dict[str, str | None]]) -> None:
    """Add `origins` (downloaded file -> {"url", "index_url"}) to `<stage>/.origins.json` (pipeline/origins.py)."""
    record = stage / ORIGINS_FILE
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data.update({Path(p).relative_to(stage).as_posix(): o for p, o in origins.items()})
    stage.mkdir(parents=True, exist_ok=True)
    replace_atomically(record, lambda tmp: tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n",
                                                          encoding="utf-8"))


# ---------------------------------------------------------------------------------------------------------
# Only documents not published before




def published_sources(out_dir: str | Path) -> list[dict]:
    """The `sources` of `<out>/latest/manifest.json` (path, source_file, sha256, ...), [] without a version."""
    latest = latest_version(Path(out_dir))
    if latest is None:
        return []
    try:
        manifest = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [s for s in manifest.get("sources", []) if isinstance(s, dict)]


@dataclass
class BatchPlan:
    """What a scheduled run processes.

    - `new`: files whose sha256 is not among the latest version's sources.
    - `batch`: what to process when something is new: every file found now, plus every previously published
      document whose file is still at the recorded path with the recorded sha256 and whose name is not taken by
      a file found now (an edited document replaces its previous version).
    - `missing`: previously published documents that cannot be carried over (file gone or changed).
    """

    new: list[str]
    batch: list[str]
    carried: list[str]
    missing: list[str]
    duplicates: list[str]  # files found now whose content was already published under another path


def select_new(paths: Iterable[str], out_dir: str | Path) -> BatchPlan:
    previous = published_sources(out_dir)
    known = {s.get("sha256") for s in previous if s.get("sha256")}
    by_name: dict[str, str] = {}
    new: list[str] = []
    duplicates: list[str] = []
    prev_path_of = {s["sha256"]: s.get("path", "") for s in previous if s.get("sha256")}
    for p in paths:
        try:
            digest = file_sha256(p)
        except OSError:
            new.append(p)  # unreadable now: let the flow report it
            by_name.setdefault(Path(p).name, p)
            continue
        if digest not in known:
            new.append(p)
        else:
            prev = prev_path_of.get(digest, "")
            if prev and Path(prev).resolve() != Path(p).resolve() and Path(prev).is_file():
                duplicates.append(p)  # e.g. downloaded again: keep processing the copy already published
                continue
        by_name.setdefault(Path(p).name, p)
    carried: list[str] = []
    missing: list[str] = []
    for s in previous:
        path, name, digest = s.get("path") or "", s.get("source_file") or Path(s.get("path") or "").name, s.get("sha256")
        if name in by_name:
            continue
        ok = False
        try:
            ok = bool(path) and Path(path).is_file() and (not digest or file_sha256(path) == digest)
        except OSError:
            ok = False
        if ok:
            carried.append(path)
            by_name[name] = path
        else:
            missing.append(path or name)
    return BatchPlan(new=new, batch=list(by_name.values()), carried=carried, missing=missing, duplicates=duplicates)
