"""The reviewer workflow: compare an extraction with gold, let a person correct it, make the correction stick.

    report.py     `build_report(document, out_dir, gold_dir)`: the document through the one document path
                  (pipeline/steps.py), then `<out>/<document_id>/report.html` and one companion CSV per dataset
    compare.py    an extraction against a gold file: matching, differing, extra and missing rows
    companion.py  the companion CSVs: written from the gold where it exists (the extraction's differences in a
                  `check` column), read back and checked
    html_page.py  the report as one self-contained HTML page
    accept.py     `accept(...)`: what the reviewer changed becomes gold (REVIEWED.json records the file's bytes);
                  `undo(...)`: the gold as it was before the last accept
    changes.py    rows added / removed / changed between two versions of a gold file
    history.py    the gold files kept before each accept (`gold/<document_id>/history/`)
    manifest.py   REVIEW.json: what the companion CSVs were made from
    state.py      where each dataset of a document stands (reviewed, stale, gold, none)
    cli.py        `ituplans review`, `ituplans gold accept|undo|status`

Production never imports this package: what a run needs of the reviewer's work (REVIEWED.json, applying accepted
gold) is pipeline/reviewed.py and pipeline/gold_rows.py. Modules here import each other one way only (cli ->
report / accept -> companion -> compare -> production modules); this file imports nothing.
"""
