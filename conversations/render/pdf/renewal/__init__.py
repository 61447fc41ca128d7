"""A renewal's PDF (cycle 2 and later): the earlier cycle's results beside the cycle under review, as data
(``results``: no reportlab, the words the committee's « 📜 Cycle 1 » shares) and as flowables (``story``).
"""
