// The answer after a scan, over the whole screen so it reads from the back of the queue:
// colour, icon and words together (never colour alone), a sound and a buzz where the
// device has them. The region is aria-live, so a screen reader says it as well.
// The markup is the same as templates/checkin/_answer.html draws without JavaScript.

const ICONS = { ok: "✓", warn: "!", refused: "✕" };
const SHOWN_MS = { ok: 3500, warn: 6000, refused: 8000 };
const BUZZ = { ok: [80], warn: [80, 80, 80], refused: [400] };
const TONES = { ok: [[880, 0.12]], warn: [[660, 0.1], [660, 0.1]], refused: [[220, 0.45]] };

let hideTimer;
let audio;

function paragraph(className, text) {
  const element = document.createElement("p");
  element.className = className;
  element.textContent = text;
  return element;
}

export function showAnswer(region, { tone, headline, holder, message, note }) {
  const box = document.createElement("div");
  box.className = `answer-box answer-${tone}`;
  const icon = document.createElement("span");
  icon.className = "answer-icon";
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = ICONS[tone];
  box.append(icon, paragraph("answer-headline", headline));
  if (holder) box.append(paragraph("answer-holder", holder));
  box.append(paragraph("answer-message", message));
  if (note) box.append(paragraph("answer-note", note));
  region.replaceChildren(box);
  region.classList.add("shown");
  performance.mark("kymppi:answer-shown");
  signal(tone);
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => hideAnswer(region), SHOWN_MS[tone]);
}

export function hideAnswer(region) {
  clearTimeout(hideTimer);
  region.classList.remove("shown");
  region.replaceChildren();
}

// Browsers allow sound only after the user has touched the page; the first tap or key unlocks it.
export function unlockSound() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!audio && Context) audio = new Context();
  audio?.resume?.();
}

function signal(tone) {
  navigator.vibrate?.(BUZZ[tone]);
  if (!audio || audio.state !== "running") return;
  let start = audio.currentTime;
  for (const [frequency, seconds] of TONES[tone]) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + seconds);
    start += seconds + 0.06;
  }
}
