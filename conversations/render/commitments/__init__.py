"""Renderers of what the federation promised the coops: consultations, requests, bilans, shared
practices and personal data (texts, charts and PDF pieces; no Telegram, no database)."""
