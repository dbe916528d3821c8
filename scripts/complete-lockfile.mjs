// Adds lock entries for platform-specific optional packages that `npm install` could not
// record. The npm registry reachable here does not serve every platform build (e.g.
// @deno/darwin-arm64), so npm 11 leaves them out of package-lock.json, and `npm ci` then refuses
// the lock as out of sync. The entries carry os/cpu from the package name, so `npm ci` skips them
// on other platforms without fetching anything. Run after `npm install` when `npm ci --dry-run`
// reports "Missing: … from lock file".
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 'riscv64', 's390x', 'loong64', 'mips64el'];
const aliases = { windows: 'win32', macos: 'darwin', gnueabihf: null };

function platformOf(name) {
  const parts = name.split('/').pop().split('-').map((p) => (p in aliases ? aliases[p] : p));
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('ppc64') ? 'ppc64' : undefined);
  const libc = parts.includes('musl') || parts.includes('musleabihf') ? 'musl' : parts.includes('gnu') || parts.includes('glibc') ? 'glibc' : undefined;
  return { os, cpu, libc };
}

const lockFile = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const candidates = [`${path ? `${path}/` : ''}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((c) => c in lock.packages)) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os || !cpu) continue; // not a platform build: leave it for npm to resolve
    lock.packages[`node_modules/${name}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(libc ? { libc: [libc] } : {}),
    };
    added += 1;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform-specific optional entries`);
