// Ambassador loader: the one script a webmaster embeds.
//   <script src="https://nps.example.com/widget/ambassador.js" data-survey="demo" async></script>
// or, for inline placement anywhere (several per page work independently):
//   <nps-survey survey="demo" touchpoint="web"></nps-survey>
// It finds its own URL, so the widget's wasm loads from beside it whatever the
// host page's path, and downloads the wasm only when a survey is to be shown:
// not while the visitor is throttled (key format: shared/src/client/throttle.rs)
// unless an earlier answer still waits in the outbox,
// and for data-mode="popup" not before data-delay seconds or data-scroll %.
// data-mode="email" is the landing page of an email link: settings come from
// the page's URL (survey, locale, score, id, token).
(function (d) {
  var me = d.currentScript;
  if (!me) return;
  var base = new URL(".", me.src);
  var ready;
  function widget() {
    if (ready) return ready;
    // The wasm downloads while the glue module loads, not after it.
    var wasm = fetch(new URL("ambassador_widget_bg.wasm", base));
    return (ready = import(new URL("ambassador_widget.js", base).href).then(function (m) {
      return m.default({ module_or_path: wasm }).then(function () {
        return m;
      });
    }));
  }
  function quiet(survey) {
    try {
      return +localStorage.getItem("ambassador:quiet:" + survey) > Date.now();
    } catch (e) {
      return false;
    }
  }
  // Answers an earlier visit could not deliver (see widget/src/outbox.rs)
  // are sent even while the survey itself is quiet.
  function pending() {
    try {
      return localStorage.getItem("ambassador:outbox");
    } catch (e) {}
  }
  // The survey's texts download alongside the wasm, not after it. The edge
  // picks their language from the same list by the widget's own rule
  // (shared/src/text/locale.rs). The promise holds the edge's JSON, a survey or
  // an error (widget/src/survey.rs reads both), or nothing when the request
  // failed.
  function texts(s) {
    var url = s.endpoint.replace(/\/$/, "") + "/v1/surveys/" + encodeURIComponent(s.survey);
    return fetch(url + "?languages=" + encodeURIComponent(s.languages.join()))
      .then(function (r) {
        return r.json();
      })
      .catch(function () {});
  }
  // When the module or the wasm does not load, a page's Content-Security-
  // Policy is the usual reason: the console says so, not an empty box.
  function show(host, settings) {
    settings.texts = texts(settings);
    widget().then(
      function (m) {
        m.mount(host, settings);
      },
      function (e) {
        console.error("Ambassador widget: cannot load from " + base.origin + " (" + e + "). Does the page's CSP allow it in script-src and connect-src, and 'wasm-unsafe-eval'?");
      }
    );
  }
  function whenDue(get, go) {
    var delay = get("delay"), depth = get("scroll"), done;
    function once() {
      if (!done) (done = 1), removeEventListener("scroll", onScroll), go();
    }
    function onScroll() {
      var seen = (scrollY + innerHeight) / d.documentElement.scrollHeight;
      if (seen * 100 >= +depth) once();
    }
    if (delay == null && depth == null) return go();
    if (delay != null) setTimeout(once, 1000 * delay);
    if (depth != null) addEventListener("scroll", onScroll, { passive: true }), onScroll();
  }
  function start(host, get) {
    var mode = get("mode") || "inline", url = new URLSearchParams(location.search);
    var email = mode == "email";
    var s = {
      survey: (email ? url.get("survey") : get("survey")) || "",
      brand: get("brand") || "",
      endpoint: get("endpoint") || base.origin,
      mode: mode,
      languages: [].concat(navigator.languages || navigator.language),
      context: {
        touchpoint: get("touchpoint"),
        role: get("role"),
        customer_ref: get("customer-ref"),
        transaction_ref: get("transaction-ref"),
        page_url: location.href.split(/[?#]/)[0],
      },
    };
    var locale = email ? url.get("locale") : get("locale");
    if (locale) s.languages.unshift(locale);
    if (email) (s.score = url.get("score")), (s.id = url.get("id")), (s.token = url.get("token"));
    else if (quiet(s.survey)) return pending() && widget().then(function (m) {
      m.flush(s.endpoint);
    });
    whenDue(get, function () {
      show(host, s);
    });
  }
  if (me.hasAttribute("data-survey") || me.hasAttribute("data-mode")) {
    var host = d.createElement("div");
    host.className = "ambassador-survey";
    me.parentNode.insertBefore(host, me.nextSibling);
    start(host, function (n) {
      return me.getAttribute("data-" + n);
    });
  }
  if (!customElements.get("nps-survey"))
    customElements.define(
      "nps-survey",
      class extends HTMLElement {
        connectedCallback() {
          if (!this.shadowRoot && !this.started) (this.started = 1), start(this, this.getAttribute.bind(this));
        }
      }
    );
})(document);
