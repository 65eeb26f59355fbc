"""Analysts' decisions on tags: an SQLite store of append-only events, and what they mean for each version.

`store` opens the file (WAL, named migrations, one transaction per write) and reads the events and
the `current` view; `view` turns the decisions made on a version into standings (confirmed,
rejected, added, or stale when the words changed); `carry` follows them through the lineage
(inherited, needs-review); `apply` lays them over a tagged version; `record` checks and writes new
ones; `csvio` exports and imports them; `agreement` measures how analysts and the rules agree.
The workspace is the only caller that applies them, so every output shows the same decisions.
"""
