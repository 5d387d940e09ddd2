// The tablet's memory for when the gym hall's Wi-Fi is gone: today's roster of
// the course, to judge a scan the way the server would, and the queue of scans
// still to be sent. Both live in IndexedDB, so they survive a reload and a
// closed tab. The roster has no card secrets, only their HMAC under a key of
// this course and day; the queue keeps a card's number when the roster knew
// the card, and the scanned text only when it did not.

const DB_NAME = "kymppi-checkin";
const QUEUE = "queue";
const ROSTERS = "rosters";

const NUMBER = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;
const SECRET = /^[A-Za-z0-9_-]{32,64}$/;
const REFUSED_STATUSES = { cancelled: "cancelled", refunded: "refunded", suspended: "suspended", replaced: "replaced" };

let database;

function open() {
  database ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(QUEUE, { keyPath: "client_id" });
      request.result.createObjectStore(ROSTERS, { keyPath: "course_id" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      database = undefined; // try again next time: storage may have been full for a moment
      reject(request.error);
    };
  });
  return database;
}

async function run(storeName, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(storeName, mode);
    const request = work(transaction.objectStore(storeName));
    transaction.oncomplete = () => resolve(request?.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export const queue = {
  add: (item) => run(QUEUE, "readwrite", (store) => store.put(item)),
  remove: (clientId) => run(QUEUE, "readwrite", (store) => store.delete(clientId)),
  async all() {
    const items = (await run(QUEUE, "readonly", (store) => store.getAll())) || [];
    return items.sort((a, b) => a.scanned_at.localeCompare(b.scanned_at));
  },
};

export const rosters = {
  save: (roster) => run(ROSTERS, "readwrite", (store) => store.put(roster)),
  load: (courseId) => run(ROSTERS, "readonly", (store) => store.get(courseId)),
};

// The same reading of scanned text as the server's (kymppi/domain/codes.py).
export function parseCode(text) {
  let value = text.trim();
  if (value.includes("/k/")) {
    value = value.split("/k/").pop().split("?")[0].split("#")[0].replace(/^\/+|\/+$/g, "");
    return SECRET.test(value) ? { kind: "secret", value } : null;
  }
  const number = value.replace(/[\s-]/g, "").toUpperCase();
  if (NUMBER.test(number)) return { kind: "number", value: number };
  return SECRET.test(value) ? { kind: "secret", value } : null;
}

async function hmacHex(keyHex, text) {
  const keyBytes = new Uint8Array(keyHex.match(/../g).map((byte) => parseInt(byte, 16)));
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function findEntry(roster, parsed) {
  if (parsed.kind === "number") {
    return roster.cards.find((card) => card.number.replace("-", "") === parsed.value);
  }
  if (!globalThis.crypto?.subtle) return undefined; // no WebCrypto outside a secure context
  const hash = await hmacHex(roster.key, parsed.value);
  return roster.cards.find((card) => card.hash === hash);
}

// Rules 2–5 and 8 in the server's order (kymppi/domain/checkin.py::_refusal), on today's roster.
// The roster holds the cards valid today on the course's categories, so the validity is known
// good for those it lists; a card it doesn't list is "unlisted", for the server to judge.
export async function judge(roster, code, today) {
  if (!roster || roster.date !== today) return { status: "not_judged" };
  const parsed = parseCode(code);
  if (!parsed) return { status: "unknown_card" };
  const entry = await findEntry(roster, parsed);
  if (!entry) {
    if (!roster.accepts_cards) return { status: "course_not_eligible" };
    return { status: parsed.kind === "secret" && !globalThis.crypto?.subtle ? "not_judged" : "unlisted" };
  }
  if (REFUSED_STATUSES[entry.status]) return { status: REFUSED_STATUSES[entry.status], entry };
  if (!roster.accepts_cards) return { status: "course_not_eligible", entry };
  if (entry.checked_in_at) return { status: "already_checked_in", entry };
  if (entry.visits_left <= 0) return { status: "no_visits_left", entry };
  if (roster.card_cap !== null && roster.session_count >= roster.card_cap) return { status: "course_full", entry };
  return { status: "ok", entry };
}

// Take the visit on the tablet's copy, so a second offline scan of the card is "already checked in".
export async function recordLocally(roster, entry, scannedAt) {
  entry.visits_left -= 1;
  entry.checked_in_at = scannedAt;
  roster.session_count += 1;
  await rosters.save(roster);
}

// After the server answered: keep the tablet's copy of the card as the server has it.
export async function learn(roster, answer) {
  const entry = answer.card && roster?.cards.find((card) => card.number === answer.card.number);
  if (!entry) return;
  entry.visits_left = answer.card.visits_left;
  if (answer.status === "undone") {
    entry.checked_in_at = null;
    roster.session_count = Math.max(0, roster.session_count - 1);
  } else if (answer.status === "ok" || answer.status === "already_checked_in") {
    if (!entry.checked_in_at) roster.session_count += 1;
    entry.checked_in_at = answer.checked_in_at;
  }
  await rosters.save(roster);
}

// A version 4 UUID; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere.
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
