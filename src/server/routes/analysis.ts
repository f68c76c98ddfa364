/**
 * The analyst's figures: the study profile, the indicators and an indicator's world map. These are
 * NOT disclosure-protected (as `vindex profile` and `vindex indicators compute`): analysts only;
 * publishing goes through releases. Reads are memoised by ctx.cache until the next audited write.
 */
import { z } from 'zod';
import { allDefinitions, computeIndicators, DIMENSIONS, type Dimension } from '../../indicators/index.ts';
import { VindexError } from '../../errors.ts';
import { route, type RouteSpec } from '../route.ts';
import { indicatorByCountry, indicatorMapSvg } from '../services/indicator-map.ts';
import { finiteOrNull } from '../services/json.ts';
import { profileOf, type ProfileOptions } from '../services/profile.ts';
import { LONELY_PSU_OPTIONS } from '../../stats/survey/design.ts';

const stat = z.number().nullable();

/** ?sample=&round=&allowIncomplete=: census, or design-based from a stored sample (and a round's final values). */
export const profileQuery = z.object({
  sample: z.string().optional().describe('Design-based estimates from this stored sample'),
  round: z.string().optional().describe('With sample: use the final values of this coding round of the sample'),
  allowIncomplete: z.enum(['true', 'false']).optional().describe("With round: true uses the store's value where the round has no final value yet"),
  lonelyPsu: z.enum(LONELY_PSU_OPTIONS).optional().describe('With sample: strata with a single sampled series, as R options(survey.lonely.psu) (default fail: refused, naming the stratum)'),
});

export function profileOptions(q: z.infer<typeof profileQuery>): ProfileOptions {
  return { ...(q.lonelyPsu !== undefined ? { lonelyPsu: q.lonelyPsu } : {}), ...(q.sample !== undefined ? { sample: q.sample } : {}), ...(q.round !== undefined ? { round: q.round } : {}), ...(q.allowIncomplete === 'true' ? { allowIncomplete: true } : {}) };
}

const population = z.enum(['unidentified', 'identified', 'all']);

const profile = z.object({
  manifest: z
    .looseObject({
      snapshotHash: z.string(),
      codebookVersion: z.string(),
      softwareVersion: z.string(),
      generatedAt: z.string(),
      counts: z.object({ sources: z.number().int(), series: z.number().int(), victims: z.number().int(), offenders: z.number().int() }),
      method: z.string(),
      level: z.number(),
      synthetic: z.boolean().optional().describe('True for synthetic data'),
      sample: z.looseObject({ id: z.string(), frameSize: z.number().int(), sampleSize: z.number().int() }).optional().describe('Design-based profiles: the sample behind the estimates'),
      round: z.looseObject({ id: z.string(), adjudicated: z.number().int() }).optional().describe('The coding round whose final values were used'),
    })
    .describe('What the profile was computed from'),
  tables: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      variable: z.string().describe('Codebook variable'),
      population,
      unit: z.enum(['victims', 'series', 'offenders']),
      total: z.number().int(),
      rows: z.array(
        z.object({
          category: z.string().describe('Code'),
          label: z.string().describe('Label from the codebook'),
          count: z.number().int(),
          share: stat,
          lower: stat.describe('95% interval: Wilson, or design-based'),
          upper: stat,
          standardError: stat.optional(),
          designEffect: stat.optional(),
        }),
      ),
      estimator: z.enum(['wilson', 'design']).optional(),
      weightedTotal: stat.optional(),
      degreesOfFreedom: stat.optional(),
    }),
  ),
  associations: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      rowVariable: z.string(),
      columnVariable: z.string(),
      population,
      rowCategories: z.array(z.string()),
      columnCategories: z.array(z.string()),
      table: z.array(z.array(z.number().int())).describe('Counts, rows × columns'),
      chiSquare: stat,
      df: z.number().int(),
      pValue: stat,
      cramersV: stat,
    }),
  ),
  comparisons: z.array(
    z.object({
      id: z.string(),
      variable: z.string(),
      categories: z.array(z.string()),
      identified: z.array(z.number().int()),
      unidentified: z.array(z.number().int()),
      chiSquare: stat,
      df: z.number().int(),
      pValue: stat,
      cramersV: stat,
    }),
  ),
});

const observation = z.object({
  indicator: z.string(),
  dims: z.record(z.string(), z.string()).describe('Breakdown codes (country alpha-2, region, year, ageBand, gender, source); an absent dimension is the total over it'),
  value: stat.describe('share 0–1, count, median years or rate'),
  lower: stat,
  upper: stat,
  numerator: stat,
  denominator: stat,
  status: z.enum(['estimated', 'no-data', 'not-reached']),
  standardError: stat.optional(),
  designEffect: stat.optional(),
});

const indicatorSet = z.object({
  manifest: z.looseObject({
    snapshotHash: z.string(),
    codebookVersion: z.string(),
    softwareVersion: z.string(),
    generatedAt: z.string(),
    dataDate: z.string().describe('Censoring date of time indicators'),
    synthetic: z.boolean().optional(),
    basis: z.string().describe('census, or sample:ID'),
    omitted: z.array(z.object({ indicator: z.string(), reason: z.string() })).optional(),
    level: z.number(),
  }),
  results: z.array(
    z.object({
      definition: z
        .looseObject({ id: z.string(), title: z.string(), definition: z.string().describe('Plain-language definition'), unit: z.enum(['share', 'count', 'median-time', 'rate']), entity: z.enum(['victim', 'series']), disaggregations: z.array(z.string()) })
        .describe('The indicator definition (docs/indicators.md)'),
      by: z.array(z.string()).describe('The breakdown used'),
      observations: z.array(observation).describe('Every cell and margin: country, region and total, crossed with every subset of the other dimensions'),
      trend: z.object({ test: z.string(), statistic: stat, pValue: stat, slope: stat.optional() }).optional().describe('Test for trend over first-sighting years'),
      aggregation: z.enum(['pooled', 'equal-country']),
      estimator: z.literal('design').optional(),
      aggregationNote: z.string(),
    }),
  ),
});

const list = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

const indicatorsQuery = z.object({
  by: z.string().optional().describe(`Comma-separated breakdown: ${DIMENSIONS.join(', ')}`),
  indicator: z.string().optional().describe('Comma-separated indicator ids (default all)'),
  level: z.coerce.number().gt(0).lt(1).optional().describe('Confidence level (default 0.95)'),
  aggregation: z.enum(['pooled', 'equal-country']).optional().describe('How regional and global shares weight countries (default pooled)'),
  dataDate: z.string().optional().describe('Censoring date YYYY-MM-DD of time indicators (default the latest date in the data)'),
  sample: z.string().optional().describe('Design-based shares for the frame of this stored sample; other indicators are omitted'),
});

function parseBy(text: string | undefined): Dimension[] {
  const dims = list(text);
  const bad = dims.filter((d) => !DIMENSIONS.includes(d as Dimension));
  if (bad.length > 0) throw new VindexError('VDX_USAGE', `by: unknown dimension ${bad.map((b) => `"${b}"`).join(', ')} (allowed: ${DIMENSIONS.join(', ')})`);
  return dims as Dimension[];
}

export const analysisRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/profile',
    roles: ['analyst'],
    summary: 'The study profile (census, or design-based from a stored sample); not disclosure-protected',
    tags: ['analysis'],
    query: profileQuery,
    response: profile,
    async handler(req) {
      const options = profileOptions(req.query);
      const p = await req.ctx.cache.get(`profile:${JSON.stringify(options)}`, () => profileOf(req.ctx.store, options));
      return finiteOrNull(p) as z.infer<typeof profile>;
    },
  }),
  route({
    method: 'GET',
    url: '/api/indicators',
    roles: ['analyst'],
    summary: 'The indicators with intervals, margins and trends; not disclosure-protected',
    tags: ['analysis'],
    query: indicatorsQuery,
    response: indicatorSet,
    async handler(req) {
      const q = req.query;
      const by = parseBy(q.by);
      if (q.sample !== undefined && q.aggregation === 'equal-country') throw new VindexError('VDX_USAGE', 'aggregation equal-country is for the census; with sample regional and global shares are domains of the design');
      const options = {
        by,
        indicators: list(q.indicator),
        definitions: allDefinitions(),
        ...(q.level !== undefined ? { level: q.level } : {}),
        ...(q.aggregation !== undefined ? { aggregation: q.aggregation } : {}),
        ...(q.dataDate !== undefined ? { dataDate: q.dataDate } : {}),
        ...(q.sample !== undefined ? { sample: q.sample } : {}),
      };
      const { definitions: _d, ...keyed } = options;
      const set = await req.ctx.cache.get(`indicators:${JSON.stringify(keyed)}`, () => computeIndicators(req.ctx.store, options));
      return finiteOrNull(set) as z.infer<typeof indicatorSet>;
    },
  }),
  route({
    method: 'GET',
    url: '/api/indicators/:id/map.svg',
    roles: ['analyst'],
    summary: 'World map (SVG) of one indicator by country; not disclosure-protected',
    tags: ['analysis'],
    params: z.object({ id: z.string().describe('Indicator id, e.g. victims-unidentified') }),
    query: z.object({
      year: z.string().regex(/^\d{4}$/).optional().describe('Map this first-sighting year instead of all years'),
      aggregation: z.enum(['pooled', 'equal-country']).optional(),
      dataDate: z.string().optional().describe('Censoring date of time indicators'),
    }),
    raw: true,
    response: z.string().describe('image/svg+xml'),
    async handler(req, reply) {
      const q = req.query;
      const options = { ...(q.year !== undefined ? { year: q.year } : {}), ...(q.aggregation !== undefined ? { aggregation: q.aggregation } : {}), ...(q.dataDate !== undefined ? { dataDate: q.dataDate } : {}) };
      const svg = await req.ctx.cache.get(`map:${req.params.id}:${JSON.stringify(options)}`, async () => indicatorMapSvg(await indicatorByCountry(req.ctx.store, req.params.id, options), options));
      await reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, no-store').send(svg);
      return svg;
    },
  }),
];
