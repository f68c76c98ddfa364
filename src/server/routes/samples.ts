/** Stored samples: list, show (with the check against the current store), draw (src/sampling/store.ts). */
import { z } from 'zod';
import { VindexError } from '../../errors.ts';
import {
  createStoredSample,
  DESIGN_NAMES,
  formatFrameFilter,
  listSamples,
  loadSample,
  MAX_SAMPLING_SEED,
  parseFrameFilter,
  parsePilotShare,
  parseStrataBy,
  STRATIFIABLE,
  verifySample,
  type StoredSample,
} from '../../sampling/index.ts';
import { route, type RouteSpec } from '../route.ts';

const frameFilter = z.object({
  source: z.array(z.string()).optional().describe('series.source codes (OR)'),
  country: z.array(z.string()).optional().describe('series.country, ISO alpha-2 or ZZ (OR)'),
  region: z.array(z.string()).optional().describe('Regions of series.country (OR)'),
  years: z.object({ from: z.number().int().describe('First year'), to: z.number().int().describe('Last year') }).optional().describe('Years of series.firstSeen, inclusive'),
  identified: z.array(z.string()).optional().describe('series.identified codes (OR)'),
});

const allocation = z.object({
  stratum: z.string().nullable().describe('Stratum label (codes joined by " / "); null under simple random sampling'),
  populationSize: z.number().int().describe('N_h: frame series in the stratum'),
  sampleSize: z.number().int().describe('n_h: sampled series in the stratum'),
});

const design = z
  .object({
    kind: z.enum(['srs', 'stratified']).describe('srs or stratified'),
    n: z.number().int().describe('Total sample size'),
    allocation: z.string().optional().describe('Stratified: proportional, equal or neyman'),
    minimumPerStratum: z.number().int().optional().describe('Stratified: at least this many per stratum'),
    standardDeviations: z.record(z.string(), z.number()).optional().describe('Neyman: S_h per stratum label'),
  })
  .describe('The sampling design as stored');

const sampleHeader = z.object({
  id: z.string().describe('Sample id, e.g. s1'),
  createdAt: z.string().describe('ISO 8601 UTC time it was drawn'),
  createdBy: z.string().describe('Who drew it'),
  unit: z.literal('series').describe('Sampled unit: always series'),
  frame: frameFilter.describe('The frame filter (canonical)'),
  frameText: z.string().describe('The frame filter in the --frame syntax, e.g. "identified=no;years=2015-2020", or "all series"'),
  frameHash: z.string().describe('Hash of the frame drawn from'),
  frameSize: z.number().int().describe('N: series in the frame'),
  sampleSize: z.number().int().describe('n: sampled series'),
  strataBy: z.array(z.string()).nullable().describe('Stratification variables, null under srs'),
  design,
  seed: z.number().int().describe('Seed of the selection'),
  prng: z.literal('mt19937').describe('Pseudo-random generator'),
  allocation: z.array(allocation).describe('Per stratum: N_h and n_h (weights are N_h / n_h)'),
  snapshotHash: z.string().describe('Snapshot hash of the store when it was drawn'),
  codebookVersion: z.string().describe('Codebook version'),
  softwareVersion: z.string().describe('Vindex version'),
});

const unit = z.object({
  seriesKey: z.string().describe('Keyed hash of the series'),
  stratum: z.string().nullable().describe('Stratum label'),
  inclusionProbability: z.number().describe('π = n_h / N_h'),
  weight: z.number().describe('N_h / n_h'),
  stratumSize: z.number().int().describe('N_h'),
});

const check = z.object({
  currentFrameHash: z.string().nullable().describe('Hash of the frame rebuilt from the current store (null when empty)'),
  currentFrameSize: z.number().int().describe('Series in the rebuilt frame'),
  frameMatches: z.boolean().describe('The rebuilt frame hashes to the recorded one'),
  unitsMatch: z.boolean().describe('Redrawing with the recorded design and seed gives the stored units'),
  snapshotMatches: z.boolean().describe('No import since the sample was drawn'),
}).describe('The sample checked against the current store');

const createBody = z.object({
  frame: z.string().max(2000).optional().describe('Which series to sample from, in the --frame syntax "key=value[,value];…" with keys source, country, region, years (YYYY or YYYY-YYYY), identified; default every series'),
  strataBy: z.array(z.string()).optional().describe(`Stratification variables for a stratified design (allowed: ${STRATIFIABLE.join(', ')})`),
  design: z.enum(DESIGN_NAMES).describe('srs | proportional | equal | neyman'),
  size: z.number().int().min(1).describe('Total sample size n'),
  seed: z.number().int().min(0).max(MAX_SAMPLING_SEED).describe('Seed of the selection (record it: the same store, frame, design and seed give the same sample)'),
  minimumPerStratum: z.number().int().min(0).optional().describe('Stratified: at least this many series per stratum'),
  neymanSd: z.record(z.string(), z.number().min(0)).optional().describe('Neyman: prior S_h for every stratum label of the frame'),
  pilot: z
    .object({ sampleId: z.string().describe('An earlier stored sample'), share: z.string().describe('VARIABLE=CODE, e.g. series.selfGenerated=yes') })
    .optional()
    .describe('Neyman: S_h = √(p_h(1 − p_h)) of a share estimated from an earlier sample'),
  id: z.string().optional().describe('The sample id (default the next free s1, s2, …)'),
});

const idParams = z.object({ id: z.string().describe('Sample id') });

function headerOf(s: Omit<StoredSample, 'units'>): z.infer<typeof sampleHeader> {
  return {
    id: s.id,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    unit: s.unit,
    frame: { ...s.frame, ...(s.frame.years ? { years: { ...s.frame.years } } : {}) } as z.infer<typeof frameFilter>,
    frameText: formatFrameFilter(s.frame),
    frameHash: s.frameHash,
    frameSize: s.frameSize,
    sampleSize: s.allocation.reduce((t, a) => t + a.sampleSize, 0),
    strataBy: s.strataBy === null ? null : [...s.strataBy],
    design: { ...s.design },
    seed: s.seed,
    prng: s.prng,
    allocation: s.allocation.map((a) => ({ ...a })),
    snapshotHash: s.snapshotHash,
    codebookVersion: s.codebookVersion,
    softwareVersion: s.softwareVersion,
  };
}

export const sampleRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/samples',
    roles: ['coordinator', 'analyst'],
    summary: 'The stored samples, oldest first (without their units)',
    tags: ['samples'],
    response: z.object({ samples: z.array(sampleHeader).describe('Stored samples, oldest first') }),
    async handler(req) {
      return { samples: (await listSamples(req.ctx.store)).map(headerOf) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/samples/:id',
    roles: ['coordinator', 'analyst'],
    summary: 'One stored sample with its units, checked against the current store',
    tags: ['samples'],
    params: idParams,
    response: sampleHeader.extend({ units: z.array(unit).describe('Sampled series by stratum, then key'), check: check }),
    async handler(req) {
      const s = await loadSample(req.ctx.store, req.params.id);
      const { id: _id, ...v } = await verifySample(req.ctx.store, s);
      return { ...headerOf(s), units: s.units.map((u) => ({ ...u })), check: v };
    },
  }),
  route({
    method: 'POST',
    url: '/api/samples',
    roles: ['coordinator'],
    summary: 'Draw a reproducible sample of series and store it (audited)',
    tags: ['samples'],
    body: createBody,
    status: 201,
    response: sampleHeader,
    async handler(req) {
      const b = req.body;
      // Worded for the API; createStoredSample's own messages name the CLI options.
      const stratified = b.design !== 'srs';
      if (stratified && (b.strataBy === undefined || b.strataBy.length === 0)) throw new VindexError('VDX_SAMPLE_INVALID', `design ${b.design} needs strataBy, e.g. ["series.selfGenerated"] (allowed: ${STRATIFIABLE.join(', ')})`);
      if (!stratified && b.strataBy !== undefined && b.strataBy.length > 0) throw new VindexError('VDX_SAMPLE_INVALID', 'strataBy needs a stratified design: proportional, equal or neyman');
      const created = await createStoredSample(req.ctx.store, {
        frame: parseFrameFilter(b.frame),
        strataBy: stratified ? parseStrataBy(b.strataBy!.join(',')) : null,
        design: b.design,
        size: b.size,
        seed: b.seed,
        actor: req.user.name,
        ...(b.minimumPerStratum !== undefined ? { minimumPerStratum: b.minimumPerStratum } : {}),
        ...(b.neymanSd !== undefined ? { neymanSd: b.neymanSd } : {}),
        ...(b.pilot !== undefined ? { pilot: { sampleId: b.pilot.sampleId, share: parsePilotShare(b.pilot.share) } } : {}),
        ...(b.id !== undefined ? { id: b.id } : {}),
      });
      return headerOf(created);
    },
  }),
];
