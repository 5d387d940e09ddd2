"""The rules of the card, free of HTTP: every use case is one function and one transaction."""
