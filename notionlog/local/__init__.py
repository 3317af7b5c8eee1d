"""The local journal: Markdown files on disk and what the daily commands do with them.

Dates and entry paths, atomic writes (``journal``), finding or creating the day's entry
(``entries``), templates (``templates``, ``tplplan``), carry-over (``carryover``), import
(``importer``) and quick capture (``capture``). Nothing here knows about Notion. Kept empty so
that ``new`` imports only the modules it uses.
"""
