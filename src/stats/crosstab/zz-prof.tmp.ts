import { fisherExact } from './fisher-exact.ts';
import f from './fixtures/fisher-exact.json' with { type: 'json' };
const c = f.cases.find((x) => x.name === process.argv[2])!;
const t0 = performance.now();
console.log(fisherExact(c.table as number[][], { budget: 3e7 }), c.pValue, performance.now() - t0);
