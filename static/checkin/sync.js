// Sending the offline queue, oldest scan first. Each goes with its client_id,
// so a scan the server already has is answered with what it got the first
// time, never taken twice. Scans the tablet refused itself go as reports, so
// the office's list of refused scans has them too. A scan leaves the queue only when the server has
// judged it; anything else (logged out, a stale page, a captive portal's page,
// server trouble) keeps it for the next try. A tablet may be shared: each
// user sends only their own scans, so the visit is recorded under whoever
// scanned it.

import { learn, queue } from "./offline.js";
import { $, SCAN_STATUSES, api, clock, config, fill, helsinkiDate, plural, setConnection, texts } from "./page.js";
import { refreshSession } from "./session.js";

const JUDGED = new Set([...SCAN_STATUSES, "logged", "client_id_reused", "invalid_request", "not_permitted"]);
const NOT_SENT = { 401: texts.queue_logged_out, 400: texts.queue_stale_page };
const REFUSED_REQUEST = { not_permitted: texts.too_old, invalid_request: texts.invalid_scan };
// After 14 days only the office may record a scan (kymppi/api/payloads.py): warn well before.
const OLD_SCAN_DAYS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
let syncing = false;

const mine = (item) => item.user_id === config.userId;

export async function showQueue() {
  const items = await queue.all();
  const own = items.filter(mine).length;
  $("[data-queue]").hidden = items.length === 0;
  // The language words the sentence around the count; the count keeps its own element, [data-queue-count].
  const count = document.createElement("span");
  count.dataset.queueCount = "";
  count.textContent = String(own);
  const [before, after] = plural(texts.queue_waiting, own).split("{count}");
  $("[data-queue-line]").replaceChildren(before, count, after ?? "");
  const others = $("[data-queue-others]");
  others.hidden = own === items.length;
  others.textContent = fill(plural(texts.queue_others, items.length - own), { count: items.length - own });
  const oldest = items[0] && Math.floor((Date.now() - Date.parse(items[0].scanned_at)) / DAY_MS);
  const old = $("[data-queue-old]");
  old.hidden = !(oldest >= OLD_SCAN_DAYS);
  old.textContent = fill(plural(texts.queue_old, oldest || 0), { count: oldest });
}

export async function sync(currentRoster) {
  if (syncing) return;
  syncing = true;
  let sent = 0;
  let troubled = 0;
  try {
    for (const item of (await queue.all()).filter(mine)) {
      let reply;
      try {
        const url = item.report ? config.reportUrl : config.checkinUrl;
        reply = await api(url, { method: "POST", body: request(item) });
      } catch {
        setConnection(false);
        return;
      }
      if (reply.status >= 500) {
        troubled += 1; // this one scan may be what the server trips on: the rest still go
        continue;
      }
      if (!JUDGED.has(reply.body.status)) {
        setConnection(false, NOT_SENT[reply.status] ?? texts.queue_unexpected);
        return;
      }
      setConnection(true);
      if (item.report) {
        if (reply.status >= 400) console.warn("Kymppi: an offline refusal was not kept", reply.body);
      } else if (reply.status >= 400) {
        showConflict(item, reply.body);
      } else {
        await learnIfSameSession(currentRoster(), item, reply.body);
      }
      await queue.remove(item.client_id);
      sent += 1;
    }
    if (troubled) setConnection(false, fill(plural(texts.queue_trouble, troubled), { count: troubled }));
  } finally {
    syncing = false;
    await showQueue();
    if (sent) await refreshSession();
  }
}

function request(item) {
  const { code, course_id, client_id, scanned_at, source, report } = item;
  return { code, course_id, client_id, scanned_at, source, ...(report ? { outcome: report } : {}) };
}

// The queue holds every course and day; only this session's answers update today's roster.
async function learnIfSameSession(roster, item, answer) {
  if (roster && item.course_id === roster.course_id && helsinkiDate(new Date(item.scanned_at)) === roster.date) {
    await learn(roster, answer);
  }
}

function showConflict(item, body) {
  const entry = document.createElement("li");
  const who = body.card ? `${body.card.holder} (${body.card.number})` : texts.unknown_card;
  entry.textContent = `${clock(item.scanned_at)} ${who}: ${body.message || REFUSED_REQUEST[body.status]}`;
  $("[data-conflict-list]").append(entry);
  $("[data-conflicts]").hidden = false;
}
