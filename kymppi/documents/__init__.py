"""Printable documents (card, sheet of cards, receipt) as PDF bytes; views only wrap them."""
