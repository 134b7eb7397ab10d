// The first stage of `npm test`: the linters beside the production build, then the type check.
//
//   node scripts/checks.mjs
//
// eslint and prettier use one core each while Next.js's build uses both: run side by side they take 56 s
// where one after the other took 83 s on the 2-core CI machine. The type check runs after the build,
// because tsconfig.json includes the route types the build writes to .next/types (read half-written,
// they would fail it at random). The build's output is streamed; the linters' is printed when they end.
// Exit code: the first non-zero of the three.
import { spawn } from "node:child_process";

function run(script, { stream = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn("npm", ["run", "--silent", script], {
      env: { ...process.env, ...env },
      stdio: ["ignore", stream ? "inherit" : "pipe", stream ? "inherit" : "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("close", (code) => {
      if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
      console.log(`[checks] ${script}: exit ${code} in ${Math.round((Date.now() - started) / 1000)} s`);
      resolve(code ?? 1);
    });
  });
}

const [lint, buildThenTypes] = await Promise.all([
  run("lint"),
  // The build skips its own type check: the type check below covers the same files and the tests.
  run("build", { stream: true, env: { SMARTLAND_BUILD_SKIP_TYPECHECK: "1" } }).then((code) =>
    code === 0 ? run("typecheck") : code,
  ),
]);
process.exit(lint || buildThenTypes);
