// Loaded by the login page: whoever logs in next on a shared tablet must not find the last
// user's check-in pages kept for offline use. Unsent scans stay; each waits for its own user.
globalThis.caches?.delete("kymppi-pages");
