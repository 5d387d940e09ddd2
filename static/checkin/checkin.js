// The scan screen: every scan (camera, barcode scanner, typed number) goes to
// POST /api/v1/checkins; when the server doesn't answer in time it is judged
// on the tablet's roster, shown as saved offline and queued with its client_id,
// and the queue is sent by itself when the server answers again. A replay of a
// client_id never takes a second visit, so sending twice is always safe.

import { hideAnswer, showAnswer, unlockSound } from "./answer.js";
import { Camera } from "./camera.js";
import { judge, learn, newClientId, queue, recordLocally, rosters } from "./offline.js";
import { ready as workerReady } from "./install.js";

const ONLINE_WAIT_MS = 1500; // past this a gym hall's Wi-Fi counts as gone: the queue answers
const SYNC_EVERY_MS = 15000;
const SCAN_STATUSES = new Set([
  "ok", "already_checked_in", "no_visits_left", "expired", "not_yet_valid", "cancelled", "refunded",
  "suspended", "replaced", "course_not_eligible", "course_full", "unknown_card",
]);
const TONE = (status) => (status === "ok" ? "ok" : status === "already_checked_in" ? "warn" : "refused");
const LOCALE = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };
const CLOCK = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/Helsinki" };

const root = document.querySelector("[data-scan]");
const config = root.dataset;
const courseId = Number(config.courseId);
const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
const $ = (selector) => root.querySelector(selector);
const answerRegion = $("[data-answer]");
const form = $("[data-scan-form]");
const input = form.querySelector("input[name=code]");
let roster = null;
let syncing = false;

// Today in Helsinki by the tablet's clock: a page kept offline overnight must not judge by yesterday.
function today() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki" }).format(new Date());
}

function headers() {
  return { "Content-Type": "application/json", "X-CSRFToken": csrfToken };
}

async function api(url, options = {}, waitMs = 10000) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), waitMs);
  try {
    const response = await fetch(url, { credentials: "same-origin", ...options, signal: abort.signal });
    const body = response.headers.get("Content-Type")?.includes("json") ? await response.json() : {};
    return { status: response.status, body };
  } finally {
    clearTimeout(timer);
  }
}

function setConnection(online) {
  const line = $("[data-connection]");
  line.textContent = online ? "" : "Ei yhteyttä palvelimeen: leimaukset tallennetaan tähän laitteeseen.";
  line.classList.toggle("offline", !online);
}

// "18:02" in Helsinki time, whatever the tablet's own time zone.
function clock(iso) {
  return new Date(iso).toLocaleTimeString("en-GB", CLOCK);
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

function localDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const options = config.language === "en" ? { day: "numeric", month: "short", year: "numeric" } : {};
  return new Date(year, month - 1, day).toLocaleDateString(LOCALE[config.language], options);
}

// ---- scanning ----

async function scan(code, source) {
  const item = { client_id: newClientId(), code, course_id: courseId, scanned_at: new Date().toISOString(), source };
  let reply;
  try {
    reply = await api(config.checkinUrl, { method: "POST", headers: headers(), body: JSON.stringify(item) }, ONLINE_WAIT_MS);
  } catch {
    setConnection(false);
    await scanOffline(item);
    return;
  }
  setConnection(true);
  if (SCAN_STATUSES.has(reply.body.status)) {
    showAnswer(answerRegion, {
      tone: reply.body.tone, headline: reply.body.headline, holder: reply.body.card?.holder, message: reply.body.message,
    });
    await learn(roster, reply.body);
    refreshSession();
    sync();
  } else if (reply.status >= 500) {
    await scanOffline(item);
  } else {
    showProblem(reply);
  }
}

function showProblem(reply) {
  let message = reply.body.message || "Leimausta ei voitu tehdä.";
  if (reply.status === 401) message = "Kirjautuminen on päättynyt. Kirjaudu uudelleen; leimausta ei tehty.";
  else if (reply.status === 400 && !reply.body.status) message = "Sivu on vanhentunut. Lataa sivu uudelleen ja leimaa sitten.";
  else if (reply.status >= 500) message = "Palvelimella on häiriö. Leimaus tallennettiin ja lähetetään myöhemmin.";
  showAnswer(answerRegion, { tone: "refused", headline: "Virhe", message });
}

async function scanOffline(item) {
  const texts = roster?.texts;
  const { status, entry } = await judge(roster, item.code, today());
  if (!texts || status === "not_judged" || status === "unlisted") {
    await enqueue(item);
    showAnswer(answerRegion, {
      tone: "warn",
      headline: texts?.headline ?? "Tallennettu",
      message: texts?.[status] ?? "Ei yhteyttä palvelimeen. Leimaus tallennettiin ja lähetetään myöhemmin.",
    });
    return;
  }
  const tone = TONE(status);
  if (status === "ok") {
    await recordLocally(roster, entry, item.scanned_at);
    // The card's number, not its secret, is what the tablet keeps.
    await enqueue({ ...item, code: entry.number });
  }
  showAnswer(answerRegion, {
    tone,
    headline: texts.headlines[tone],
    holder: entry?.holder,
    message: fill(texts.messages[status], {
      visits_left: entry?.visits_left,
      valid_from: entry && localDate(entry.valid_from),
      valid_until: entry && localDate(entry.valid_until),
      time: entry?.checked_in_at ? clock(entry.checked_in_at) : "",
    }),
    note: status === "ok" ? texts.saved : null,
  });
}

async function enqueue(item) {
  await queue.add({ ...item, source: "offline" });
  await showQueue();
}

// ---- the offline queue ----

async function showQueue() {
  const items = await queue.all();
  $("[data-queue]").hidden = items.length === 0;
  $("[data-queue-count]").textContent = String(items.length);
  return items;
}

async function sync() {
  if (syncing) return;
  syncing = true;
  try {
    for (const item of await queue.all()) {
      let reply;
      try {
        reply = await api(config.checkinUrl, { method: "POST", headers: headers(), body: JSON.stringify(item) });
      } catch {
        setConnection(false);
        return;
      }
      setConnection(true);
      if (reply.status === 401 || reply.status >= 500 || (reply.status === 400 && !reply.body.status)) {
        // Logged out, server trouble or a stale CSRF token: keep the scan for the next try.
        if (reply.status !== 401) showProblem(reply);
        return;
      }
      if (reply.status >= 400) showConflict(item, reply.body);
      else await learn(roster, reply.body);
      await queue.remove(item.client_id);
    }
  } finally {
    syncing = false;
    await showQueue();
    refreshSession();
  }
}

function showConflict(item, body) {
  const entry = document.createElement("li");
  const who = body.card ? `${body.card.holder} (${body.card.number})` : item.code;
  const when = clock(item.scanned_at);
  entry.textContent = `${when} ${who}: ${body.message || body.status}`;
  $("[data-conflict-list]").append(entry);
  $("[data-conflicts]").hidden = false;
}

// ---- rosters ----

async function loadRoster() {
  try {
    const reply = await api(config.offlineRosterUrl);
    if (reply.status === 200) {
      roster = { ...reply.body, loaded_at: new Date().toISOString() };
      await rosters.save(roster);
    }
  } catch {
    setConnection(false);
  }
  roster ??= (await rosters.load(courseId)) ?? null;
  const status = $("[data-roster-status]");
  if (roster?.date === today()) {
    status.textContent = `Offline-varalla ${roster.cards.length} kortin tiedot (haettu klo ${clock(roster.loaded_at)}).`;
  } else {
    status.textContent = "Tämän päivän korttitietoja ei ole haettu: ilman yhteyttä leimaukset vain tallennetaan.";
  }
}

async function refreshSession() {
  let reply;
  try {
    reply = await api(config.rosterUrl);
  } catch {
    return;
  }
  if (reply.status !== 200) return;
  const rows = reply.body.checkins.map((check) => sessionRow(check));
  if (!rows.length) {
    const empty = document.createElement("tr");
    empty.className = "empty";
    const cell = document.createElement("td");
    cell.colSpan = 5;
    cell.textContent = "Ei vielä leimauksia.";
    empty.append(cell);
    rows.push(empty);
  }
  $("[data-session-rows]").replaceChildren(...rows);
  $("[data-session-count]").textContent = String(reply.body.checkins.length);
}

function sessionRow(check) {
  const row = document.createElement("tr");
  for (const [text, className] of [
    [clock(check.checked_in_at), ""],
    [check.card.holder, ""],
    [check.card.number, ""],
    [String(check.card.visits_left), "number"],
  ]) {
    const cell = document.createElement("td");
    cell.textContent = text;
    if (className) cell.className = className;
    row.append(cell);
  }
  const action = document.createElement("td");
  if (check.undoable) {
    const undo = document.createElement("a");
    undo.className = "button secondary";
    undo.href = `${config.undoPagePrefix}${check.checkin_id}/undo`;
    undo.dataset.undoId = String(check.checkin_id);
    undo.dataset.undoWho = `${check.card.holder} (${check.card.number})`;
    undo.textContent = "Peru";
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ` käynti: ${check.card.holder}`;
    undo.append(hidden);
    action.append(undo);
  }
  row.append(action);
  return row;
}

// ---- undo ----

function askUndo(link) {
  const dialog = $("[data-undo-dialog]");
  const reasonField = $("[data-undo-reason-field]");
  const reason = reasonField.querySelector("input");
  const error = $("[data-undo-error]");
  $("[data-undo-target]").textContent = link.dataset.undoWho;
  reasonField.hidden = config.needsReason !== "true";
  reason.value = "";
  error.textContent = "";
  dialog.returnValue = "";
  dialog.onclose = async () => {
    if (dialog.returnValue !== "undo") return input.focus();
    const body = config.needsReason === "true" ? { reason: reason.value } : {};
    let reply;
    try {
      reply = await api(`${config.checkinUrl}/${link.dataset.undoId}`, {
        method: "DELETE", headers: headers(), body: JSON.stringify(body),
      });
    } catch {
      showAnswer(answerRegion, { tone: "refused", headline: "Virhe", message: "Ei yhteyttä palvelimeen: käyntiä ei peruttu." });
      return;
    }
    if (reply.status === 422) {
      error.textContent = reply.body.message;
      dialog.showModal();
      return;
    }
    const done = reply.status === 200;
    showAnswer(answerRegion, { tone: done ? "ok" : "refused", headline: done ? "Peruttu" : "Ei peruttu", message: reply.body.message });
    if (done) await learn(roster, { status: "undone", card: reply.body.card });
    refreshSession();
    input.focus();
  };
  dialog.showModal();
  if (!reasonField.hidden) reason.focus();
}

// ---- wiring ----

function startCamera(camera) {
  const note = $("[data-camera-note]");
  const [start, change, stop] = ["[data-camera-start]", "[data-camera-switch]", "[data-camera-stop]"].map($);
  if (!Camera.available()) {
    note.textContent = "Kamera toimii vain suojatulla yhteydellä (https). Käytä viivakoodinlukijaa tai kirjoita kortin numero.";
    return;
  }
  const run = async (action) => {
    try {
      await action();
      note.textContent = "Näytä kortin QR-koodi kameralle.";
      start.hidden = true;
      stop.hidden = false;
      change.hidden = (await camera.cameras()).length < 2;
    } catch (error) {
      note.textContent = `Kamera ei käynnistynyt (${error.name}). Salli kameran käyttö tai käytä lukijaa.`;
      start.hidden = false;
    }
  };
  start.addEventListener("click", () => run(() => camera.start()));
  change.addEventListener("click", () => run(() => camera.switch()));
  stop.addEventListener("click", () => {
    camera.stop();
    stop.hidden = change.hidden = true;
    start.hidden = false;
    note.textContent = "Kamera on sammutettu.";
  });
  run(() => camera.start());
}

function main() {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    unlockSound();
    const code = input.value.trim();
    input.value = "";
    input.focus();
    if (!code) return;
    performance.mark("kymppi:code-seen");
    scan(code, code.includes("/k/") ? "scanner" : "manual");
  });
  document.addEventListener("pointerdown", unlockSound, { once: true });
  answerRegion.addEventListener("click", () => hideAnswer(answerRegion));
  root.addEventListener("click", (event) => {
    const link = event.target.closest("[data-undo-id]");
    if (!link) return;
    event.preventDefault();
    askUndo(link);
  });
  $("[data-sync]").addEventListener("click", sync);
  window.addEventListener("online", sync);
  setInterval(sync, SYNC_EVERY_MS);
  startCamera(new Camera($("[data-video]"), config.decoderUrl, (code) => scan(code, "camera")));
  loadRoster().then(showQueue).then(sync);
  workerReady.then((offline) => {
    $("[data-offline-note]").hidden = offline;
  });
}

main();
