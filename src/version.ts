import { existsSync, readFileSync } from 'node:fs';

/** The software version, from package.json (recorded in every manifest); found from src/ or from the bundle in out/. */
function readVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    const url = new URL(rel, import.meta.url);
    if (!existsSync(url)) continue;
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version: string };
    if (pkg.name === 'vindex') return pkg.version;
  }
  return '0.0.0-unknown';
}

export const VERSION: string = readVersion();
