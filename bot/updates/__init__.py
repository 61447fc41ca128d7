"""Telegram's updates from their receipt to their reply sent: none lost, none handled twice.

``inbox``: the Application that marks each update handled with its work, and the webhook's updates
an instance that is gone left, replayed (or, handled there, their senders shown where they are);
``polling``: getUpdates' offset past the updates handled only.
"""
