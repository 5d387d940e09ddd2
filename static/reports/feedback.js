// The feedback round page sends its invitations batch after batch, moving the
// progress bar and the counts from each answer, so a round of hundreds shows how
// far it is and no single request runs for minutes. Without this script the
// button posts one batch and the page comes back. Its texts come from the page's
// data-text-* attributes, in the page's language.

const section = document.querySelector(".feedback-send");
const form = section?.querySelector(".send-form");
const progress = document.getElementById("send-progress");
const status = section?.querySelector("[data-status]");
const texts = section?.dataset;

function show(counts) {
  for (const [name, value] of Object.entries(counts)) {
    for (const element of section.querySelectorAll(`[data-count="${name}"]`)) {
      element.textContent = String(value);
    }
  }
  progress.max = Math.max(counts.invited, 1);
  progress.value = counts.done;
  progress.textContent = `${counts.done} / ${counts.invited}`;
}

async function sendBatch() {
  const response = await fetch(section.dataset.sendUrl, {
    method: "POST",
    headers: { Accept: "application/json", "X-CSRFToken": section.dataset.csrfToken },
    credentials: "same-origin",
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

async function sendAll(event) {
  event.preventDefault();
  const button = form.querySelector("button");
  button.disabled = true;
  status.textContent = texts.textSending;
  try {
    let done = -1;
    for (;;) {
      const counts = await sendBatch();
      show(counts);
      if (counts.outcome === "closed") {
        status.textContent = texts.textClosed;
        return;
      }
      if (counts.pending === 0) break;
      if (counts.done === done) {
        // Another tab or secretary holds the rest; their sends finish them.
        status.textContent = texts.textBusy;
        return;
      }
      done = counts.done;
    }
    status.textContent = texts.textDone;
    // The failed addresses and their reasons are listed by the page itself.
    window.location.reload();
  } catch (error) {
    status.textContent = texts.textInterrupted.replace("{error}", error.message);
    button.disabled = false;
  }
}

form?.addEventListener("submit", sendAll);
