// Usage: node scripts/bench/ab-dashboard.mjs A_URL B_URL [rounds] [seconds]
// Interleaved A/B of the comune dashboard (GET /comuni/015192 as San Donato's officer) on two running
// production servers, e.g. two checkouts of the portal (this host's speed drifts by up to 2× within
// minutes, so the two are measured in alternating rounds, never one after the other). Also measures the
// static page /accessibilita on each, as the reference. Prints JSON lines.
import autocannon from "autocannon";
import { login } from "./server.mjs";

const [a, b, rounds = "3", seconds = "15"] = process.argv.slice(2);
const OFFICER = { email: "referente.sandonato@smartland.example", password: "SanDonato-Demo-2026!" };

function run(url, cookie) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon(
      { url, connections: 10, duration: Number(seconds), headers: cookie ? { cookie } : {}, timeout: 10 },
      (err, r) => {
        if (err) return reject(err);
        latencies.sort((x, y) => x - y);
        resolve({
          rps: Math.round((r.requests.total / r.duration) * 10) / 10,
          p95: latencies[Math.floor(latencies.length * 0.95)],
          non2xx: r.non2xx,
          errors: r.errors,
        });
      },
    );
    instance.on("response", (_c, _s, _b, t) => latencies.push(t));
  });
}

const cookies = {
  [a]: await login(a, OFFICER.email, OFFICER.password),
  [b]: await login(b, OFFICER.email, OFFICER.password),
};
for (const base of [a, b]) await run(`${base}/comuni/015192`, cookies[base]); // warm-up
for (let i = 0; i < Number(rounds); i++) {
  for (const base of i % 2 ? [b, a] : [a, b]) {
    const dashboard = await run(`${base}/comuni/015192`, cookies[base]);
    const staticPage = await run(`${base}/accessibilita`);
    console.log(JSON.stringify({ round: i + 1, server: base, dashboard, staticPage }));
  }
}
