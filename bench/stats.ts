// The statistical engine's benchmarks in one run (issue 3 targets: each under 2 s on 1,000,000 rows;
// Krippendorff's alpha with 1,000 bootstrap samples on 2,000 units × 3 coders under 2 s).
// Prints, never asserts.   node --import tsx bench/stats.ts
console.log('# Kaplan–Meier with log-rank');
await import('./kaplan-meier.ts');
console.log('\n# Logistic, Cox and ordinal logistic regression');
await import('./regression.ts');
console.log("\n# Krippendorff's alpha with bootstrap");
await import('./krippendorff-alpha.ts');
