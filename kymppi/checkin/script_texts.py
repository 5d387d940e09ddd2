"""What the scan screen's script says itself, rendered into the page in the page's language.

The script (static/checkin/*.js) holds no texts of its own: it speaks when
the server can't, so the page brings its words along, and a page the
service worker kept for offline use keeps them too. Blanks in braces
({count}, {time}) are the script's to fill in; a text with a count comes
in both forms, "one" and "other", for the script to choose with the
language's plural rule.
"""

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import ngettext, pgettext


def _forms(text: Callable[[int], str]) -> dict[str, str]:
    """Both forms of a counted text; Finnish, Swedish and English all use "one" for 1 only."""
    return {"one": text(1), "other": text(2)}


def scan_script_texts() -> dict:
    return {
        "error": _("Virhe"),
        "logged_out": _("Kirjautuminen on päättynyt. Kirjaudu uudelleen; leimausta ei tehty."),
        "not_done": _("Leimausta ei voitu tehdä."),
        "not_stored": _("Leimausta ei voitu tallentaa tähän laitteeseen. Kirjaa käynti paperille."),
        "saved": _("Tallennettu"),
        "saved_for_later": _("Ei yhteyttä palvelimeen. Leimaus tallennettiin ja lähetetään myöhemmin."),
        "offline": _("Ei yhteyttä palvelimeen: leimaukset tallennetaan tähän laitteeseen."),
        "roster_loaded": _forms(
            lambda n: ngettext(
                "Offline-varalla %(count)s kortin tiedot (haettu klo %(time)s).",
                "Offline-varalla %(count)s kortin tiedot (haettu klo %(time)s).",
                n,
                count="{count}",
                time="{time}",
            )
        ),
        "roster_missing": _("Tämän päivän korttitietoja ei ole haettu: ilman yhteyttä leimaukset vain tallennetaan."),
        "camera_insecure": _(
            "Kamera toimii vain suojatulla yhteydellä (https). Käytä viivakoodinlukijaa tai kirjoita kortin numero."
        ),
        "camera_ready": _("Näytä kortin QR-koodi kameralle."),
        "camera_failed": _(
            "Kamera ei käynnistynyt (%(error)s). Salli kameran käyttö tai käytä lukijaa.", error="{error}"
        ),
        "camera_off": _("Kamera on sammutettu."),
        "camera_stalled": _("QR-koodin luku pysähtyi. Käynnistä kamera uudelleen tai käytä lukijaa."),
        "undo_offline": _("Ei yhteyttä palvelimeen: käyntiä ei peruttu."),
        "undo_failed": _("Käyntiä ei peruttu."),
        "undone": pgettext("visit undone", "Peruttu"),
        "not_undone": _("Ei peruttu"),
        "no_check_ins": _("Ei vielä leimauksia."),
        "undo": pgettext("undo a visit", "Peru"),
        "undo_visit": _("käynti: %(holder)s", holder="{holder}"),
        "unknown_card": _("tuntematon kortti"),
        "queue_waiting": _forms(
            lambda n: ngettext(
                "%(count)s offline-leimaus odottaa lähetystä.",
                "%(count)s offline-leimausta odottaa lähetystä.",
                n,
                count="{count}",
            )
        ),
        "queue_logged_out": _("Kirjautuminen on päättynyt: kirjaudu uudelleen, niin odottavat leimaukset lähetetään."),
        "queue_stale_page": _("Sivu on vanhentunut: lataa sivu uudelleen, niin odottavat leimaukset lähetetään."),
        "queue_unexpected": _("Palvelin ei vastannut odotetusti: odottavat leimaukset lähetetään myöhemmin."),
        "queue_trouble": _forms(
            lambda n: ngettext(
                "Palvelimella on häiriö: %(count)s leimaus odottaa vielä lähetystä.",
                "Palvelimella on häiriö: %(count)s leimausta odottaa vielä lähetystä.",
                n,
                count="{count}",
            )
        ),
        "queue_others": _forms(
            lambda n: ngettext(
                "Lisäksi %(count)s toisen käyttäjän leimaus odottaa, että hän kirjautuu tällä laitteella.",
                "Lisäksi %(count)s toisen käyttäjän leimausta odottaa, että hän kirjautuu tällä laitteella.",
                n,
                count="{count}",
            )
        ),
        "queue_old": _forms(
            lambda n: ngettext(
                "Vanhin odottava leimaus on %(count)s päivän vanha. Yli 14 päivää vanhoja voi kirjata vain "
                "toimisto: yhdistä laite verkkoon pian.",
                "Vanhin odottava leimaus on %(count)s päivää vanha. Yli 14 päivää vanhoja voi kirjata vain "
                "toimisto: yhdistä laite verkkoon pian.",
                n,
                count="{count}",
            )
        ),
        "too_old": _("Leimaus on yli 14 päivää vanha; vain toimisto voi kirjata sen."),
        "invalid_scan": _("Leimaus oli virheellinen, eikä sitä kirjattu."),
    }
