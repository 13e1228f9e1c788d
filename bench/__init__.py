"""The benchmark: speed, memory and accuracy of the pipeline, and of the tools people would use instead.

`bench/run.py` is the entry point (`make bench`); its `SECTIONS` are the report's sections in order. Each
section is one module with three functions: `measure(cfg, R)` (runs it; returns the keys it adds to the results
dict `R`, which is saved as JSON so the markdown can be redone without running anything), `render(R, n)` (its
part of the markdown, numbered `n`; [] when it has nothing to say) and `headline(R)` (its lines of the headline).

- `stages.py`: pages per second of each step of the one document path (read -> extract -> finish) and of
  reconcile -> publish, per format, and the memory of each (section "Stages on the samples").
- `floors.py`: the bare parsing of each format next to our reader ("The floor").
- `raw_tables.py`: camelot, tabula-py, pdfplumber and our reader against the gold, cell by cell (the scoring
  rules are `accuracy.py`'s).
- `peer_tables.py`: the peers' own table test files (`bench/peers.py` scores them), when it is present.
- `end_to_end.py`: the samples with and without Prefect (flow overhead).
- `scale.py`: N copies: the bare loop, `ituplans run` with threads and Dask, and Dask without Prefect.
- `machine.py`: what ran it (CPU, packages, commit, load).

Shared by the sections: `config.py` (the run's settings and scratch folder), `inputs.py` (samples, page
counts, copies with distinct bytes), `measure.py` (best-of timing, a subprocess's peak RSS over its process
tree), `bare.py` (the bare loop: `pipeline.steps` per document, then reconcile and publish the batch the way
the flow does; also a subprocess entry point), `prefect_env.py` (a throwaway PREFECT_HOME for `ituplans run`)
and `report.py` (the markdown writer: title, headline, the sections in order, notes).

Standalone scripts beside them: `accuracy.py`, `readers.py`, `reconcile.py` (20,000 names), `flow_overhead.py`.
"""
