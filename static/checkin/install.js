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
  await keepThisPage().catch(() => undefined);
  return true;
}

// A load the worker did not serve (it came before the worker ran) is not kept yet: keep it
// for offline reloads. The worker keeps every load it serves itself.
async function keepThisPage() {
  const pages = await caches.open(PAGE_CACHE);
  if (await pages.match(location.href)) return;
  const response = await fetch(location.href);
  if (response.ok && !response.redirected) await pages.put(location.href, response);
}

export const ready = install();
