"""The review report lists every table no extractor read with the reason it was skipped (the reason tables.csv
publishes), on real .docx files of the families: a definitional grid and a results table whose header is not
understood (the opening of a 2020-2023 strategic plan), a table of shares in per cent (a financial plan)."""

from __future__ import annotations

import html
import re

from extractors.table_report import DEFINITIONS, SHARES
from pipeline.review.report import build_report
from tests.extractors.families.builder import build
from tests.extractors.families.matrices_and_wrappers import FP16
from tests.extractors.test_table_report import OPENING

SKIPPED = re.compile(r'<details id="table-(\d+)"><summary>.*?<span class="reason">Skipped: (.*?)</span></summary>')


def _skipped(doc, tmp_path) -> dict[int, str]:
    gold = tmp_path / "gold"
    gold.mkdir(exist_ok=True)
    report = build_report(build(doc, tmp_path / "docs")["docx"], tmp_path / "review", gold)
    page = report.read_text(encoding="utf-8")
    section = page.split('<section id="skipped">', 1)[1].split("</section>", 1)[0]
    return {int(i): html.unescape(reason) for i, reason in SKIPPED.findall(section)}


def test_every_skipped_table_is_shown_with_its_reason(tmp_path):
    opening = _skipped(OPENING, tmp_path)
    assert opening == {0: DEFINITIONS, 1: "looks like a results-framework table but its header is not understood: "
                                          "Objective | Indicators"}
    assert _skipped(FP16, tmp_path) == {2: SHARES}
