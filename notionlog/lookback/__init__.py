"""Look back over the journal: search, on this day, the calendar and streaks, reviews, export, stats.

Everything here reads the entry files on disk (through :mod:`notionlog.local.journal`) and never talks to
Notion. Modules:

- reading: one entry's text -> title, tags, words and sections (top-level bullets or headings);
- index: a SQLite cache in ``<home>/.notionlog/lookback.db`` kept current from file signatures,
  with an FTS5 trigram index for search when the Python's SQLite has it;
- search: matching lines (FTS5 candidates, or a scan: the same answers), filters, highlights;
- streaks: written days -> current and longest streak, missed days (pure functions);
- calendar: the year as a grid, rendered as text or SVG; onthisday, review, export, html, stats.

Nothing here imports typer; heavy libraries (markdown-it-py for HTML) are imported where used.
See docs/lookback.md for the rules (what a section is, what counts as written or missed).
"""
