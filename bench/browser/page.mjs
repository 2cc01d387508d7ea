// What the benchmark pages (bench.mjs, compare.mjs, html.mjs) share: the log, shown on the
// page and in the console; gc() when the browser exposes it (a no-op otherwise); the
// median; and the timing: batches of runs into hosts on the page's #stage, interleaved
// round robin.
export const stage = document.getElementById('stage');
export const log = (s) => {
  document.getElementById('log').textContent += `${s}\n`;
  console.log(s);
};
export const gc = globalThis.gc ?? (() => {});
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// One batch: k runs of c.fn, each into a host of its own on the stage. Returns the time
// per run and the time per run it takes to empty the stage again. A case with prepare(inp)
// gets a fresh one for each run, made before the clock starts: what a run must not share
// with the run before it (floor b's strings, bench.mjs).
export function batch(c, inp, k) {
  const hosts = [];
  for (let i = 0; i < k; i++) {
    const h = document.createElement('div');
    stage.append(h);
    hosts.push(h);
  }
  const fresh = c.prepare ? Array.from({ length: k }, () => c.prepare(inp)) : [];
  const t0 = performance.now();
  for (let i = 0; i < k; i++) c.fn(inp, hosts[i], fresh[i]);
  const t1 = performance.now();
  stage.replaceChildren();
  const t2 = performance.now();
  return { per: (t1 - t0) / k, removal: (t2 - t1) / k };
}

// Every case on one input: each warmed up (JIT, wasm tier-up) and its batch sized to about
// `target` ms (sized(c, k) is told), then `batches` rounds of one batch a case. Returns
// [{ c, k, per: [ms a run, a batch], removal: [...] }] in the order of `cases`.
export async function timeCases(cases, inp, { target, batches, sized = () => {} }) {
  const plan = [];
  for (const c of cases) {
    let k = 1;
    for (;;) {
      const { per } = batch(c, inp, k);
      if (per * k >= 5) { k = Math.max(1, Math.ceil(target / Math.max(per, 0.001))); break; }
      k *= 4;
    }
    for (let w = 0; w < 3; w++) batch(c, inp, k);
    plan.push({ c, k, per: [], removal: [] });
    sized(c, k);
  }
  for (let b = 0; b < batches; b++) {
    // One full GC per round (not per batch: a full GC of a page full of detached DOM is
    // slow), then a yield to the event loop so the page is not one long task.
    gc();
    await new Promise((r) => setTimeout(r, 0));
    // Each round starts with the next case: the first batch after gc() is slower (on the
    // seed by about a fifth), and a fixed order put that on the same row every time.
    for (let q = 0; q < plan.length; q++) {
      const p = plan[(q + b) % plan.length];
      const r = batch(p.c, inp, p.k);
      p.per.push(r.per);
      p.removal.push(r.removal);
    }
  }
  return plan;
}

// timeCases over every input in turn, each input's rows logged: { input: { case id:
// { median, min, k } } } (ms a run; min is the fastest batch).
export async function timeInputs(inputs, cases, options) {
  const results = {};
  for (const [name, inp] of Object.entries(inputs)) {
    const plan = await timeCases(cases, inp, options);
    results[name] = Object.fromEntries(plan.map((p) => [p.c.id, { median: median(p.per), min: Math.min(...p.per), k: p.k }]));
    log(name);
    for (const p of plan) log(`  ${p.c.id.padEnd(28)} ${median(p.per).toFixed(3).padStart(8)} ms`);
  }
  return results;
}
