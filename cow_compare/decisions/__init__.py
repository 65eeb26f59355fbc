"""Analysts' decisions on tags: an SQLite store of append-only events, and what they mean for each version.

    location   where a corpus's store is (--store, $COW_COMPARE_STORE, beside the corpus), opening nothing
    store      the file: WAL, named migrations, one transaction per write; the events and the decisions in force
    view       the decisions made on a version: confirmed, rejected, added, or stale when the words changed
    carry      the same decisions followed through the lineage: inherited, or needs-review
    standing   what stands on each version for one workspace, read once, carried once
    cache      those standings on disk, keyed by the store's state, so an unchanged store is not read again
    apply      the standings laid over a tagged version: the one place tags and decisions meet
    record     new decisions checked against the provision's words and tags, then appended
    queries    `annotate list` and `annotate log`
    csvio      export every event; import a file of them, every row checked before any is written
    agreement  Cohen's kappa between analysts, and between each analyst and the rules, per tag

The workspace is the only caller that applies decisions, so every output shows the same ones.
"""
