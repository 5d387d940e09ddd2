// Who is in this session, and undoing a visit: the list refreshes from the
// server after every scan; "Peru" asks in a dialog before it gives the visit back.

import { $, api, clock, config, fill, texts } from "./page.js";

export async function refreshSession() {
  let reply;
  try {
    reply = await api(config.rosterUrl);
  } catch {
    return;
  }
  if (reply.status !== 200) return;
  const rows = reply.body.checkins.map(sessionRow);
  if (!rows.length) rows.push(emptyRow());
  $("[data-session-rows]").replaceChildren(...rows);
  $("[data-session-count]").textContent = String(reply.body.checkins.length);
}

function cell(text, className = "") {
  const element = document.createElement("td");
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

function emptyRow() {
  const row = document.createElement("tr");
  row.className = "empty";
  const only = cell(texts.no_check_ins);
  only.colSpan = 5;
  row.append(only);
  return row;
}

// The same row as templates/checkin/scan.html draws on the first load.
function sessionRow(check) {
  const row = document.createElement("tr");
  row.append(
    cell(clock(check.checked_in_at)),
    cell(check.card.holder),
    cell(check.card.number),
    cell(String(check.card.visits_left), "number"),
  );
  const action = cell("");
  if (check.undoable) {
    const undo = document.createElement("a");
    undo.className = "button secondary";
    undo.href = `${config.undoPagePrefix}${check.checkin_id}/undo`;
    undo.dataset.undoId = String(check.checkin_id);
    undo.dataset.undoWho = `${check.card.holder} (${check.card.number})`;
    undo.textContent = texts.undo;
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ` ${fill(texts.undo_visit, { holder: check.card.holder })}`;
    undo.append(hidden);
    action.append(undo);
  }
  row.append(action);
  return row;
}

// Ask before undoing; `done(reply)` gets the server's answer, or null when it can't be reached.
export function askUndo(link, done) {
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
    if (dialog.returnValue !== "undo") return done(undefined);
    let reply;
    try {
      const body = config.needsReason === "true" ? { reason: reason.value } : {};
      reply = await api(`${config.checkinUrl}/${link.dataset.undoId}`, { method: "DELETE", body });
    } catch {
      return done(null);
    }
    if (reply.status === 422 || reply.status === 400) {
      error.textContent = reply.body.message || Object.values(reply.body.errors || {}).join(" ");
      dialog.showModal();
      return undefined;
    }
    await refreshSession();
    return done(reply);
  };
  dialog.showModal();
  if (!reasonField.hidden) reason.focus();
}
