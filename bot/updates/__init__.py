"""Telegram's updates from their receipt to their work stored: none lost, none handled twice.

``inbox``: the Application that marks each update handled with its work, and the webhook's updates
an instance that is gone left, replayed; ``polling``: getUpdates' offset past the updates handled only.
"""
