// Measures "script load to interactive" for `cargo xtask bench-widget`.
// Start: when the browser starts fetching the loader (its Resource Timing
// startTime). Interactive: the first moment the widget's shadow root holds
// all eleven score radios and the centre of radio 0 hit-tests to radio 0
// (it is laid out, visible and would receive a click). A MutationObserver on
// each new shadow root checks after every change, so the clock stops in the
// same task that rendered the scale, not at the next animation frame.
(function () {
  var attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    var root = attach.call(this, init);
    var observer = new MutationObserver(function () {
      var radios = root.querySelectorAll("[role=radio]");
      if (radios.length !== 11) return;
      var box = radios[0].getBoundingClientRect();
      if (root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) !== radios[0]) return;
      observer.disconnect();
      var now = performance.now();
      var loader = performance.getEntriesByType("resource").filter(function (e) {
        return /\/widget\/ambassador\.js$/.test(e.name);
      })[0];
      window.benchResult = { start: loader ? loader.startTime : 0, interactive: now };
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    return root;
  };
})();
