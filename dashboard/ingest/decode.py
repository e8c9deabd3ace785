"""A file's bytes in, its text out: refused when empty, over 5 MB, binary, UTF-16 or not UTF-8, with the reason."""

from __future__ import annotations

from dashboard.errors import InputError

MAX_BYTES = 5 * 1024 * 1024


def decode(data: bytes, name: str = "article") -> str:
    """Bytes → text, or InputError for an empty, oversized, binary or non-UTF-8 file."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{name}: {len(data):,} bytes is over the 5 MB limit ({MAX_BYTES:,} bytes); "
            "split it into one file per article"
        )
    if not data.strip():
        raise InputError(f"{name}: the file is empty (expected UTF-8 text of a news article)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{name}: UTF-16 text (it starts with a UTF-16 byte-order mark; read as UTF-8 it is a binary file); "
            "save it as UTF-8"
        )
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in data or controls > len(sample) * 0.05:  # a NUL anywhere, not only in the first 8 KB
        raise InputError(
            f"{name}: looks like a binary file ({controls} control bytes in the first "
            f"{len(sample):,}); expected UTF-8 text such as a .txt file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not UTF-8 text ({err.reason} at byte {err.start}: "
            f"{data[err.start : err.start + 4]!r}); save it as UTF-8 and try again"
        ) from err
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as Python's text mode reads it
