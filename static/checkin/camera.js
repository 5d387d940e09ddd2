// Reading card QR codes with the tablet's camera: the rear camera first, switchable.
// The browser's own BarcodeDetector where it has one (Android Chrome); elsewhere
// (iPad Safari, desktop browsers) jsQR in a worker. A code held in front of the
// camera for seconds is reported once: it must leave the view for a moment first.

const SAME_CODE_GAP_MS = 2500;
const MAX_FRAME_WIDTH = 800;

async function nativeDetector() {
  if (!("BarcodeDetector" in window)) return null;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    return formats.includes("qr_code") ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
  } catch {
    return null;
  }
}

export class Camera {
  constructor(video, decoderUrl, onCode) {
    this.video = video;
    this.decoderUrl = decoderUrl;
    this.onCode = onCode;
    this.stream = null;
    this.lastCode = null;
    this.lastSeenAt = 0;
    this.canvas = document.createElement("canvas");
  }

  static available() {
    return window.isSecureContext && Boolean(navigator.mediaDevices?.getUserMedia);
  }

  async start(deviceId) {
    this.stop();
    const video = deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: "environment" } };
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { ...video, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
    this.video.srcObject = this.stream;
    this.video.hidden = false;
    await this.video.play();
    performance.mark("kymppi:camera-ready");
    this.detector ??= await nativeDetector();
    if (!this.detector) this.worker ??= new Worker(this.decoderUrl);
    this.running = true;
    this.loop();
  }

  stop() {
    this.running = false;
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    this.video.hidden = true;
  }

  async cameras() {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.filter((device) => device.kind === "videoinput");
  }

  async switch() {
    const cameras = await this.cameras();
    const current = this.stream?.getVideoTracks()[0]?.getSettings().deviceId;
    const index = cameras.findIndex((camera) => camera.deviceId === current);
    const next = cameras[(index + 1) % cameras.length];
    if (next) await this.start(next.deviceId);
  }

  async loop() {
    while (this.running) {
      const text = this.video.readyState >= 2 ? await this.decode().catch(() => null) : null;
      if (text) this.seen(text);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  seen(text) {
    const now = performance.now();
    const repeat = text === this.lastCode && now - this.lastSeenAt < SAME_CODE_GAP_MS;
    this.lastCode = text;
    this.lastSeenAt = now;
    if (!repeat) {
      performance.mark("kymppi:code-seen");
      this.onCode(text);
    }
  }

  async decode() {
    if (this.detector) {
      const [code] = await this.detector.detect(this.video);
      return code?.rawValue ?? null;
    }
    const scale = Math.min(1, MAX_FRAME_WIDTH / this.video.videoWidth);
    const width = Math.round(this.video.videoWidth * scale);
    const height = Math.round(this.video.videoHeight * scale);
    this.canvas.width = width;
    this.canvas.height = height;
    const context = this.canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(this.video, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height).data.buffer;
    return new Promise((resolve) => {
      this.worker.onmessage = ({ data }) => resolve(data.text);
      this.worker.onerror = (error) => {
        // A decoder that failed to load or crashed: say so instead of silently reading nothing.
        console.error("Kymppi: QR decoder failed", error);
        this.stop();
        this.onTrouble?.();
        resolve(null);
      };
      this.worker.postMessage({ pixels, width, height }, [pixels]);
    });
  }
}
