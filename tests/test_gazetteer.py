"""kg.gazetteer.load: the pickled copy in the user's cache folder is used when it was made from
the same sources, rebuilt when unreadable, and never needed."""
from __future__ import annotations

import os
import pickle

import pytest

from kg import gazetteer

load = gazetteer.load.__wrapped__  # without the once-per-process memo


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_copy_is_made_once_then_read(cache):
    first = load()
    copies = list(cache.glob("gazetteer-*.pickle"))
    assert len(copies) == 1
    assert first.path(first.lookup("屯留区")[0]) == ["山西省", "长治市", "屯留区"]
    first.marker = "read from the copy"
    copies[0].write_bytes(pickle.dumps(first))
    assert load().marker == "read from the copy"


def test_an_unreadable_copy_is_made_again(cache):
    load()
    (copy,) = cache.glob("gazetteer-*.pickle")
    copy.write_bytes(b"not a pickle")
    again = load()
    assert again.lookup("屯留区") and not hasattr(again, "marker")
    assert isinstance(pickle.loads(copy.read_bytes()), gazetteer.Gazetteer)


def test_a_folder_that_cannot_be_written_is_left_alone(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))  # under a file: not creatable
    assert load().lookup("屯留区")


def test_a_fifo_in_place_of_the_copy_does_not_block(cache):
    load()
    (copy,) = cache.glob("gazetteer-*.pickle")
    copy.unlink()
    os.mkfifo(copy)
    assert load().lookup("屯留区")  # read from the sources; the FIFO is not opened
