// Runs one Worker in local workerd for the benchmarks (`cargo xtask
// bench-edge`, `cargo xtask burst`) the way `wrangler dev` does (same bundle,
// bindings, local D1 and Queues), but as no deployed Worker runs: without a
// DevTools inspector attached (with one listening, the runtime serializes
// every console.log for it) and without wrangler's log line per request
// (workerd hands each to wrangler's Node over a loopback connection; under a
// burst Node falls behind and workerd runs out of file descriptors).
// Usage: node serve.mjs CONFIG PORT PERSIST_DIR [NAME:VALUE ...]
// (each NAME:VALUE a plain-text variable, like `wrangler dev --var`).
import { unstable_startWorker } from "wrangler";

const [config, port, persist, ...vars] = process.argv.slice(2);
const bindings = {};
for (const v of vars) {
  const at = v.indexOf(":");
  if (at < 1) {
    console.error(`serve.mjs: ${v} is not NAME:VALUE`);
    process.exit(2);
  }
  bindings[v.slice(0, at)] = { type: "plain_text", value: v.slice(at + 1) };
}
if (!config || !Number(port) || !persist) {
  console.error("usage: node benches/serve.mjs CONFIG PORT PERSIST_DIR [NAME:VALUE ...]");
  process.exit(2);
}
const worker = await unstable_startWorker({
  config,
  bindings,
  dev: {
    server: { hostname: "127.0.0.1", port: Number(port) },
    inspector: false,
    persist,
    // `/__scheduled` runs the Cron Trigger on demand, on loopback only
    // (`cargo xtask bench-reports` times the rebuild of stored days).
    testScheduled: true,
    logLevel: process.env.AMBASSADOR_WORKER_LOG ? "log" : "warn",
  },
});
await worker.ready;
const stop = async () => {
  await worker.dispose();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
