"""Each language named in itself, for the language switches on the buyer's pages.

Not translated: a reader looks for their own language's name, whatever the page speaks now.
"""

from kymppi.models import Language

LANGUAGE_NAMES = {Language.FI: "Suomeksi", Language.SV: "På svenska", Language.EN: "In English"}
