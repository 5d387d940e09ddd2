// The scan screen: every scan (camera, barcode scanner, typed number) goes to
// POST /api/v1/checkins, and the server's clock decides its session. When the
// server doesn't answer in time the scan is judged on the tablet's roster,
// shown as saved offline and queued with its client_id and the time it was
// taken; sync.js sends the queue when the server answers again.

import { hideAnswer, showAnswer, unlockSound } from "./answer.js";
import { Camera } from "./camera.js";
import { ready as workerReady } from "./install.js";
import { judge, learn, newClientId, queue, recordLocally, rosters } from "./offline.js";
import { $, SCAN_STATUSES, api, clock, config, fill, helsinkiDate, plural, root, setConnection, texts } from "./page.js";
import { askUndo, refreshSession } from "./session.js";
import { showQueue, sync } from "./sync.js";

const ONLINE_WAIT_MS = 1500; // past this a gym hall's Wi-Fi counts as gone: the tablet answers itself
const SYNC_EVERY_MS = 15000;
const LOCALE = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };

const courseId = Number(config.courseId);
const answerRegion = $("[data-answer]");
const form = $("[data-scan-form]");
const input = form.querySelector("input[name=code]");
let roster = null;
// Scans fired back to back may be answered out of order: a later scan's answer is never covered by an earlier one's.
let scansStarted = 0;
let latestShown = 0;

function localDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const options = config.language === "en" ? { day: "numeric", month: "short", year: "numeric" } : {};
  return new Date(year, month - 1, day).toLocaleDateString(LOCALE[config.language], options);
}

function answerScan(number, answer) {
  if (number < latestShown) return;
  latestShown = number;
  showAnswer(answerRegion, answer);
}

function problem(number, message) {
  answerScan(number, { tone: "refused", headline: texts.error, message });
}

// ---- scanning ----

async function scan(code, source) {
  const number = ++scansStarted;
  const item = { client_id: newClientId(), code, course_id: courseId, scanned_at: new Date().toISOString(), source };
  let reply;
  try {
    const live = { client_id: item.client_id, code, course_id: courseId, source };
    reply = await api(config.checkinUrl, { method: "POST", body: live }, ONLINE_WAIT_MS);
  } catch {
    setConnection(false);
    await scanOffline(number, item);
    return;
  }
  if (SCAN_STATUSES.has(reply.body.status)) {
    setConnection(true);
    const { tone, headline, message, card } = reply.body;
    answerScan(number, { tone, headline, holder: card?.holder, message });
    await learn(roster, reply.body);
    refreshSession();
    sync(() => roster);
  } else if (reply.status === 401) {
    problem(number, texts.logged_out);
  } else if (reply.status >= 500 || !reply.body.status) {
    // Server trouble, a stale page's CSRF token, or a page that isn't ours (a captive
    // portal): keep the scan on the tablet; sync.js says what stops it from being sent.
    await scanOffline(number, item);
  } else {
    problem(number, reply.body.message || texts.not_done);
  }
}

async function scanOffline(number, item) {
  const said = roster?.texts; // the roster's words for judging: none without a roster
  const { status, entry } = await judge(roster, item.code, helsinkiDate());
  // The card's number, not its secret, is what the tablet keeps of a card it knows.
  const kept = { ...item, code: entry?.number ?? item.code };
  try {
    if (status === "ok") {
      await enqueue({ ...kept, source: "offline" });
      await recordLocally(roster, entry, item.scanned_at);
    } else if (!said || status === "not_judged" || status === "unlisted") {
      await enqueue({ ...kept, source: "offline" });
    } else if (status !== "already_checked_in") {
      await enqueue({ ...kept, report: status }); // a refusal, for the office's list; nothing to deduct
    }
  } catch {
    problem(number, texts.not_stored);
    return;
  }
  if (!said || status === "not_judged" || status === "unlisted") {
    answerScan(number, {
      tone: "warn",
      headline: said?.headline ?? texts.saved,
      message: said?.[status] ?? texts.saved_for_later,
    });
    return;
  }
  const tone = said.tones[status];
  // A roster kept from before ok_one was sent has only the plural.
  const sentence = (status === "ok" && entry.visits_left === 1 && said.ok_one) || said.messages[status];
  answerScan(number, {
    tone,
    headline: said.headlines[tone],
    holder: entry?.holder,
    message: fill(sentence, {
      visits_left: entry?.visits_left,
      valid_from: entry && localDate(entry.valid_from),
      valid_until: entry && localDate(entry.valid_until),
      time: entry?.checked_in_at ? clock(entry.checked_in_at) : "",
    }),
    note: status === "ok" ? said.saved : null,
  });
}

async function enqueue(item) {
  await queue.add({ ...item, user_id: config.userId });
  await showQueue();
}

// ---- the day's roster, for judging without a network ----

async function loadRoster() {
  // What the tablet already has answers at once; the network may take its time.
  roster = (await rosters.load(courseId).catch(() => undefined)) ?? null;
  showRosterStatus();
  try {
    const reply = await api(config.offlineRosterUrl);
    if (reply.status === 200) {
      roster = { ...reply.body, loaded_at: new Date().toISOString() };
      await rosters.save(roster).catch(() => undefined);
      showRosterStatus();
    }
  } catch {
    setConnection(false);
  }
}

function showRosterStatus() {
  const status = $("[data-roster-status]");
  if (roster?.date === helsinkiDate()) {
    const count = roster.cards.length;
    status.textContent = fill(plural(texts.roster_loaded, count), { count, time: clock(roster.loaded_at) });
  } else {
    status.textContent = texts.roster_missing;
  }
}

// ---- wiring ----

function startCamera(camera) {
  const note = $("[data-camera-note]");
  const [start, change, stop] = ["[data-camera-start]", "[data-camera-switch]", "[data-camera-stop]"].map($);
  if (!Camera.available()) {
    note.textContent = texts.camera_insecure;
    return;
  }
  const run = async (action) => {
    try {
      await action();
      note.textContent = texts.camera_ready;
      start.hidden = true;
      stop.hidden = false;
      change.hidden = (await camera.cameras()).length < 2;
    } catch (error) {
      note.textContent = fill(texts.camera_failed, { error: error.name });
      start.hidden = false;
    }
  };
  start.addEventListener("click", () => run(() => camera.start()));
  change.addEventListener("click", () => run(() => camera.switch()));
  stop.addEventListener("click", () => {
    camera.stop();
    stop.hidden = change.hidden = true;
    start.hidden = false;
    note.textContent = texts.camera_off;
  });
  camera.onTrouble = () => {
    note.textContent = texts.camera_stalled;
    start.hidden = false;
  };
  run(() => camera.start());
}

function undoDone(reply) {
  input.focus();
  if (reply === undefined) return;
  if (reply === null) {
    showAnswer(answerRegion, { tone: "refused", headline: texts.error, message: texts.undo_offline });
    return;
  }
  const done = reply.status === 200;
  const message = reply.body.message ?? texts.undo_failed;
  showAnswer(answerRegion, { tone: done ? "ok" : "refused", headline: done ? texts.undone : texts.not_undone, message });
  if (done) learn(roster, { status: "undone", card: reply.body.card });
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
    askUndo(link, undoDone);
  });
  const sendQueue = () => sync(() => roster);
  $("[data-sync]").addEventListener("click", sendQueue);
  window.addEventListener("online", sendQueue);
  setInterval(sendQueue, SYNC_EVERY_MS);
  startCamera(new Camera($("[data-video]"), config.decoderUrl, (code) => scan(code, "camera")));
  loadRoster().then(showQueue).then(sendQueue);
  workerReady.then((offline) => {
    $("[data-offline-note]").hidden = offline;
  });
}

main();
