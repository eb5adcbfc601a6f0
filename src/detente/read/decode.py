"""Bytes → text: refuse binary data, find the encoding, clean control characters."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .problems import Unreadable

_SAMPLE = 8192
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of binary formats people drop into news folders by mistake.
_MAGIC = (
    (b"%PDF-", "a PDF document; convert it to text or HTML first"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx); unpack or convert it first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document; convert it first"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "bzip2-compressed data; only gzip is read"),
    (b"\xfd7zXZ", "xz-compressed data; only gzip is read"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13, 27}
# C0 controls other than tab/newline/CR, DEL, C1 controls and lone surrogates.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})""", re.IGNORECASE
)


def check_not_binary(sample: bytes) -> None:
    """Raise Unreadable when the first bytes look like a binary file, not text."""
    for magic, what in _MAGIC:
        if sample.startswith(magic):
            raise Unreadable(f"binary file: {what}")
    head = sample[:_SAMPLE]
    if not head or _looks_utf16(head):
        return
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if controls / len(head) > 0.05:
        raise Unreadable("binary file (not text): it holds many control bytes")


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: ASCII letters with a NUL beside each one."""
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return odd.count(0) > 0.8 * len(odd) or even.count(0) > 0.8 * len(even)


def sniff_encoding(sample: bytes, declared: str | None = None) -> str:
    """The encoding to decode a document or stream with, judged from its first bytes.

    A BOM wins; then UTF-8 when the sample is valid (or nearly valid) UTF-8; then
    a declared charset (HTTP header, HTML meta); then charset-normalizer's guess.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if _looks_utf16(sample[:_SAMPLE]):
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    if _mostly_utf8(sample):
        return "utf-8"
    for label in (declared, _meta_charset(sample)):
        # a declared UTF-16/32 without a BOM is a mislabel (browsers ignore it too)
        if label and _known_codec(label) and "16" not in label and "32" not in label:
            return label
    matches = list(from_bytes(sample[: 64 * 1024]))
    if not matches:
        raise Unreadable(
            "text in an unknown encoding: it is neither UTF-8 nor a recognised charset"
        )
    # English news in a legacy charset is nearly always Windows-1252: among equally
    # clean guesses (cp1250 and cp1252 often tie on short texts), prefer it.
    best = matches[0]
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos:
            return match.encoding
    return best.encoding


def _mostly_utf8(sample: bytes) -> bool:
    """Valid UTF-8, or UTF-8 with a few broken bytes: decoded best-effort, not dropped."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    text = decoder.decode(sample, final=False)
    broken = text.count("\ufffd") - sample.count("\ufffd".encode())
    if broken == 0:
        return True
    multibyte = sum(1 for char in text if ord(char) > 127 and char != "\ufffd")
    # Real UTF-8 with corruption still has valid multibyte characters; a Latin-1
    # or cp1252 file has none and is better left to charset-normalizer.
    return multibyte > broken and broken <= max(2, len(sample) // 1000)


def _meta_charset(sample: bytes) -> str | None:
    match = _META_CHARSET.search(sample[:4096])
    return match.group(1).decode("ascii") if match else None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def decode_document(data: bytes, declared: str | None = None) -> str:
    """Decode a whole document, best-effort: undecodable bytes become U+FFFD."""
    check_not_binary(data)
    encoding = sniff_encoding(data, declared)
    return clean_text(data.decode(encoding, errors="replace"))


def clean_text(text: str) -> str:
    """Drop NULs and other control characters, and unify line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_CHARS.sub("", text)
