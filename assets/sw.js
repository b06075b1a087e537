// Backprop Lab's service worker: after the first visit, the page works without a network.
//
// The build (crates/site, which Trunk runs after every build) fills in BUILD below: a version
// (a hash of every file of the build) and the files to precache, relative to this script.
// Each folder the site is published in (e.g. /lab/ and a pinned /lab/v1.2/) has its own copy
// of this script, registered with that folder as its scope, and its own caches, named after
// the scope: one folder never reads or deletes another folder's caches.
//
// - install: every file of this version goes into a new cache, the page itself ("./") too;
//   then this worker takes over at once (all of the page's files load at start, so an open
//   page never asks for a file the new version lacks);
// - activate: this folder's caches of other versions are deleted; open pages are claimed;
// - fetch: the page is network-first, so a new version is seen as soon as the network
//   answers, with the cached page when the network fails, errs or is slow; the other files
//   are cache-first. Requests for anything else are left to the browser.
"use strict";

const BUILD = {"version":"unbuilt","files":[]};

/** The page: the folder's URL, where this script lives. */
const PAGE = new URL("./", self.location.href).href;
const CACHE_PREFIX = `backprop-lab ${self.registration.scope} `;
const CACHE = CACHE_PREFIX + BUILD.version;
/** The files of this version, as absolute URLs. */
const FILES = new Set(BUILD.files.filter((file) => file !== "./").map((file) => new URL(file, PAGE).href));
/** How long the page waits for the network before it shows its cached copy. */
const PAGE_TIMEOUT_MS = 4000;
/** A worker the build did not fill in (a copy of assets/sw.js served as it is) caches nothing. */
const BUILT = BUILD.version !== "unbuilt";

self.addEventListener("install", (event) => {
  if (BUILT) event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(removeOtherVersions().then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!BUILT || request.method !== "GET") return;
  const url = new URL(request.url);
  const path = url.origin + url.pathname;
  if (request.mode === "navigate" && (path === PAGE || path === PAGE + "index.html")) {
    event.respondWith(page(request));
  } else if (url.search === "" && FILES.has(path)) {
    event.respondWith(cacheFirst(request));
  }
});

async function precache() {
  const cache = await caches.open(CACHE);
  // Every file is revalidated with the server: an older copy in the HTTP cache would not
  // match the files of this version (the page, and the worker's files, whose names carry no
  // hash: worker.js, backprop-lab-worker.js and its wasm).
  const fresh = (url) => new Request(url, { cache: "no-cache" });
  await cache.addAll([fresh(PAGE), ...[...FILES].map(fresh)]);
}

async function removeOtherVersions() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached || fetch(request);
}

async function page(request) {
  const network = fetch(request);
  network.catch(() => null); // a failure after the timeout is not an error: the cache answered
  const slow = new Promise((resolve) => setTimeout(resolve, PAGE_TIMEOUT_MS, null));
  let response = null;
  try {
    response = await Promise.race([network, slow]);
  } catch (_) {
    // Offline, or the server is down: the cached page below.
  }
  if (response && response.ok) return response;
  const cached = await caches.match(PAGE, { cacheName: CACHE });
  // Nothing cached (the cache was cleared): the network's answer after all, or its error.
  return cached || response || network;
}
