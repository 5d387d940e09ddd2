// What every part of the scan screen shares: its settings and texts from the page,
// the API call with a deadline, and times as Helsinki shows them.

export const root = document.querySelector("[data-scan]");
export const config = root.dataset;
export const $ = (selector) => root.querySelector(selector);
// Every text the script shows, in the page's language (kymppi/checkin/script_texts.py).
export const texts = JSON.parse(config.texts);

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

// A text's {blanks} filled in: fill("{count} cards", { count: 3 }).
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

// The form of a counted text ({ one, other }) that the page's language uses for `count`.
export function plural(forms, count) {
  return forms[new Intl.PluralRules(config.language).select(count)] ?? forms.other;
}

export function setConnection(online, message = texts.offline) {
  const line = $("[data-connection]");
  line.textContent = online ? "" : message;
  line.classList.toggle("offline", !online);
}
