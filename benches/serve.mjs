// Runs one Worker in local workerd for `cargo xtask bench-edge` the way
// `wrangler dev` does (same bundle, bindings, local D1 and Queues), but with
// no DevTools inspector attached. `wrangler dev` always attaches one, and
// with a debugger listening the runtime serializes every console.log for it:
// a cost no deployed Worker pays. Usage: node serve.mjs CONFIG PORT PERSIST_DIR
import { unstable_startWorker } from "wrangler";

const [config, port, persist] = process.argv.slice(2);
if (!config || !Number(port) || !persist) {
  console.error("usage: node benches/serve.mjs CONFIG PORT PERSIST_DIR");
  process.exit(2);
}
const worker = await unstable_startWorker({
  config,
  dev: {
    server: { hostname: "127.0.0.1", port: Number(port) },
    inspector: false,
    persist,
    logLevel: "warn",
  },
});
await worker.ready;
const stop = async () => {
  await worker.dispose();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
