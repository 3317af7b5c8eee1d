"""Page titles become safe, readable file names; nothing resolves outside its folder."""

from __future__ import annotations

import pytest

from notionlog.notes.names import MAX_SLUG_BYTES, OutsideHome, inside, note_name, short_id, slugify

PAGE = "393abc1e-edcd-81c3-a7e3-f719e1e1ec4b"

HOSTILE = [
    "../../x", "..", ".", "/", "\\", "a/../../b", "..\\..\\windows\\system32", "/etc/passwd",
    "CON", "nul", "com1.txt", "LPT9", "a\x00b", "bell\x07esc\x1b[31m", "tab\tnew\nline",
    "\u202eexe.txt", "x" * 300, "한" * 300, "🚀" * 300, "", "   ", "---", ".hidden", "a:b*c?d\"e<f>g|h",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_give_a_plain_child_name(title, tmp_path):
    name = note_name(title, PAGE)
    assert name.endswith(f"-{short_id(PAGE)}.md")
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert all(ord(ch) >= 0x20 and ch not in '<>:"|?*' for ch in name)
    assert len(name.encode("utf-8")) <= 255
    assert name.split("-")[0].split(".")[0].lower() not in {"con", "nul", "com1", "lpt9"}
    path = inside(tmp_path, name)  # does not raise
    path.write_text("ok", encoding="utf-8")  # the file system accepts it
    assert path.parent == tmp_path


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("MLOps", "MLOps"),
        ("최종 프로젝트 & MLOps", "최종-프로젝트-MLOps"),
        ("🚀 Launch plan", "🚀-Launch-plan"),
        ("👩‍💻 dev notes", "👩‍💻-dev-notes"),  # the emoji's zero-width joiner is kept
        ("MLOps (week 1): intro?", "MLOps-week-1-intro"),
        ("v1.2 release", "v1.2-release"),
        ("snake_case", "snake_case"),
    ],
)
def test_readable_titles_stay_readable(title, slug):
    assert slugify(title) == slug


def test_decomposed_hangul_is_normalized():
    decomposed = "\u1100\u1161"  # 가 as two jamo (macOS file names)
    assert slugify(decomposed) == "가"


def test_long_titles_are_cut_at_a_character_boundary():
    slug = slugify("가나다" * 100)
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
    assert slug == ("가나다" * 100)[: MAX_SLUG_BYTES // 3]  # 3 bytes each: whole characters only


def test_cut_never_leaves_a_dangling_joiner():
    slug = slugify("a" * (MAX_SLUG_BYTES - 5) + "👩‍💻")
    assert not slug.endswith("\u200d")


def test_the_long_form_uses_the_whole_id():
    assert note_name("x", PAGE, long=True) == "x-393abc1eedcd81c3a7e3f719e1e1ec4b.md"


@pytest.mark.parametrize("name", ["../x.md", "..", ".", "", "a/b.md", "a\\b.md", "a\x00.md"])
def test_inside_refuses_escapes(name, tmp_path):
    with pytest.raises(OutsideHome):
        inside(tmp_path, name)


def test_inside_refuses_a_symlinked_escape(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "link.md").symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(OutsideHome):
        inside(tmp_path / "notes", "link.md")
