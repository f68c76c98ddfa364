export type { Association, Comparison, Population, Profile, ProfileManifest, ProfileRow, ProfileTable, RoundManifest, SampleManifest } from './types.ts';
export { computeProfile, PROFILE_METHOD, snapshotHash, storeManifest } from './compute.ts';
export { assembleProfile, type ProfileCubes } from './assemble.ts';
export { assembleDesignProfile, DESIGN_PROFILE_METHOD, designDims, designProfileTables, type DesignProfileOptions, type DesignSample, type DesignUnits } from './design.ts';
export { applyFinalValues, computeSampleProfile, lonelyPsuError, sampleDesignUnits, sampleManifest, type RoundValues, type SampleProfileOptions } from './sample-profile.ts';
export { cubesFromRows, type PlainRow } from './reference.ts';
export { TABLE_SPECS, ASSOCIATION_SPECS, COMPARISON_KEYS, POPULATIONS } from './spec.ts';

import { openStore, resolveDbPath } from '../store/index.ts';
import { computeProfile } from './compute.ts';
import type { Profile } from './types.ts';

/** Opens the store named by --db / VINDEX_DB and computes its profile (used by `vindex report`). */
export async function loadProfileForReport(opts: { db?: string }): Promise<Profile> {
  const store = await openStore(resolveDbPath(opts.db));
  try {
    return await computeProfile(store);
  } finally {
    await store.close();
  }
}
