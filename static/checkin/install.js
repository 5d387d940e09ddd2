// Installs the check-in service worker, so today's courses and the scan screen
// open without a network. Imported by every check-in page; `ready` settles to
// whether offline use is available (it needs a secure context: https or localhost).

const PAGE_CACHE = "kymppi-pages";

async function install() {
  const meta = document.querySelector('meta[name="kymppi-worker"]');
  if (!meta || !("serviceWorker" in navigator)) return false;
  try {
    await navigator.serviceWorker.register(meta.content, { scope: meta.dataset.scope });
    await navigator.serviceWorker.ready;
  } catch (error) {
    console.warn("Kymppi: offline use is not available here", error);
    return false;
  }
  if (!navigator.serviceWorker.controller) keepThisPage().catch(() => undefined);
  return true;
}

// This load came from the network before the worker existed (the worker keeps every later
// one itself): keep it for offline reloads.
async function keepThisPage() {
  const response = await fetch(location.href);
  if (response.ok && !response.redirected) await (await caches.open(PAGE_CACHE)).put(location.href, response);
}

export const ready = install();
