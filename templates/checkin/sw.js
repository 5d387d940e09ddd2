// Kymppi check-in service worker, version {{ version }}.
// Assets: cache first, from a cache named after their version. Check-in pages:
// network first, the cached copy when the network is gone or too slow for a
// gym hall's Wi-Fi. The JSON API is never cached here: the page's own offline
// queue (static/checkin/offline.js) decides what a scan means without a server.

const VERSION = {{ version | tojson }};
const ASSETS = {{ assets | tojson }};
const START = {{ start | tojson }};
const ASSET_CACHE = `kymppi-assets-${VERSION}`;
const PAGE_CACHE = "kymppi-pages";
const PAGE_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      await (await caches.open(ASSET_CACHE)).addAll(ASSETS);
      await keepPage(START).catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("kymppi-assets-") && key !== ASSET_CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname.startsWith(START)) {
    event.respondWith(page(request));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(asset(request));
  }
});

async function asset(request) {
  const cached = await caches.match(request, { cacheName: ASSET_CACHE });
  return cached || fetch(request);
}

async function page(request) {
  const network = keepPage(request);
  try {
    return await withTimeout(network, PAGE_TIMEOUT_MS);
  } catch (error) {
    const cached = await (await caches.open(PAGE_CACHE)).match(request, { ignoreSearch: true });
    if (cached) return cached;
    // Nothing kept: a slow network is still better than none.
    if (error.message === "timeout") return network;
    throw error;
  }
}

// Fetch a page and keep a copy; a redirect (to the login page) is never kept under the page's address.
async function keepPage(request) {
  const response = await fetch(request);
  if (response.ok && !response.redirected) {
    await (await caches.open(PAGE_CACHE)).put(request, response.clone());
  }
  return response;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
