"""notionlog: a Markdown journal on disk that syncs both ways with a Notion database."""

__version__ = "0.1.0"
