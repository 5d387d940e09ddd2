// QR decoding off the main thread, so a slow frame never delays an answer on screen.
// Used where the browser has no native BarcodeDetector (iPad Safari, desktop Chromium).
importScripts("../vendor/jsqr/jsQR.js");

self.onmessage = ({ data }) => {
  const { pixels, width, height } = data;
  // Cards and phone screens show dark modules on light: skipping the inverted pass halves the work.
  const code = jsQR(new Uint8ClampedArray(pixels), width, height, { inversionAttempts: "dontInvert" });
  self.postMessage({ text: code ? code.data : null });
};
