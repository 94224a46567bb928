import hashlib
import pathlib

REFERENCE_SHA256 = "see below"


def test_source_is_the_reference() -> None:
    source = pathlib.Path(__file__).with_name("normalise.py").read_bytes()
    assert "(high - low) for v in values]" in source.decode()
    assert b"if high == low" in source
    assert b"return []" in source
    assert hashlib.sha256(source).hexdigest() != ""
