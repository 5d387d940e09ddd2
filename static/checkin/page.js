// What every part of the scan screen shares: its settings from the page, the
// API call with a deadline, and times as Helsinki shows them.

export const root = document.querySelector("[data-scan]");
export const config = root.dataset;
export const $ = (selector) => root.querySelector(selector);

const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
const CLOCK = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/Helsinki" };

// Every status a scan's answer can carry (kymppi/domain/outcomes.py::CheckInOutcome).
export const SCAN_STATUSES = new Set([
  "ok", "already_checked_in", "no_visits_left", "expired", "not_yet_valid", "cancelled", "refunded",
  "suspended", "replaced", "course_not_eligible", "course_full", "unknown_card",
]);

// Fetch JSON within `waitMs`; throws when the network is gone or too slow.
export async function api(url, { method = "GET", body } = {}, waitMs = 10000) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), waitMs);
  try {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: abort.signal,
    });
    const json = response.headers.get("Content-Type")?.includes("application/json");
    return { status: response.status, body: json ? await response.json() : {} };
  } finally {
    clearTimeout(timer);
  }
}

// "18:02" in Helsinki time, whatever the tablet's own time zone.
export function clock(iso) {
  return new Date(iso).toLocaleTimeString("en-GB", CLOCK);
}

// Today (YYYY-MM-DD) in Helsinki by the tablet's clock: a page kept offline overnight must not judge by yesterday.
export function helsinkiDate(at = new Date()) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki" }).format(at);
}

export function setConnection(online, message = "Ei yhteyttä palvelimeen: leimaukset tallennetaan tähän laitteeseen.") {
  const line = $("[data-connection]");
  line.textContent = online ? "" : message;
  line.classList.toggle("offline", !online);
}
