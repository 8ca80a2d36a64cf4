// The benchmark's baseline: the least a plain-JavaScript Worker can do for
// POST /v1/responses (parse JSON, check the id and a 0-10 score, classify,
// insert into the same D1 table), to compare the Rust Worker against in the
// same workerd. Configured with an INTAKE queue (queue.toml) it queues the
// answer and answers 202 instead: the ceiling of queue-first intake. With
// ANSWER_ONLY (answer.toml) it stores nothing and answers 202 at once: the
// floor, what the local runtime costs a Worker that does no work. With
// LOG_REQUESTS (logged.toml) it also writes the Rust Worker's JSON line per
// request (edge/src/log.rs), so the price of that line is measured apart.
// Not part of the product.
const INSERT =
  "INSERT INTO responses (id, survey_id, score, category, comment, locale, touchpoint, " +
  "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) ON CONFLICT (id) DO NOTHING";

export default {
  async fetch(request, env) {
    if (!env.LOG_REQUESTS) return answer(request, env);
    const started = Date.now();
    const response = await answer(request, env);
    console.log(JSON.stringify({
      kind: "request", method: request.method, route: "/v1/responses", survey: null,
      status: response.status, error: null, detail: null, duration_ms: Date.now() - started,
    }));
    return response;
  },
};

async function answer(request, env) {
  const path = new URL(request.url).pathname;
  if (path === "/health") return Response.json({ status: "ok" });
  if (path !== "/v1/responses" || request.method !== "POST") {
    return Response.json({ error: "not_found" }, { status: 404 });
  }
  let body;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "invalid_json" }, { status: 400 });
  }
  const { id, survey_id, score, comment = null, locale = "en" } = body ?? {};
  const valid = typeof id === "string" && id.length === 36 && typeof survey_id === "string" &&
    Number.isInteger(score) && score >= 0 && score <= 10;
  if (!valid) return Response.json({ error: "invalid_fields" }, { status: 422 });
  const category = score <= 6 ? "detractor" : score <= 8 ? "passive" : "promoter";
  const touchpoint = body.context?.touchpoint ?? null;
  if (env.ANSWER_ONLY) return Response.json({ id, status: "accepted" }, { status: 202 });
  if (env.INTAKE) {
    await env.INTAKE.send(JSON.stringify({ id, survey_id, score, category, comment, locale, touchpoint }));
    return Response.json({ id, status: "accepted" }, { status: 202 });
  }
  const result = await env.DB.prepare(INSERT)
    .bind(id, survey_id, score, category, comment, locale, touchpoint, Date.now())
    .run();
  return Response.json({ id, category }, { status: result.meta.changes ? 201 : 200 });
}
