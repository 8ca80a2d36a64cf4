// The wallboard's refresh. The page arrives with its figures rendered; this
// fetches them again every minute without credentials, swaps in the HTML the
// Worker rendered for them, and keeps the last ones (also in localStorage)
// when the network blinks, saying how old they are. A link revoked or
// expired meanwhile turns the page into the "no longer available" one and
// forgets the stored figures.
(() => {
  "use strict";
  const body = document.body;
  const main = document.getElementById("figures");
  const status = document.getElementById("status");
  if (!main || !status) return;
  const words = body.dataset;
  const url = location.pathname.replace(/\/+$/, "") + "/figures";
  const key = "ambassador:wallboard:" + location.pathname;
  let shown = { as_of: Number(main.dataset.asOf), html: main.innerHTML, at: Date.now() };
  let offline = false;

  const store = (value) => {
    try {
      if (value) localStorage.setItem(key, JSON.stringify(value));
      else localStorage.removeItem(key);
    } catch (_) {
      // Storage full or refused: the screen still shows what it has.
    }
  };
  const show = (figures) => {
    if (figures.html !== shown.html) main.innerHTML = figures.html;
    main.dataset.asOf = figures.as_of;
    shown = figures;
  };
  const age = () => {
    const minutes = Math.floor((Date.now() - shown.at) / 60000);
    let text = minutes < 1 ? words.updatedNow : words.updatedAgo.replace("{minutes}", minutes);
    if (offline) text += " · " + words.offline;
    status.textContent = text;
    status.classList.toggle("offline", offline);
  };
  const gone = () => {
    store(null);
    clearInterval(refreshing);
    document.title = words.goneHeading;
    const page = document.createElement("main");
    page.className = "gone";
    for (const [tag, text] of [["h1", words.goneHeading], ["p", words.goneWhat], ["p", words.goneNext]]) {
      const element = document.createElement(tag);
      element.textContent = text;
      page.append(element);
    }
    body.replaceChildren(page);
  };
  const refresh = async () => {
    try {
      const response = await fetch(url, { credentials: "omit", cache: "no-store" });
      if (response.status === 404 || response.status === 410) return gone();
      if (!response.ok) throw new Error("HTTP " + response.status);
      const reply = await response.json();
      show({ as_of: reply.as_of, html: reply.html, at: Date.now() });
      store(shown);
      offline = false;
    } catch (_) {
      offline = true;
    }
    age();
  };

  // A reload from the browser's cache may bring older figures than the last
  // ones fetched: show the newer.
  try {
    const kept = JSON.parse(localStorage.getItem(key));
    if (kept && kept.as_of > shown.as_of) show(kept);
  } catch (_) {
    // Nothing usable kept.
  }
  store(shown);
  const refreshing = setInterval(refresh, 60000);
  setInterval(age, 15000);
  addEventListener("online", refresh);
  document.addEventListener("visibilitychange", () => document.hidden || refresh());
  age();
})();
