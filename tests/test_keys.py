"""Encryption keys: values round-trip, name their key, and fail clearly when they cannot."""

import json
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindvoice import keys
from kindvoice.errors import DecryptionError, KeyFileError


@given(st.text())
def test_any_text_round_trips_through_encryption(text: str) -> None:
    ring = keys.Keyring.new()
    stored = ring.encrypt(text)
    assert text == ring.decrypt(stored)


def test_a_stored_value_names_its_key_and_hides_the_text() -> None:
    ring = keys.Keyring.new()
    stored = ring.encrypt("I keep thinking I am a failure")
    assert stored.startswith(f"kv1:{ring.active}:")
    assert "failure" not in stored
    assert ring.encrypt("same") != ring.encrypt("same"), "each value must get its own nonce"


def test_old_values_still_decrypt_after_a_new_key_becomes_active() -> None:
    ring = keys.Keyring.new()
    old_id = ring.active
    stored = ring.encrypt("written last year")
    ring.add_key()
    assert ring.active != old_id
    assert ring.decrypt(stored) == "written last year"


def test_a_value_under_an_unknown_key_says_which_key_is_missing() -> None:
    stored = keys.Keyring.new().encrypt("text")
    with pytest.raises(DecryptionError, match="not in the key file"):
        keys.Keyring.new().decrypt(stored)


def test_a_tampered_value_is_refused() -> None:
    ring = keys.Keyring.new()
    stored = ring.encrypt("text")
    tampered = stored[:-4] + ("AAAA" if not stored.endswith("AAAA") else "BBBB")
    with pytest.raises(DecryptionError, match="damaged"):
        ring.decrypt(tampered)


def test_the_key_file_is_written_private_and_read_back(tmp_path) -> None:
    path = tmp_path / "keys.json"
    assert keys.create_if_missing(path) is True
    assert keys.create_if_missing(path) is False
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    ring = keys.load(path)
    assert len(ring.keys[ring.active]) == 32


def test_a_missing_key_file_explains_what_to_do(tmp_path) -> None:
    with pytest.raises(KeyFileError, match="kindvoice migrate"):
        keys.load(tmp_path / "nope.json")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("not json", id="not-json"),
        pytest.param(json.dumps({"active": "x", "keys": []}), id="active-key-missing"),
        pytest.param(json.dumps({"active": "x", "keys": [{"id": "x", "key": "c2hvcnQ="}]}), id="short-key"),
    ],
)
def test_a_damaged_key_file_is_refused_with_a_clear_message(tmp_path, content: str) -> None:
    path = tmp_path / "keys.json"
    path.write_text(content)
    with pytest.raises(KeyFileError, match="damaged"):
        keys.load(path)


def test_a_running_process_picks_up_a_key_file_rotated_by_another_process() -> None:
    from kindvoice import config

    before = keys.current()
    other_process_ring = keys.load()
    new_id = other_process_ring.add_key()
    # Written the way another process would: straight to the file, no shared memory.
    config.write_private_file(keys.key_file(), other_process_ring.to_json())
    keys._checked_at = 0.0  # as if a second had passed
    try:
        assert keys.current().active == new_id
        assert keys.current().encrypt("x").startswith(f"kv1:{new_id}:")
    finally:
        other_process_ring.active = before.active
        keys.save(other_process_ring)
