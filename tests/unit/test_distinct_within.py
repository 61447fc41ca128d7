"""``distinct_within``: the names of a message's lines, whole when they fit, else cut alike within the
room, those alike at their start keeping their end, never two read the same (« ⚠️ Voir les échecs »).

Before it, the failures' coops were each cut at 60 characters: names alike at their start read alike."""

from __future__ import annotations

from conversations.render.html import distinct_within, e, units

START = "Société Coopérative d'Intérêt Collectif d'Habitations à Loyer Modéré & Accession de la "


def test_names_are_whole_when_they_fit():
    names = [START + "Gironde", START + "Haute-Garonne", START + "Gironde"]
    assert distinct_within(names, 4000) == {name: e(name) for name in names}


def test_names_alike_at_their_start_keep_their_end_within_the_room():
    names = [START + f"Vallée n°{n:02d}" for n in range(20)] * 2  # each on two lines
    labels = distinct_within(names, 1500)
    assert len(set(labels.values())) == 20
    assert all(label.endswith(f"n°{n:02d}") for n, label in enumerate(labels.values()))
    most = max(units(label) for label in labels.values())
    assert most * len(names) <= 1500 and all("&amp;" in label or "…" in label for label in labels.values())
