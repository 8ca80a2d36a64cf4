// Adds the loader tag as a webmaster would write it, taking each data-*
// attribute from this page's query string (?survey=demo&locale=sv ...).
(function () {
  var tag = document.createElement("script");
  tag.src = "{{WORKER}}/widget/ambassador.js";
  tag.async = true;
  new URLSearchParams(location.search).forEach(function (value, name) {
    tag.setAttribute("data-" + name, value);
  });
  var me = document.currentScript;
  me.parentNode.insertBefore(tag, me.nextSibling);
})();
