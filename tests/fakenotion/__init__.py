"""A faithful local emulator of the Notion API (see the emulator issue and shared/notion-api.md)."""
