// Every property test runs with the same fast-check seed, so a run is reproducible; a test may still
// pass its own { seed } to fc.assert. Change FAST_CHECK_SEED to explore other draws locally.
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20181129) });
