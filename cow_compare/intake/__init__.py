"""Intake: texts in, Documents out.

`sourcefile` reads a file as text, `frontmatter` reads the +++ TOML block, and `parse` turns the
body into provisions in stages: `lines` classifies each line (`markers` recognises what opens
it), `outline` places marked lines on the stack of open sequences, `unnumbered` places the text
no marker opens, `labels` labels the provisions, and `statuses` reads their status and editorial
notes (`inline` reads inline Markdown as plain words). `cache` keeps parsed documents on disk,
`corpus` finds documents in a corpus folder with their lineage, and `writer` writes a Document
back in the corpus format. `readers/` turns outside formats (text in any encoding, web pages,
DOCX, PDF, web addresses) into plain text with notes, `originals` reads a file or address through
them, `importer` writes an original into an analyst's corpus folder, and `numbering` reports what
the parser made of its numbers. Modules are imported by name (`from .intake.parse import
parse_text`) so that reading a cached corpus never imports the parser.
"""
