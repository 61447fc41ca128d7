"""QUALICOOP_ADMIN_IDS holds people's Telegram ids, as ``admin add`` takes them: a negative number (a
group, a channel) or one longer than 52 bits is a typo, refused in one line as every malformed setting."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings

NOT_A_PERSON = (
    "QUALICOOP_ADMIN_IDS is malformed: expected Telegram user ids, which are positive numbers of 52 bits "
    "at most ({} is not), e.g. 12345,67890"
)


@pytest.fixture(autouse=True)
def no_settings_of_the_developer(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUALICOOP_ADMIN_IDS", raising=False)


@pytest.mark.parametrize(
    ("value", "typo"),
    [
        ("-5", "-5"),
        ("12, -5", "-5"),
        ("0", "0"),
        ("99999999999999999999", "99999999999999999999"),
        (str(2**52), str(2**52)),
    ],
)
def test_an_id_no_person_has_is_refused_in_one_line(monkeypatch, value, typo):
    monkeypatch.setenv("QUALICOOP_ADMIN_IDS", value)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    assert str(refused.value) == NOT_A_PERSON.format(typo)


@pytest.mark.parametrize("value", ["12,abc", "--5", "12²", "1e3"])
def test_what_is_not_a_number_is_refused_in_one_line(monkeypatch, value):
    monkeypatch.setenv("QUALICOOP_ADMIN_IDS", value)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    said = (
        "QUALICOOP_ADMIN_IDS is malformed: expected Telegram user ids separated by commas, e.g. 12345,67890"
    )
    assert str(refused.value) == said


@pytest.mark.parametrize(
    ("value", "ids"), [("12, 34;56", {12, 34, 56}), (str(2**52 - 1), {2**52 - 1}), ("", set())]
)
def test_people_s_ids_are_read(monkeypatch, value, ids):
    monkeypatch.setenv("QUALICOOP_ADMIN_IDS", value)
    assert load_settings().admin_ids == ids
