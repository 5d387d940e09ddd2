"""QR decoders for the check-in page, measured in headless Chromium.

    .venv/bin/python bench/qr_decoders.py

Why this exists: the check-in page decodes the card's QR code from the tablet
camera in the browser, and the README justifies the vendored jsQR 1.4.0 over
the alternatives. This script backs that choice with figures instead of
impressions. It draws camera-like 640×480 grayscale frames of a card code
(payload as in kymppi.domain.codes, error correction M as in
kymppi.documents.qr) with noise, blur, rotation, tilt and dim light, then, in
one headless Chromium, times each candidate decoding them: jsQR (main thread
and in a Worker), zxing-wasm's reader build, qr-scanner's worker, and the
native BarcodeDetector where the browser has one. It also loads every
candidate under Kymppi's own Content-Security-Policy (kymppi.security) to show
which ones that policy allows.

The npm candidates are fetched with `npm pack` (pinned versions below) into a
temp dir; everything is served on 127.0.0.1 and the browser may not reach
anything else. The run is bounded (a per-candidate time budget and a hard
alarm) and prints Markdown for docs/performance.md.
"""

import base64
import gzip
import hashlib
import http.server
import json
import math
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import qrcode
from PIL import Image, ImageChops, ImageFilter
from playwright.sync_api import sync_playwright
from qrcode.constants import ERROR_CORRECT_M

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kymppi.documents.qr import QUIET_ZONE
from kymppi.domain.codes import card_url
from kymppi.security import HEADERS
from tests.chromium import launch_chromium

ROOT = Path(__file__).resolve().parent.parent
JSQR = ROOT / "static" / "vendor" / "jsqr" / "jsQR.js"
NPM_PACKAGES = {"zxing-wasm": "zxing-wasm@3.1.6", "qr-scanner": "qr-scanner@1.4.2"}
FRAME_SIZE = (640, 480)
WARMUP_ROUNDS = 3
ROUNDS = 30  # timed decodes of every frame, unless the candidate's budget runs out first
BUDGET_SECONDS = 35  # per candidate, for the timed rounds
HARD_LIMIT_SECONDS = 175

STRICT_CSP = HEADERS["Content-Security-Policy"]
CSP = {
    "none": None,
    "kymppi": STRICT_CSP,
    "wasm": STRICT_CSP + "; script-src 'self' 'wasm-unsafe-eval'",
    "blob-worker": STRICT_CSP + "; worker-src 'self' blob:",
}


@dataclass(frozen=True)
class Candidate:
    label: str
    kind: str  # the harness's constructor, see HARNESS_JS
    options: dict
    relaxed_csp: str | None = None  # the CSP addition it needs, if Kymppi's refuses it


CANDIDATES = [
    Candidate(
        "jsQR 1.4.0, main thread, `dontInvert`",
        "jsqr",
        {"inversionAttempts": "dontInvert"},
    ),
    Candidate("jsQR 1.4.0, main thread, default (`attemptBoth`)", "jsqr", {}),
    Candidate(
        "jsQR 1.4.0 in a Worker, `dontInvert` (round trip)",
        "jsqrWorker",
        {"inversionAttempts": "dontInvert"},
    ),
    Candidate(
        "zxing-wasm 3.1.6 reader, main thread",
        "zxing",
        {"formats": ["QRCode"], "maxNumberOfSymbols": 1},
        "wasm",
    ),
    Candidate(
        "qr-scanner 1.4.2 worker (round trip)",
        "qrScanner",
        {},
        "blob-worker",
    ),
]
BARCODE_DETECTOR = Candidate("native BarcodeDetector", "barcodeDetector", {})


@dataclass(frozen=True)
class Variant:
    name: str
    symbol_px: int = 240  # the code's width on the frame, quiet zone excluded
    angle: float = 0.0  # degrees
    tilt: float = 0.0  # top edge this much narrower than the bottom: card tipped away
    offset: tuple[int, int] = (0, 0)
    blur: float = 0.0  # Gaussian radius, defocus
    motion: bool = False  # horizontal smear, ~9 px
    noise: int = 6  # ± grey levels of sensor noise
    dim: bool = False  # low contrast and a shadow across the card
    has_code: bool = True


VARIANTS = [
    Variant("clean, 240 px"),
    Variant("sensor noise ±24", noise=24),
    Variant("defocus blur r=1.5", blur=1.5),
    Variant("rotated 12°", angle=12, offset=(-40, 10)),
    Variant("rotated 35° + noise ±16", angle=35, noise=16, offset=(30, -20)),
    Variant("tilted card + rotated 6°", tilt=0.25, angle=-6, offset=(20, 15)),
    Variant("dim, shadow, noise ±12", dim=True, noise=12),
    Variant("motion blur ~9 px", motion=True),
    Variant("200 px, blur r=1.2, noise ±14", symbol_px=200, blur=1.2, noise=14, offset=(-60, -30)),
    Variant("strong blur r=2.5", blur=2.5),
    Variant("260 px, blur r=2, noise ±18, rotated 20°", symbol_px=260, blur=2.0, noise=18, angle=20),
    Variant("no code (blank card)", has_code=False, noise=10),
]


class _Alarm(Exception):
    pass


def main() -> None:
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(HARD_LIMIT_SECONDS)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kymppi-qr-bench-") as tmp:
        root = Path(tmp)
        versions = _fetch_packages(root)
        frames = _write_frames(root / "frames")
        _write_harness(root)
        server, requests = _serve(root)
        try:
            run = _run_browser(root, server.server_address[1], frames, requests)
        finally:
            server.shutdown()
    signal.alarm(0)
    _report(*run, frames, versions, time.monotonic() - started)


def _on_alarm(signum, frame):
    raise _Alarm(f"benchmark exceeded {HARD_LIMIT_SECONDS} s")


# --- candidates from npm ---------------------------------------------------------------------------


def _fetch_packages(root: Path) -> dict[str, str]:
    """`npm pack` the pinned npm candidates and unpack them under root/lib; jsQR is the vendored copy."""
    packs = root / "packs"
    packs.mkdir()
    out = subprocess.run(
        ["npm", "pack", "--json", "--pack-destination", str(packs), *NPM_PACKAGES.values()],
        check=True,
        capture_output=True,
        text=True,
        timeout=90,
        cwd=packs,
    )
    versions = {}
    for pack in json.loads(out.stdout):
        target = root / "lib" / pack["name"]
        with tarfile.open(packs / pack["filename"]) as archive:
            archive.extractall(packs / pack["name"], filter="data")
        shutil.move(packs / pack["name"] / "package", target)
        versions[pack["name"]] = pack["version"]
    (root / "lib" / "jsqr").mkdir(parents=True)
    shutil.copy(JSQR, root / "lib" / "jsqr" / "jsQR.js")
    return versions


# --- frames ----------------------------------------------------------------------------------------


def _payload(index: int) -> str:
    # A card secret is 24 random bytes as URL-safe base64 (kymppi.domain.codes); derived here so reruns match.
    secret = base64.urlsafe_b64encode(hashlib.sha256(f"kymppi-bench-{index}".encode()).digest()[:24]).decode()
    return card_url("https://kymppi.example", secret)


def _write_frames(folder: Path) -> list[dict]:
    folder.mkdir()
    frames = []
    for index, variant in enumerate(VARIANTS):
        payload = _payload(index) if variant.has_code else None
        image = _frame(variant, payload, seed=index)
        name = f"frame{index:02d}.png"
        image.save(folder / name)
        frames.append({"name": variant.name, "url": f"/frames/{name}", "expected": payload})
    return frames


def _frame(variant: Variant, payload: str | None, seed: int) -> Image.Image:
    """A 640×480 grey camera frame: a paper card with the code on a table, as the tablet would see it."""
    rng = random.Random(seed)  # noqa: S311 - reproducible image noise, not a secret
    module = 16  # drawing resolution; the perspective warp resamples it to the frame
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(payload or "x")
    code.make(fit=True)
    matrix = code.get_matrix()
    card_modules = len(matrix) + 6  # paper beyond the quiet zone
    card = Image.new("L", (card_modules * module,) * 2, 222)
    if payload:
        mask = Image.new("1", (len(matrix), len(matrix)))
        mask.putdata([bool(cell) for row in matrix for cell in row])
        mask = mask.resize((len(matrix) * module,) * 2, Image.Resampling.NEAREST)
        card.paste(38, (3 * module, 3 * module, 3 * module + mask.width, 3 * module + mask.height), mask)

    symbol_modules = len(matrix) - 2 * QUIET_ZONE
    half = card.width * variant.symbol_px / (symbol_modules * module) / 2
    cx = FRAME_SIZE[0] / 2 + variant.offset[0]
    cy = FRAME_SIZE[1] / 2 + variant.offset[1]
    top = half * (1 - variant.tilt)
    corners = [(-top, -half), (top, -half), (half, half), (-half, half)]
    turn = complex(*_unit(variant.angle))
    placed = [complex(x, y) * turn for x, y in corners]
    destination = [(p.real + cx, p.imag + cy) for p in placed]
    source = [(0, 0), (card.width, 0), (card.width, card.height), (0, card.height)]
    coeffs = _perspective(destination, source)
    warped = card.transform(FRAME_SIZE, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    footprint = Image.new("L", card.size, 255).transform(
        FRAME_SIZE, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )

    down = Image.linear_gradient("L").resize(FRAME_SIZE).point(lambda v: 85 + v * 35 // 255)
    across = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize(FRAME_SIZE)
    table = ImageChops.add(down, across.point(lambda v: v * 30 // 255))  # a grey table, lit from one corner
    frame = Image.composite(warped, table, footprint)
    if variant.dim:
        shadow = Image.linear_gradient("L").rotate(90).resize(FRAME_SIZE).point(lambda v: 255 - v * 110 // 255)
        frame = ImageChops.multiply(frame.point(lambda v: 70 + v * 45 // 100), shadow)
    frame = frame.filter(ImageFilter.GaussianBlur(0.7))  # lens and demosaicing softness
    if variant.blur:
        frame = frame.filter(ImageFilter.GaussianBlur(variant.blur))
    if variant.motion:
        smear = ImageFilter.Kernel((5, 5), [0] * 10 + [1] * 5 + [0] * 10, scale=5)
        frame = frame.filter(smear).filter(smear)
    if variant.noise:
        for _ in range(2):  # two uniform layers: roughly bell-shaped, ±noise
            layer = Image.frombytes("L", FRAME_SIZE, rng.randbytes(FRAME_SIZE[0] * FRAME_SIZE[1]))
            layer = layer.point(lambda v, n=variant.noise: v * n // 255)
            frame = ImageChops.add(frame, layer, 1.0, -variant.noise // 2)
    return frame


def _unit(degrees: float) -> tuple[float, float]:
    return math.cos(math.radians(degrees)), math.sin(math.radians(degrees))


def _perspective(destination, source) -> list[float]:
    """Coefficients for Image.transform(PERSPECTIVE): the frame point → the card point it shows."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(destination, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.append(v)
    return _solve(rows, rhs)


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [[*row, value] for row, value in zip(a, b, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                factor = m[r][col] / m[col][col]
                m[r] = [x - factor * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


# --- the page --------------------------------------------------------------------------------------

HARNESS_HTML = """<!doctype html>
<meta charset="utf-8">
<title>QR decoder bench</title>
<script type="module" src="/harness/bench.js"></script>
"""

WORKER_JS = """importScripts("/lib/jsqr/jsQR.js");
self.onmessage = (event) => {
  const { id, image, options } = event.data;
  const started = performance.now();
  const found = jsQR(image.data, image.width, image.height, options);
  self.postMessage({ id, text: found ? found.data : null, ms: performance.now() - started });
};
"""

HARNESS_JS = r"""
const violations = [];
document.addEventListener("securitypolicyviolation", (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timeout`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

async function loadFrames(list) {
  const out = [];
  for (const frame of list) {
    const bitmap = await createImageBitmap(await (await fetch(frame.url)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(bitmap, 0, 0);
    out.push({ ...frame, image: context.getImageData(0, 0, bitmap.width, bitmap.height) });
  }
  return out;
}

const copyOf = (image) => new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);

// A worker that answers {id, ...} messages; `send` posts one and waits for the reply with that id.
function workerClient(worker, toMessage, fromReply) {
  let next = 0;
  const waiting = new Map();
  worker.addEventListener("message", (e) => {
    const done = waiting.get(e.data.id);
    if (done) { waiting.delete(e.data.id); done.resolve(fromReply(e.data)); }
  });
  worker.addEventListener("error", (e) => {
    for (const done of waiting.values()) done.reject(new Error(`worker error: ${e.message || "failed to start"}`));
    waiting.clear();
  });
  return (image) => {
    const id = next++;
    const reply = new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
    worker.postMessage(toMessage(id, image), [image.data.buffer]);
    return withTimeout(reply, 10000, "worker decode");
  };
}

// Each constructor loads its decoder and returns {decode(input), prepare(image)}; prepare runs untimed.
const KINDS = {
  async jsqr(options) {
    await loadScript("/lib/jsqr/jsQR.js");
    return {
      prepare: (image) => image,
      decode: (image) => {
        const found = jsQR(image.data, image.width, image.height, options);
        return found ? found.data : null;
      },
    };
  },
  async jsqrWorker(options) {
    const inside = [];  // decode time within the worker, to tell the cost of the round trip
    const send = workerClient(new Worker("/harness/jsqr-worker.js"),
      (id, image) => ({ id, image, options }), (reply) => { inside.push(reply.ms); return reply.text; });
    await send(new ImageData(16, 16));
    return { prepare: copyOf, decode: send, inside };
  },
  async zxing(options) {
    const zxing = await import("/lib/zxing-wasm/dist/es/reader/index.js");
    await zxing.prepareZXingModule({
      overrides: {
        locateFile: (path, prefix) => path.endsWith(".wasm") ? `/lib/zxing-wasm/dist/reader/${path}` : prefix + path,
      },
      fireImmediately: true,
    });
    return {
      prepare: (image) => image,
      decode: async (image) => {
        const found = await zxing.readBarcodes(image, options);
        return found.length ? found[0].text : null;
      },
    };
  },
  async qrScanner() {
    const { createWorker } = await import("/lib/qr-scanner/qr-scanner-worker.min.js");
    // The message protocol QrScanner.scanImage uses with this worker.
    const send = workerClient(createWorker(),
      (id, image) => ({ id, type: "decode", data: image }), (reply) => reply.data);
    await send(new ImageData(16, 16));
    return { prepare: copyOf, decode: send };
  },
  async barcodeDetector() {
    const detector = new BarcodeDetector({ formats: ["qr_code"] });
    return {
      prepare: (image) => image,
      decode: async (image) => {
        const found = await detector.detect(image);
        return found.length ? found[0].rawValue : null;
      },
    };
  },
};

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];

window.probe = async () => ({
  secureContext: window.isSecureContext,
  present: "BarcodeDetector" in window,
  formats: "BarcodeDetector" in window ? await BarcodeDetector.getSupportedFormats() : null,
  userAgent: navigator.userAgent,
});

window.measure = async (kind, options, frameList, warmup, rounds, budgetMs) => {
  const frames = await loadFrames(frameList);
  const started = performance.now();
  const decoder = await withTimeout(KINDS[kind](options), 30000, `${kind} init`);
  const initMs = performance.now() - started;
  const first = decoder.prepare(frames[0].image);
  const firstStarted = performance.now();
  await decoder.decode(first);
  const firstMs = performance.now() - firstStarted;
  for (let i = 0; i < warmup; i++) for (const f of frames) await decoder.decode(decoder.prepare(f.image));
  const times = frames.map(() => []);
  const inside = frames.map(() => []);
  const texts = frames.map(() => new Set());
  const deadline = performance.now() + budgetMs;
  let round = 0;
  for (; round < rounds && performance.now() < deadline; round++) {
    for (const [i, f] of frames.entries()) {
      const input = decoder.prepare(f.image);
      const t = performance.now();
      const text = await decoder.decode(input);
      times[i].push(performance.now() - t);
      if (decoder.inside) inside[i].push(decoder.inside.at(-1));
      texts[i].add(text);
    }
  }
  return {
    initMs, firstMs, rounds: round, violations,
    frames: frames.map((f, i) => ({
      name: f.name, expected: f.expected, times: times[i], inside: inside[i], texts: [...texts[i]],
    })),
  };
};

window.check = async (kind, options, frameList) => {
  try {
    const [frame] = await loadFrames(frameList);
    const decoder = await withTimeout(KINDS[kind](options), 15000, `${kind} init`);
    const text = await withTimeout(Promise.resolve(decoder.decode(decoder.prepare(frame.image))), 15000, "decode");
    return { ok: text === frame.expected, error: text === frame.expected ? null : `decoded ${text}`, violations };
  } catch (e) {
    return { ok: false, error: String(e && e.message || e), violations };
  }
};
window.ready = true;
"""


def _write_harness(root: Path) -> None:
    harness = root / "harness"
    harness.mkdir()
    (harness / "index.html").write_text(HARNESS_HTML)
    (harness / "bench.js").write_text(HARNESS_JS)
    (harness / "jsqr-worker.js").write_text(WORKER_JS)


def _serve(root: Path):
    """Serve root on 127.0.0.1; the page's CSP comes from ?csp=<key of CSP>. Returns (server, request log)."""
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map: ClassVar = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".js": "text/javascript",
            ".wasm": "application/wasm",
            ".html": "text/html; charset=utf-8",
        }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def end_headers(self):
            url = urlsplit(self.path)
            policy = CSP[parse_qs(url.query).get("csp", ["none"])[0]]
            if policy and url.path.endswith(".html"):
                self.send_header("Content-Security-Policy", policy)
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self):
            requests.append(urlsplit(self.path).path)
            super().do_GET()

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, requests


# --- the browser -----------------------------------------------------------------------------------


def _run_browser(root: Path, port: int, frames: list[dict], requests: list[str]):
    base = f"http://127.0.0.1:{port}"
    blocked: list[str] = []

    def guard(route):
        if route.request.url.startswith(base + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:

            def page(csp: str):
                context = browser.new_context()
                context.route("**/*", guard)
                tab = context.new_page()
                tab.set_default_timeout(30000)
                tab.goto(f"{base}/harness/index.html?csp={csp}")
                tab.wait_for_function("window.ready === true")
                return context, tab

            context, tab = page("none")
            probe = tab.evaluate("probe()")
            context.close()
            candidates = list(CANDIDATES)
            if probe["present"] and "qr_code" in (probe["formats"] or []):
                candidates.append(BARCODE_DETECTOR)

            results = []
            for candidate in candidates:
                requests.clear()
                context, tab = page("none")
                result = tab.evaluate(
                    "([k, o, f, w, r, b]) => measure(k, o, f, w, r, b)",
                    [candidate.kind, candidate.options, frames, WARMUP_ROUNDS, ROUNDS, BUDGET_SECONDS * 1000],
                )
                loaded = sorted({p.lstrip("/") for p in requests if p.startswith(("/lib/", "/harness/jsqr"))})
                result["files"], result["loaded"] = loaded, _sizes(root, loaded)
                results.append((candidate, result))
                context.close()

            csp = {}
            for candidate in candidates:
                for key in ("kymppi", candidate.relaxed_csp):
                    if key:
                        context, tab = page(key)
                        csp[candidate.label, key] = tab.evaluate(
                            "([k, o, f]) => check(k, o, f)", [candidate.kind, candidate.options, frames[:1]]
                        )
                        context.close()
            version = browser.version
        finally:
            browser.close()
    return results, probe, csp, version, sorted(set(blocked))


# --- the report ------------------------------------------------------------------------------------


def _report(results, probe, csp, browser_version, blocked, frames, versions, elapsed) -> None:
    print(f"# QR decoders in headless Chromium {browser_version}\n")
    print(f"{_machine()}; {datetime.now(UTC):%Y-%m-%d}; npm: {versions}; {len(frames)} frames 640×480.\n")
    print(
        "| decoder | frames read | median | p95 | no-code frame, median | first decode "
        "| load: raw / gzip | init | under Kymppi's CSP |\n|---|---|---|---|---|---|---|---|---|"
    )
    with_code = [f for f in frames if f["expected"]]
    for candidate, result in results:
        coded = [f for f in result["frames"] if f["expected"]]
        empty = [f for f in result["frames"] if not f["expected"]]
        read = sum(f["texts"] == [f["expected"]] for f in coded)
        times = sorted(t for f in coded for t in f["times"])
        empty_times = [t for f in empty for t in f["times"]]
        raw, packed = result["loaded"]
        print(
            f"| {candidate.label} | {read}/{len(with_code)} | {statistics.median(times):.1f} ms "
            f"| {_p95(times):.1f} ms | {statistics.median(empty_times):.1f} ms | {result['firstMs']:.0f} ms "
            f"| {raw / 1024:.0f} / {packed / 1024:.0f} KiB | {result['initMs']:.0f} ms | {_csp_cell(candidate, csp)} |"
        )
    rounds = sorted({r["rounds"] for _, r in results})
    print(
        f"\nMedian and p95 over all timed decodes of the {len(with_code)} frames with a code "
        f"({' or '.join(map(str, rounds))} rounds of every frame, after {WARMUP_ROUNDS} warm-up rounds), "
        "failures included; the no-code frame is what the camera sees between cards. "
        "First decode: the clean frame, straight after init. Init: fetch + compile + start, from 127.0.0.1.\n"
    )
    print("Per frame: read (✓) or not (✗, or for the frame without a code: a false read), and median ms.\n")
    print("| frame | " + " | ".join(str(i + 1) for i in range(len(results))) + " |")
    print("|---|" + "---|" * len(results))
    for index, frame in enumerate(frames):
        cells = []
        for _, result in results:
            got = result["frames"][index]
            right = got["texts"] == [frame["expected"]]  # None for the frame without a code
            cells.append(f"{'✓' if right else '✗'} {statistics.median(got['times']):.1f}")
        print(f"| {frame['name']} | " + " | ".join(cells) + " |")
    print("\nColumns: " + "; ".join(f"{i + 1} = {c.label}" for i, (c, _) in enumerate(results)) + ".\n")
    print(
        f"BarcodeDetector: {'present' if probe['present'] else 'absent'}"
        f" (formats {probe['formats']}); secure context: {probe['secureContext']}."
    )
    for (label, key), outcome in csp.items():
        if not outcome["ok"]:
            print(f"CSP {key!r}, {label}: {outcome['error']}; violations {outcome['violations']}")
    for candidate, result in results:
        inside = sorted(t for f in result["frames"] if f["expected"] for t in f["inside"])
        if inside:
            print(
                f"{candidate.label}: jsQR's own time inside the worker median {statistics.median(inside):.1f} ms, "
                f"p95 {_p95(inside):.1f} ms; the rest of the round trip is messaging."
            )
    violations = {c.label: r["violations"] for c, r in results if r["violations"]}
    if violations:
        print(f"CSP violations without a CSP (unexpected): {violations}")
    for candidate, result in results:
        print(f"{candidate.label} fetched: {', '.join(result['files'])}.")
    print(f"Requests the browser made off 127.0.0.1 (refused): {blocked or 'none'}.")
    print(f"\nRun took {elapsed:.0f} s.")


def _sizes(root: Path, files: list[str]) -> tuple[int, int]:
    """Bytes of the decoder's files the browser fetched, as served and gzipped (level 6, a typical server's)."""
    data = [(root / name).read_bytes() for name in files]
    return sum(map(len, data)), sum(len(gzip.compress(d, 6)) for d in data)


def _csp_cell(candidate: Candidate, csp) -> str:
    if csp[candidate.label, "kymppi"]["ok"]:
        return "yes"
    need = {"wasm": "`'wasm-unsafe-eval'`", "blob-worker": "`worker-src blob:`"}.get(candidate.relaxed_csp, "?")
    works = candidate.relaxed_csp and csp[candidate.label, candidate.relaxed_csp]["ok"]
    return f"no; needs {need}" + ("" if works else " (and still failed)")


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def _machine() -> str:
    cpus = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout.splitlines()
            if line.startswith("Model name")
        ),
        "unknown CPU",
    )
    return f"{cpus} cores, {model}"


if __name__ == "__main__":
    main()
