"""English texts write the apostrophe ’ (the house style, as “ ” for quotes), not the typewriter's '."""

from __future__ import annotations

from tests.unit.test_translations import code_message_ids

# still written ' in files other engineers were changing when the rest was made curly: to change there
# (with their French kept), after which each leaves this list
WAITING = {
    "I did not understand. To start, open the invitation link your coop's direction or the federation "
    "sent you. You can choose your language below.",
    "Other coops see, engagement by engagement, which indicators were chosen and by how many coops: "
    "never your coop's name, and no figure from fewer than 3 coops. The federation sees the same.",
    "The colleague's value is kept.",
    "The committee did not retain this candidacy: nothing can be changed until the direction prepares "
    "a new one, from the dossier's home. 🔒",
    "The committee's comment stays readable on the dossier's home.",
    "This button is not for your coop's dossier, or what it pointed to was removed.",
    "Use /committee for the dossiers and the committee's decisions, /dashboard for the coops engaged, "
    "or /help for help.",
    "Use /committee for the dossiers, /requests for the coops' requests, /announce to announce a "
    "VisioCoop meeting, /dashboard for the coops engaged, or /help for help.",
    "Use /requests for the coops' requests, /announce to announce a VisioCoop meeting, /dashboard for "
    "the coops engaged, or /help for help.",
    "Your colleague's whole text follows in the next message.",
    "Your colleague's whole text follows, then yours.",
}


def test_english_messages_write_the_curly_apostrophe():
    straight = {message for message in code_message_ids() if "'" in message}
    assert sorted(straight - WAITING) == []
