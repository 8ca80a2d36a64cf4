// Records Content-Security-Policy violations and console errors, so a test
// can assert that none happened, or read what the loader told the webmaster.
window.cspViolations = [];
window.consoleErrors = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
(function (error) {
  console.error = function () {
    window.consoleErrors.push([].join.call(arguments, " "));
    return error.apply(console, arguments);
  };
})(console.error);
