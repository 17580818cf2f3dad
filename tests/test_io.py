"""Reading articles and labelled JSONL, and atomic writing."""
from __future__ import annotations

import json
import os

import pytest

from scorer.errors import DataFormatError, InputError
from scorer.io import atomic_write_text, decode_article, read_article, read_labelled


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "is empty"),
        (b"  \n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "is binary"),
        (b"caf\xe9 au lait", "is not UTF-8 text"),
    ],
)
def test_bad_article_bytes(data, message):
    with pytest.raises(InputError, match=message):
        decode_article(data, "x.txt")


def test_byte_order_mark_is_dropped_and_newlines_kept():
    assert decode_article(b"\xef\xbb\xbfOne.\r\nTwo.", "x") == "One.\r\nTwo."
    assert decode_article("One.\r\nTwo.".encode("utf-16"), "x") == "One.\r\nTwo."
    with pytest.raises(InputError, match="not valid UTF-16"):
        decode_article(b"\xff\xfeA", "x")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


def write_jsonl(path, *records):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))
    return path


@pytest.mark.parametrize(
    "record, message",
    [
        ("{not json", "not valid JSON"),
        ([1, 2], "must be a JSON object"),
        ({"text": "", "spans": []}, "missing or empty 'text'"),
        ({"text": "Hi.", "spans": []}, "missing or empty 'spans'"),
        ({"text": "Hi.", "spans": [{"start": 0, "end": 9, "label": "none"}]}, "outside the text"),
        ({"text": "Hi.", "spans": [{"start": 0, "end": 3, "label": "opinion"}]}, "not one of"),
        ({"text": "Hi there.", "spans": [{"start": 0, "end": 5, "label": "none"},
                                         {"start": 3, "end": 9, "label": "none"}]}, "overlap"),
        ({"text": "Hi.", "spans": [{"start": "0", "end": 3, "label": "none"}]}, "must be integers"),
    ],
)
def test_labelled_format_errors_name_file_and_line(tmp_path, record, message):
    path = write_jsonl(tmp_path / "d.jsonl", {"text": "Ok.", "spans": [{"start": 0, "end": 3, "label": "none"}]}, record)
    with pytest.raises(DataFormatError, match=message) as error:
        read_labelled(path)
    assert "d.jsonl:2" in str(error.value)


def test_unknown_keys_are_kept_as_metadata(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", {"doc_id": "a", "text": "Ok.", "publisher": "x", "extra": [1],
                                              "spans": [{"start": 0, "end": 3, "label": "none", "note": 1}]})
    doc = read_labelled(path)[0]
    assert doc.doc_id == "a" and doc.meta == {"publisher": "x"} and doc.spans[0].label == "none"


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text() == "second"
    assert os.listdir(tmp_path) == ["out.txt"]
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)
