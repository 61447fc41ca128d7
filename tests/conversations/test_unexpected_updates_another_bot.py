"""One of the assistant's commands addressed by name to another bot, typed in the private chat.

« /dossier@qualicoop_old_bot » (copied from a group, an old name of the bot in a guide) is not the
assistant's to take: Telegram's name for it is another bot's.
Before: at a question, « Je ne connais pas la commande /dossier » — the command every screen names; at
the home, « Je n’ai pas compris. Utilisez /dossier… » right after the person typed /dossier.
Now: what was typed is named, said to be addressed to another bot, with the command to send alone, in
the person's language; at a question, that the question is still open (nothing was done).
"""

from __future__ import annotations

from tests.dossier_steps import choose, join, open_home, start_own_indicator

NBSP = "\u00a0"


async def test_at_a_question_it_is_said_addressed_to_another_bot_and_the_question_still_open(harness):
    sam = await join(harness, 1201, "fr")
    await choose(sam, [1])
    await start_own_indicator(sam, 1)
    await sam.send("/dossier@qualicoop_old_bot")
    assert sam.reply_text() == (
        f"❓ La commande /dossier@qualicoop_old_bot est adressée à un autre bot, pas à moi{NBSP}: rien n’a "
        f"été fait. Ici, envoyez simplement /dossier. La question est toujours ouverte{NBSP}: tapez votre "
        "réponse, ou envoyez /annuler pour l’abandonner."
    )
    await sam.send("Part des logements en BRS")  # still the name's question
    assert f"Indicateur{NBSP}: Part des logements en BRS" in sam.reply_text()


async def test_at_the_home_it_names_the_command_in_the_person_s_language(harness):
    sam = await join(harness, 1201, "en")
    await open_home(sam)
    await sam.send("/progres@qualicoop_old_bot")
    assert sam.reply_text() == (
        "❓ The command /progres@qualicoop_old_bot is addressed to another bot, not to me: nothing was done. "
        "Here, just send /progress."
    )


async def test_a_command_the_assistant_has_not_got_is_still_said_unknown(harness):
    sam = await join(harness, 1201, "fr")
    await choose(sam, [1])
    await start_own_indicator(sam, 1)
    await sam.send("/meteo@weather_bot")
    assert sam.reply_text().startswith(f"❓ Je ne connais pas la commande /meteo{NBSP}: rien n’a été fait.")
