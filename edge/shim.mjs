// Entry module of the Worker: hands each event to the Rust code that
// wasm-bindgen generated next to this file. If a Rust panic ever aborts the
// wasm instance, the next event resets it instead of failing forever.
import { WorkerEntrypoint } from "cloudflare:workers";
import * as edge from "./edge.js";

const state = edge.__worker_init_state();

function recoverFromAbort() {
  if (state.criticalError) {
    edge.__wbg_reset_state();
    state.criticalError = false;
  }
}

export default class Ambassador extends WorkerEntrypoint {
  fetch(request) {
    recoverFromAbort();
    return edge.fetch(request, this.env, this.ctx);
  }

  queue(batch) {
    recoverFromAbort();
    return edge.queue(batch, this.env);
  }

  scheduled(controller) {
    recoverFromAbort();
    return edge.scheduled(controller.cron, controller.scheduledTime, this.env);
  }
}
