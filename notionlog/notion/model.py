"""Plain data the Notion layer hands to the rest of notionlog (no SDK types leak out)."""

from __future__ import annotations

from dataclasses import dataclass, field

from notionlog.richtext import plain_text


@dataclass
class Database:
    """A journal database and the data source its pages live in (API 2025-09-03)."""

    database_id: str
    data_source_id: str
    title: str
    properties: dict  # property name -> schema object ({"id", "name", "type", <type>: {...}})
    parent_id: str | None = field(default=None, compare=False)  # the page it lives under, if any

    @property
    def title_property(self) -> str | None:
        """Name of the title property (every data source has exactly one; its name varies)."""
        return next((name for name, p in self.properties.items() if p.get("type") == "title"), None)

    def property_type(self, name: str) -> str | None:
        prop = self.properties.get(name)
        return prop.get("type") if prop else None

    @classmethod
    def from_objects(cls, database: dict | None, data_source: dict) -> Database:
        """Build from a ``GET /databases`` object (may be None) and a ``GET /data_sources`` object."""
        parent = (database or {}).get("parent") or {}
        database_id = (database or {}).get("id") or (data_source.get("parent") or {}).get("database_id")
        title = plain_text((database or {}).get("title")) or plain_text(data_source.get("title"))
        return cls(
            database_id=database_id or "",
            data_source_id=data_source["id"],
            title=title,
            properties=dict(data_source.get("properties") or {}),
            parent_id=parent.get("page_id"),
        )
