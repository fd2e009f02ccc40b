"""Damaged zip packages for the tests of uploads (ODS, XLSX, ODT, DOCX are zip files)."""


def encrypted(data: bytes) -> bytes:
    """Every entry marked encrypted, as a password-protected ODS or zip is."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            out[start + offset] |= 1
            start += 4
    return bytes(out)
