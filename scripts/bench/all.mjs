// `npm run bench [-- options]`: the roll-up and dashboard benchmark (scripts/bench/run.mjs, which takes the
// options) and then, at Lombardy scale, the import benchmark (scripts/bench/import.mjs) and the documents
// benchmark (scripts/bench/documents.mjs, its own small database) and the programme plan's plan-vs-actual
// benchmark (scripts/bench/programme.mjs, on the Lombardy bench database) and the monitoring rounds' benchmark
// (scripts/bench/rounds.mjs, same database). Exits non-zero when one fails to run;
// targets missed are reported, not turned into failures.
import { runCommand } from "./lib.mjs";

const args = process.argv.slice(2);
const scale = args.includes("--scale") ? args[args.indexOf("--scale") + 1] : "lombardy";
const code = await runCommand(["node", "scripts/bench/run.mjs", ...args]);
if (code !== 0) process.exit(code);
if (scale === "lombardy") {
  const imported = await runCommand(["node", "scripts/bench/import.mjs"]);
  if (imported !== 0) process.exit(imported);
  const documents = await runCommand(["node", "scripts/bench/documents.mjs"]);
  if (documents !== 0) process.exit(documents);
  // The programme plan's plan-vs-actual views, on the Lombardy bench database (issue #18).
  const programme = await runCommand(["node", "scripts/bench/programme.mjs"]);
  if (programme !== 0) process.exit(programme);
  // Monitoring rounds: open on 1,503 comuni, submit 100 projects, the board (issue #18).
  process.exit(await runCommand(["node", "scripts/bench/rounds.mjs"]));
}
