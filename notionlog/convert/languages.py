"""Fence info strings -> Notion's code-language enum, and back.

The enum is fixed by the API (docs/notion-contract.md §6.2, from the JS SDK's ``LanguageRequest``); it has no
aliases, so common fence names (``py``, ``js``, ``sh``, ``text`` ...) are mapped here and anything
unknown falls back to ``plain text``. Rendering writes the enum value back (``plain text`` -> no info).
"""

from __future__ import annotations

_ENUM = (
    """abap abc agda arduino assembly bash basic bnf c c# c++ clojure coffeescript coq css dart dhall
    diff docker ebnf elixir elm erlang f# flow fortran gherkin glsl go graphql groovy haskell hcl html
    idris java javascript json julia kotlin latex less lisp livescript lua makefile markdown markup
    matlab mathematica mermaid nix objective-c ocaml pascal perl php powershell prolog protobuf
    purescript python r racket reason ruby rust sass scala scheme scss shell smalltalk solidity sql
    swift toml typescript vb.net verilog vhdl webassembly xml yaml java/c/c++/c#"""
)
LANGUAGES = frozenset(_ENUM.split()) | {
    "ascii art", "llvm ir", "notion formula", "plain text", "visual basic"}

PLAIN = "plain text"

ALIASES = {
    "py": "python", "python3": "python", "py3": "python", "ipython": "python",
    "js": "javascript", "jsx": "javascript", "node": "javascript", "mjs": "javascript",
    "ts": "typescript", "tsx": "typescript",
    "sh": "shell", "zsh": "shell", "console": "shell", "shell-session": "shell", "ksh": "shell",
    "ps": "powershell", "ps1": "powershell", "pwsh": "powershell",
    "text": PLAIN, "txt": PLAIN, "plain": PLAIN, "plaintext": PLAIN, "none": PLAIN, "": PLAIN,
    "yml": "yaml", "md": "markdown", "rb": "ruby", "rs": "rust", "golang": "go", "kt": "kotlin",
    "cs": "c#", "csharp": "c#", "cpp": "c++", "cxx": "c++", "hpp": "c++", "h": "c", "fs": "f#",
    "fsharp": "f#", "objc": "objective-c", "dockerfile": "docker", "make": "makefile",
    "tex": "latex", "hs": "haskell", "ex": "elixir", "exs": "elixir", "erl": "erlang",
    "pl": "perl", "proto": "protobuf", "tf": "hcl", "terraform": "hcl", "vb": "visual basic",
    "wasm": "webassembly", "wat": "webassembly", "patch": "diff", "jsonc": "json", "json5": "json",
    "htm": "html", "xhtml": "html", "svg": "xml", "ml": "ocaml", "clj": "clojure", "cljs": "clojure",
    "coffee": "coffeescript", "jl": "julia", "m": "matlab", "nb": "mathematica", "sol": "solidity",
    "ascii": "ascii art", "llvm": "llvm ir", "postgres": "sql", "postgresql": "sql", "mysql": "sql",
    "sqlite": "sql", "graphqls": "graphql", "gql": "graphql", "scm": "scheme", "rkt": "racket",
    "v": "verilog", "sv": "verilog", "vhd": "vhdl", "cmake": "makefile",
    "notion-formula": "notion formula",
}


def to_notion(info: str) -> str:
    """The enum value for a fence info string (its first word, case-insensitive)."""
    word = info.strip().split(maxsplit=1)[0].lower() if info.strip() else ""
    if word in LANGUAGES:
        return word
    return ALIASES.get(word, PLAIN)


def split_info(info: str) -> tuple[str, str]:
    """(enum value, the rest of the info string to keep) for a fence's info string.

    The rest is what the language alone cannot give back: everything after a first word that names
    a language (``python title="a.py"`` -> ``title="a.py"``), or the whole string when the first
    word is unknown (``pycon``, ``{eval-rst}``) or only says "plain text" (``text``, ``txt``: the
    enum has no name to write back for it). Notion keeps it as the code block's caption.
    """
    info = info.strip()
    word, _, rest = info.partition(" ") if " " in info else (info, "", "")
    language = to_notion(word)
    known = language != PLAIN or word.lower() == PLAIN
    return language, rest.strip() if known else info


def fence_info(language: str | None, caption: str) -> str | None:
    """The info string that reads back as ``(language, caption)``; None if none can."""
    info = " ".join(part for part in (to_fence(language), caption) if part)
    if "`" in info or "\n" in info or split_info(info) != (language or PLAIN, caption):
        return None
    return info


def to_fence(language: str | None) -> str:
    """The info string written after a fence for a Notion language ('' for plain text)."""
    if not language or language == PLAIN:
        return ""
    # Fence info ends at whitespace: the multi-word enum values use an alias that maps back.
    return _FENCE_SPELLING.get(language, language)


_FENCE_SPELLING = {"ascii art": "ascii", "llvm ir": "llvm", "visual basic": "vb",
                   "notion formula": "notion-formula"}
