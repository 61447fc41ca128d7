"""Conversation tests: welcome, joining through an invitation, language, help, cancel, errors."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from conversations.render.formatting import EVENT_ADVICE
from locales import translator
from models.coops import create_invitation, revoke_invitation
from models.tables import AuditEntry, FederationRoleName, Member, MemberRole, User
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID


async def test_start_without_invitation_welcomes_in_french_with_language_choice(harness):
    camille = harness.user(101, language_code="fr")
    await camille.send("/start")
    assert "Bienvenue dans l’assistant Quali’Coop" in camille.last_text
    assert "lien d’invitation" in camille.last_text
    assert camille.buttons() == ["🇫🇷 Français", "🇬🇧 English"]


async def test_start_uses_telegram_language_then_falls_back_to_french(harness):
    alex = harness.user(102, language_code="en-GB")
    await alex.send("/start")
    assert "Welcome to the Quali’Coop assistant" in alex.last_text
    hans = harness.user(103, language_code="de")
    await hans.send("/start")
    assert "Bienvenue" in hans.last_text
    anon = harness.user(104, language_code=None)
    await anon.send("/start")
    assert "Bienvenue" in anon.last_text


async def test_join_with_direction_invitation_shows_dossier_home(harness):
    invitations = await harness.add_coop("Coop Habitat Bretagne", region="Bretagne")
    camille = harness.user(110)
    replies = await camille.send(f"/start {invitations.direction_token}")
    assert "Vous avez rejoint Coop Habitat Bretagne en tant que membre de la direction" in replies[0]["text"]
    home = replies[-1]["text"]
    assert "Dossier Quali’Coop — Coop Habitat Bretagne" in home
    assert "Cycle 1 · Brouillon" in home
    assert "Engagements\u00a0: 0/8 minimum" in home
    assert "Axe 3 — 0/4 (encore 2 à choisir)" in home
    async with harness.database.transaction() as session:
        member = (await session.exec(select(Member).where(Member.user_id == 110))).one()
        joins = (await session.exec(select(AuditEntry).where(AuditEntry.action == "join"))).all()
    assert member.role == MemberRole.DIRECTION and member.coop_id == invitations.coop.id
    assert [entry.actor_id for entry in joins] == [110]


async def test_same_invitation_serves_several_colleagues_in_english(harness):
    invitations = await harness.add_coop("Coop Sud")
    for user_id in (120, 121):
        colleague = harness.user(user_id, first_name="Sam", language_code="en")
        replies = await colleague.send(f"/start {invitations.member_token}")
        assert "Welcome! You have joined Coop Sud as a member." in replies[0]["text"]
        assert "Quali’Coop dossier — Coop Sud" in colleague.last_text
        assert "Axis 1 — 0/4 (2 more to choose)" in colleague.last_text


async def test_unknown_expired_and_revoked_invitations_are_refused(harness):
    invitations = await harness.add_coop("Coop Est")
    camille = harness.user(130)
    await camille.send("/start notatoken")
    assert "Ce lien d’invitation n’est pas reconnu" in camille.last_text
    async with harness.database.transaction() as session:
        expired = await create_invitation(
            session, invitations.coop, now=harness.clock() - timedelta(days=100)
        )
        await revoke_invitation(session, invitations.member_token)
    await camille.send(f"/start {expired.token}")
    assert "a expiré" in camille.last_text
    await camille.send(f"/start {invitations.member_token}")
    assert "a été désactivé" in camille.last_text
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Member))).all() == []


async def test_member_of_another_coop_is_not_moved(harness):
    north = await harness.add_coop("Coop Nord")
    south = await harness.add_coop("Coop Sud")
    camille = harness.user(140)
    await camille.send(f"/start {north.member_token}")
    await camille.send(f"/start {south.direction_token}")
    assert "Vous êtes déjà membre de Coop Nord" in camille.last_text
    assert "rien n’a été modifié" in camille.last_text
    async with harness.database.transaction() as session:
        member = (await session.exec(select(Member).where(Member.user_id == 140))).one()
    assert member.coop_id == north.coop.id and member.role == MemberRole.MEMBER


async def test_direction_invitation_promotes_an_existing_member(harness):
    coop = await harness.add_coop("Coop Ouest")
    camille = harness.user(150)
    await camille.send(f"/start {coop.member_token}")
    replies = await camille.send(f"/start {coop.direction_token}")
    assert "désormais partie de Coop Ouest en tant que membre de la direction" in replies[0]["text"]
    replies = await camille.send(f"/start {coop.member_token}")
    assert "déjà partie de Coop Ouest en tant que membre de la direction" in replies[0]["text"]


async def test_language_choice_is_stored_and_used_everywhere(harness):
    coop = await harness.add_coop("Coop Lyon")
    camille = harness.user(160, language_code="fr")
    await camille.send(f"/start {coop.member_token}")
    await camille.send("/language")
    assert camille.last_text == "Quelle langue préférez-vous\u00a0?"
    replies = await camille.press("English")
    assert replies[0]["text"] == "✅ The assistant now speaks English."
    assert "Quali’Coop dossier — Coop Lyon" in camille.last_text
    await camille.send("/dossier")
    assert "Engagements: 0/8 minimum" in camille.last_text
    await harness.restart()
    await camille.send("/help")
    assert "What this assistant does" in camille.last_text
    async with harness.database.transaction() as session:
        assert (await session.get(User, 160)).language == "en"
    await camille.send("/language")
    await camille.press("Français")
    assert camille.replies[0]["text"] == "✅ L’assistant parle désormais français."


async def test_help_lists_commands_and_cancel_keeps_data(harness):
    coop = await harness.add_coop("Coop Alpes")
    camille = harness.user(170)
    await camille.send("/help")
    for command in ("/dossier", "/langue", "/aide", "/annuler"):  # the French names, to a French speaker
        assert command in camille.last_text
    await camille.send(f"/start {coop.member_token}")
    replies = await camille.send("/cancel")
    assert "Tout ce que vous avez enregistré est conservé" in replies[0]["text"]
    assert "Dossier Quali’Coop — Coop Alpes" in replies[-1]["text"]


async def test_the_direction_is_told_of_export_a_member_is_not(harness):
    """/export is the direction's: in its /help, not in a member's (who is pointed to /pdf there)."""
    coop = await harness.add_coop("Coop Zip")
    direction, member = harness.user(171), harness.user(172)
    await direction.send(f"/start {coop.direction_token}")
    await member.send(f"/start {coop.member_token}")
    await direction.send("/help")
    assert "/export — Le dossier et ses fichiers en ZIP (la direction)" in direction.last_text
    await member.send("/help")
    assert "/export" not in member.last_text and "/pdf" in member.last_text


async def test_dossier_without_coop_explains_how_to_join(harness):
    camille = harness.user(180)
    await camille.send("/dossier")
    assert "Vous ne faites pas encore partie d’une coopérative" in camille.last_text


async def test_unexpected_text_photo_and_stale_button_get_a_way_forward(harness):
    camille = harness.user(190)
    await camille.send("bonjour")
    assert "Je n’ai pas compris" in camille.last_text
    await camille.send_photo(b"\x89PNG fake")
    assert "Je n’ai pas compris" in camille.last_text
    await camille.send("/start")
    await camille.press_data(camille.last, "eng:t:99")  # an older version's button: the welcome again
    assert camille.alerts == ["Ce menu n’est plus à jour."] and "Bienvenue" in camille.last_text


async def test_typed_html_is_escaped(harness):
    coop = await harness.add_coop("Coop <Rive> & Co")
    camille = harness.user(195)
    await camille.send(f"/start {coop.member_token}")
    # the fake parses HTML like Telegram: an unescaped name would be refused with a 400
    assert "Dossier Quali’Coop — Coop <Rive> & Co" in camille.last_text


async def test_a_failing_handler_apologises_and_alerts_admins(harness, monkeypatch):
    from conversations.ui import router as navigation

    async def broken(context, session, data):
        raise RuntimeError("database on fire")

    coop = await harness.add_coop("Coop Fragile")
    camille = harness.user(199)
    await camille.send(f"/start {coop.member_token}")
    monkeypatch.setitem(navigation._SCREENS, "home", broken)
    await camille.send("/dossier", expect_error=True)
    assert "un problème est survenu" in camille.last_text
    assert "Traceback" not in camille.last_text
    alert = harness.fake.last_message(ADMIN_ID)["text"]
    assert "RuntimeError at tests/conversations/test_onboarding.py:" in alert  # where, not its text
    assert "update" in alert and "database on fire" not in alert


async def test_commands_are_registered_per_language(harness):
    """The menu of a chat whose own was never set: a plain member's (no /export, the direction's)."""
    assert [c["command"] for c in harness.fake.commands[None]] == [
        "dossier",
        "recap",
        "pdf",
        "progres",
        "calendrier",
        "federation",
        "bilan",
        "partage",
        "parametres",
        "langue",
        "aide",
        "annuler",
        "mesdonnees",
        "supprimer",
    ]
    assert harness.fake.commands[None][0]["description"] == "Ouvrir le dossier de ma coopérative"
    assert harness.fake.commands["en"][0]["description"] == "Open my coop’s dossier"
    assert harness.fake.group_commands == {}  # the bot works in private chats: a group lists none
    # English speakers are shown the English names (both names work in every language)
    assert [c["command"] for c in harness.fake.commands["en"]] == [
        "dossier",
        "recap",
        "pdf",
        "progress",
        "calendar",
        "federation",
        "report",
        "sharing",
        "settings",
        "language",
        "help",
        "cancel",
        "mydata",
        "erase",
    ]


async def test_english_speakers_are_told_the_english_command_names(harness):
    coop = await harness.add_coop("Coop Both")
    admin = harness.user(ADMIN_ID, language_code="en")
    await admin.send(f"/start {coop.member_token}")  # on a coop's team too: its commands and the federation's
    await admin.send("/help")
    for command in (
        "/progress ",
        "/calendar ",
        "/settings ",
        "/mydata ",
        "/erase ",
        "/announce ",
        "/dashboard ",
    ):
        assert command in admin.last_text
    for command in (
        "/progres ",
        "/calendrier",
        "/parametres",
        "/mesdonnees",
        "/supprimer",
        "/annonce",
        "/tableau",
    ):
        assert command not in admin.last_text
    advice = [translator(language).gettext(EVENT_ADVICE["six_months"]) for language in ("en", "fr")]
    assert advice[0].endswith("with /progress.") and advice[1].endswith(" /progres.")  # the reminders' advice


async def test_help_shows_federation_commands_to_federation_staff(harness):
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/help")
    assert (
        "Pour la fédération" in admin.last_text
        and "/annonce" in admin.last_text
        and "/tableau" in admin.last_text
    )
    # in no coop: nothing of a coop's dossier they could not open, what they do instead
    assert (
        "/dossier" not in admin.last_text
        and "/pdf" not in admin.last_text
        and "votre coopérative" not in admin.last_text
    )
    assert "Vous administrez l’assistant pour la fédération" in admin.last_text
    assert "/langue" in admin.last_text and "/mesdonnees" in admin.last_text
    member = harness.user(198, language_code="fr")
    await member.send("/help")
    assert "/annonce" not in member.last_text


async def test_the_direction_joins_as_a_member_of_the_direction_in_english(harness):
    coop = await harness.add_coop("Coop Nord")
    sam = harness.user(195, language_code="en")
    replies = await sam.send(f"/start {coop.direction_token}")
    assert "Welcome! You have joined Coop Nord as a member of the direction." in replies[0]["text"]


async def test_the_language_chosen_in_the_settings_leads_back_to_them(harness):
    coop = await harness.add_coop("Coop Réglages")
    camille = harness.user(196, language_code="fr")
    await camille.send(f"/start {coop.member_token}")
    await camille.send("/parametres")
    await camille.press("🌐 Langue")
    assert "Quelle langue préférez-vous" in camille.last_text
    assert {"⬅️ Retour", "🏠 Mon dossier"} <= set(camille.buttons())
    await camille.press("⬅️ Retour")
    assert "⚙️ Paramètres" in camille.last_text
    await camille.press("🌐 Langue")
    await camille.press("English")
    assert "✅ The assistant now speaks English." in camille.last_text and "⚙️ Settings" in camille.last_text
    assert "Language: 🇬🇧 English" in camille.last_text
    async with harness.database.transaction() as session:
        assert (await session.get(User, 196)).language == "en"
    await camille.send("/language")  # the command's picker: a member's way home too
    assert "🏠 My dossier" in camille.buttons()


async def test_start_tells_the_federation_staff_what_they_do_here(harness):
    """An admin, a committee member, someone with both roles: their work and commands, not « open the
    invitation link your coop sent you »; the language buttons stay below, as said."""
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8200001, FederationRoleName.COMMITTEE)
        await grant_federation_role(session, ADMIN_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(8200001, language_code="fr")
    await committee.send("/start")
    text = committee.last_text
    assert "Au comité de validation, vous lisez les dossiers et enregistrez ses décisions." in text
    assert "/comite — " in text and "/tableau — " in text and "/export — " in text
    assert "/annonce" not in text and "/demandes" not in text and "lien d’invitation" not in text
    assert committee.buttons() == ["🇫🇷 Français", "🇬🇧 English"]
    both = harness.user(ADMIN_ID, language_code="en")
    await both.send("/start")
    text = both.last_text
    assert "On the validation committee, you read" in text and "As an administrator, you announce" in text
    assert all(f"/{name} — " in text for name in ("committee", "announce", "requests", "dashboard", "export"))
    assert "invitation link" not in text
    await both.press("English")  # the welcome again, in the language chosen
    assert "As an administrator, you announce" in both.last_text


async def test_a_staff_member_on_a_coop_team_is_shown_both(harness):
    coop = await harness.add_coop("Coop Double")
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send(f"/start {coop.member_token}")
    replies = await admin.send("/start")
    assert "Pour la fédération" in replies[0]["text"] and "/annonce — " in replies[0]["text"]
    assert "Dossier Quali’Coop — Coop Double" in replies[-1]["text"]
    await admin.send("/help")
    assert "/dossier — " in admin.last_text and "/annonce — " in admin.last_text
    assert admin.last_text.index("/dossier") < admin.last_text.index("/annonce")
