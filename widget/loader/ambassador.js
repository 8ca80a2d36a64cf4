// Ambassador loader: the one script a webmaster embeds.
//   <script src="https://nps.example.com/widget/ambassador.js" data-survey="demo"
//           data-brand="Acme" async></script>
// It finds its own URL so the widget's wasm loads from beside it, whatever
// the host page's path, collects the data-* settings, and mounts the widget
// in a new element right after the script tag.
(function () {
  var script = document.currentScript;
  if (!script) return;
  var base = new URL(".", script.src);
  var d = script.dataset;
  var languages = (navigator.languages || [navigator.language]).slice();
  if (d.locale) languages.unshift(d.locale);
  var context = {
    touchpoint: d.touchpoint,
    role: d.role,
    customer_ref: d.customerRef,
    transaction_ref: d.transactionRef,
    page_url: location.href.split("#")[0],
  };
  var settings = {
    survey: d.survey || "",
    brand: d.brand || "",
    endpoint: d.endpoint || base.origin,
    languages: languages,
    context: context,
  };
  var host = document.createElement("div");
  host.className = "ambassador-survey";
  script.parentNode.insertBefore(host, script.nextSibling);
  import(new URL("ambassador_widget.js", base).href)
    .then(function (widget) {
      var wasm = new URL("ambassador_widget_bg.wasm", base);
      return widget.default({ module_or_path: wasm }).then(function () {
        widget.mount(host, JSON.stringify(settings));
      });
    })
    .catch(function (error) {
      console.error("Ambassador widget:", error);
    });
})();
