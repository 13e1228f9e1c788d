"""The review report in a real browser: Debian's chromium, headless.

The page must load without JavaScript errors, console errors or blocked requests, its own script must run, and
it must show the rows the reviewer checks (a known work-month figure of the sample). chromium is required: CI
installs it (.ci/run); a missing browser FAILS these tests, it does not skip them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.review.report import build_report

from .conftest import DOC_ID, SAMPLE

BROWSERS = ("chromium", "chromium-browser")
# Records uncaught errors, console.error calls and CSP violations into attributes of <html>, so --dump-dom shows them.
ERROR_RECORDER = """<script>
(function () {
  var n = 0;
  function rec(kind, msg) {
    n += 1;
    var h = document.documentElement;
    h.setAttribute("data-console-errors", String(n));
    h.setAttribute("data-console-messages", (h.getAttribute("data-console-messages") || "") + kind + ": " + msg + " | ");
  }
  window.addEventListener("error", function (e) { rec("error", e.message); });
  window.addEventListener("unhandledrejection", function (e) { rec("rejection", String(e.reason)); });
  document.addEventListener("securitypolicyviolation", function (e) { rec("csp", e.violatedDirective + " " + e.blockedURI); });
  var orig = console.error;
  console.error = function () { rec("console", Array.prototype.join.call(arguments, " ")); return orig.apply(console, arguments); };
  document.documentElement.setAttribute("data-console-errors", "0");
})();
</script>"""


def chromium() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("chromium is not installed: `apt-get install -y chromium` (the report's browser test needs it; "
                ".ci/run installs it)")


# Records, after load, which panes of extracted rows are wider than the pane (the reviewer would have to scroll
# sideways to see the last columns).
OVERFLOW_RECORDER = """<script>
window.addEventListener("load", function () {
  var wide = [];
  document.querySelectorAll(".pane").forEach(function (pane) {
    if (pane.querySelector("table.records") && pane.scrollWidth > pane.clientWidth + 1) {
      wide.push(pane.closest("section").id + ":" + pane.scrollWidth + ">" + pane.clientWidth);
    }
  });
  document.documentElement.setAttribute("data-wide-panes", wide.join(" "));
  document.documentElement.setAttribute("data-viewport", String(window.innerWidth));
});
</script>"""


def dump_dom(html_file: Path, tmp_path: Path, extra: str = "") -> tuple[str, str]:
    """(DOM after load, browser stderr) of a local file seen in a 1400 px wide window, with the error recorder
    (and `extra`) injected first in <head>."""
    page = html_file.with_name("under-test.html")
    text = html_file.read_text(encoding="utf-8")
    page.write_text(text.replace("<head>", "<head>" + ERROR_RECORDER + extra, 1), encoding="utf-8")
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
           "--enable-logging=stderr", "--v=0", "--window-size=1400,900", "--dump-dom", page.as_uri()]
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, proc.stderr


def console_problems(stderr: str) -> list[str]:
    """Console messages of the page that are errors (chromium logs them as CONSOLE lines)."""
    return [line for line in stderr.splitlines()
            if "CONSOLE" in line and re.search(r"Uncaught|Error|Refused|Failed", line)]


def test_report_loads_without_errors_and_shows_the_rows(tmp_path, gold_copy):
    started = time.monotonic()
    report = build_report(SAMPLE, tmp_path / "review", gold_copy)
    dom, stderr = dump_dom(report, tmp_path)

    assert 'data-console-errors="0"' in dom, re.findall(r'data-console-messages="[^"]*"', dom)
    assert console_problems(stderr) == []
    assert 'data-report-ready="1"' in dom  # the report's own script ran to its end
    assert re.search(r'id="js-status"[^>]*>\d+ of \d+ extracted/gold rows shown<', dom)
    # the first work-month table: source table and the extracted row (Plenipotentiary Conference, SGO, 2007: 4.7)
    section = dom[dom.index('id="table-0"'):dom.index('id="table-1"')]
    assert "<td>SGO</td><td>4.7</td>" in section.replace("\n", "")  # source table cells
    assert re.search(r'<tr class="ok">.*?<td>Plenipotentiary Conference</td><td>SGO</td><td>department</td>'
                     r"<td>2007</td><td>2007</td><td>2007</td><td>4.7</td>", section)
    assert 'colspan="3"' in section  # "Work months" spans the period columns
    assert '<section id="skipped">' in dom and "<details" in dom
    assert time.monotonic() - started < 60  # the document path of a run (read, extract, finish) and the browser


def test_rows_fit_the_pane_at_1400px(tmp_path, gold_copy):
    """Every column of the extracted rows (group and focal point last) is in view without scrolling sideways."""
    report = build_report(SAMPLE, tmp_path / "review", gold_copy)
    dom, _ = dump_dom(report, tmp_path, OVERFLOW_RECORDER)
    assert 'data-viewport="1400"' in dom
    assert re.search(r'data-wide-panes="([^"]*)"', dom).group(1) == ""


def test_the_overflow_recorder_catches_a_wide_pane(tmp_path):
    page = tmp_path / "wide.html"
    page.write_text('<!DOCTYPE html><html><head><meta charset=utf-8></head><body><section id="s"><div class="pane" '
                    'style="width:300px;overflow:auto"><table class="records"><tr><td style="white-space:nowrap">'
                    + "x" * 400 + "</td></tr></table></div></section></body></html>", encoding="utf-8")
    dom, _ = dump_dom(page, tmp_path, OVERFLOW_RECORDER)
    assert re.search(r'data-wide-panes="s:\d+&gt;\d+"', dom) or re.search(r'data-wide-panes="s:\d+>\d+"', dom)


def test_the_error_recorder_catches_errors(tmp_path):
    """The check above is not vacuous: a page with a failing script is caught."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><head><meta charset=utf-8></head><body><p>x</p>"
                    "<script>console.error('boom'); undefinedFunction();</script></body></html>", encoding="utf-8")
    dom, stderr = dump_dom(page, tmp_path)
    assert 'data-console-errors="2"' in dom
    assert "boom" in dom and "undefinedFunction" in dom
    assert console_problems(stderr)


def test_untrusted_text_is_escaped_and_nothing_is_fetched(tmp_path, gold_copy):
    """Table text with markup shows as text: no element, no script, no request."""
    doc = tmp_path / "evil-operational-plan-2008-2011.txt"
    doc.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "\tPlenipotentiary Conference\n", '\t<img src="http://127.0.0.1:9/x.png" onerror="console.error(1)">'
                                      "<script>console.error('pwned')</script>Plenipotentiary Conference\n", 1),
        encoding="utf-8")
    report = build_report(doc, tmp_path / "review", gold_copy)
    html_text = report.read_text(encoding="utf-8")
    assert "<img" not in html_text and "&lt;img src=&quot;http://127.0.0.1:9/x.png&quot;" in html_text
    assert "&lt;script&gt;console.error(&#x27;pwned&#x27;)&lt;/script&gt;" in html_text
    assert "pwned')</script>" not in html_text
    dom, stderr = dump_dom(report, tmp_path)
    assert 'data-console-errors="0"' in dom
    assert "<img" not in dom
    assert (report.parent / "work_months.csv").exists()
    assert DOC_ID not in str(report)  # the report is for the copy's own document id
