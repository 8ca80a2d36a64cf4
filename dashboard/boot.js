// Starts the dashboard's wasm; a module file, since the page's policy
// allows no inline script.
import init from "./ambassador_dashboard.js";
init();
