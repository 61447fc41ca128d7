"""Someone a consultation did not reach (another coop's member, not invited, no link opened) pressing one of
its ballot's buttons (a forwarded message, an old button) is told that it was not sent to them, no longer
« Ce bouton ne concerne pas le dossier de votre coopérative »: a ballot is no dossier's. Nothing is stored."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Consultation, ConsultationAnswer
from tests.conversations.test_consultations import prepare_default
from tests.dossier_steps import join


async def test_a_ballot_button_pressed_by_someone_it_did_not_reach(world):
    harness, _clock = world
    director = await join(harness, 9740711, "fr", "Coop Sondage")
    await prepare_default(director, "15/12/2026", lang="fr")
    async with harness.database.transaction() as session:
        consultation = (await session.exec(select(Consultation))).one()
    stranger = await join(harness, 9740712, "fr", "Coop Voisine")
    guest = await join(harness, 9740713, "en", "Coop Other")
    presses = [f"{prefix}:{consultation.id}" for prefix in ("cb", "cbc", "cbs")] + [
        f"cbt:{consultation.id}:0:1"
    ]
    for user, said in (
        # this one has a public link: whoever was given it is pointed to it
        (
            stranger,
            "Cette consultation ne vous a pas été adressée. Si vous avez reçu son lien, ouvrez-le de nouveau pour répondre.",
        ),
        (
            guest,
            "This consultation was not sent to you. If you were given its link, open it again to answer.",
        ),
    ):
        await user.send("/dossier")
        for data in presses:
            await user.press_data(user.last, data)
            assert user.alerts == [said], (data, user.alerts)
    # a consultation that is gone: the button's own words, as before
    await stranger.press_data(stranger.last, f"cb:{consultation.id + 1000}")
    assert stranger.alerts[0].startswith("Ce bouton ne concerne pas"), stranger.alerts
    async with harness.database.transaction() as session:
        assert (await session.exec(select(ConsultationAnswer))).all() == []
