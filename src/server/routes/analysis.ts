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

const stat = z.number().nullable().describe('A statistic; null where it is undefined (JSON has no NaN)');

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

const population = z.enum(['unidentified', 'identified', 'all']).describe('Victims (or their series/offenders) by identification status');

const profile = z.object({
  manifest: z
    .looseObject({
      snapshotHash: z.string().describe('SHA-256 over the analysed rows'),
      codebookVersion: z.string().describe('Codebook version'),
      softwareVersion: z.string().describe('Vindex version'),
      generatedAt: z.string().describe('ISO 8601 UTC'),
      counts: z.object({ sources: z.number().int().describe('Sources'), series: z.number().int().describe('Series'), victims: z.number().int().describe('Victims'), offenders: z.number().int().describe('Offenders') }).describe('Units analysed'),
      method: z.string().describe('How shares and intervals were estimated'),
      level: z.number().describe('Confidence level'),
      synthetic: z.boolean().optional().describe('True for synthetic data'),
      sample: z.looseObject({ id: z.string().describe('Sample id'), frameSize: z.number().int().describe('N'), sampleSize: z.number().int().describe('n') }).optional().describe('Design-based profiles: the sample behind the estimates'),
      round: z.looseObject({ id: z.string().describe('Round id'), adjudicated: z.number().int().describe('Final values decided by adjudication') }).optional().describe('The coding round whose final values were used'),
    })
    .describe('What the profile was computed from'),
  tables: z.array(
    z.object({
      id: z.string().describe('Table id'),
      title: z.string().describe('Title'),
      variable: z.string().describe('Codebook variable'),
      population,
      unit: z.enum(['victims', 'series', 'offenders']).describe('What is counted'),
      total: z.number().int().describe('Units in the table'),
      rows: z.array(
        z.object({
          category: z.string().describe('Code'),
          label: z.string().describe('Label from the codebook'),
          count: z.number().int().describe('Units in the category (sampled units for design-based tables)'),
          share: stat.describe('Share 0–1 (weighted for design-based tables)'),
          lower: stat.describe('95% interval: Wilson, or design-based'),
          upper: stat.describe('Upper bound'),
          standardError: stat.optional().describe('Design-based: standard error'),
          designEffect: stat.optional().describe('Design-based: design effect'),
        }),
      ).describe('One row per category'),
      estimator: z.enum(['wilson', 'design']).optional().describe('Absent: wilson'),
      weightedTotal: stat.optional().describe('Design-based: estimated units in the population'),
      degreesOfFreedom: stat.optional().describe('Design-based: degrees of freedom of the t intervals'),
    }),
  ).describe('Distributions per variable and population'),
  associations: z.array(
    z.object({
      id: z.string().describe('Association id'),
      title: z.string().describe('Title'),
      rowVariable: z.string().describe('Row variable'),
      columnVariable: z.string().describe('Column variable'),
      population,
      rowCategories: z.array(z.string()).describe('Row codes'),
      columnCategories: z.array(z.string()).describe('Column codes'),
      table: z.array(z.array(z.number().int())).describe('Counts, rows × columns'),
      chiSquare: stat.describe('Pearson χ²'),
      df: z.number().int().describe('Degrees of freedom'),
      pValue: stat.describe('p-value'),
      cramersV: stat.describe("Cramér's V"),
    }),
  ).describe('Cross-tabulations (unweighted counts)'),
  comparisons: z.array(
    z.object({
      id: z.string().describe('Comparison id'),
      variable: z.string().describe('Variable compared'),
      categories: z.array(z.string()).describe('Codes'),
      identified: z.array(z.number().int()).describe('Counts among identified'),
      unidentified: z.array(z.number().int()).describe('Counts among unidentified'),
      chiSquare: stat.describe('Pearson χ²'),
      df: z.number().int().describe('Degrees of freedom'),
      pValue: stat.describe('p-value'),
      cramersV: stat.describe("Cramér's V"),
    }),
  ).describe('Identified vs unidentified'),
});

const observation = z.object({
  indicator: z.string().describe('Indicator id'),
  dims: z.record(z.string(), z.string()).describe('Breakdown codes (country alpha-2, region, year, ageBand, gender, source); an absent dimension is the total over it'),
  value: stat.describe('share 0–1, count, median years or rate'),
  lower: stat.describe('Lower bound of the interval'),
  upper: stat.describe('Upper bound'),
  numerator: stat.describe('Units in the numerator (events for Kaplan–Meier)'),
  denominator: stat.describe('Units in the denominator (at risk at time 0)'),
  status: z.enum(['estimated', 'no-data', 'not-reached']).describe('not-reached: a median beyond the longest follow-up'),
  standardError: stat.optional().describe('Design-based: standard error'),
  designEffect: stat.optional().describe('Design-based: design effect'),
});

const indicatorSet = z.object({
  manifest: z.looseObject({
    snapshotHash: z.string().describe('SHA-256 over the analysed rows'),
    codebookVersion: z.string().describe('Codebook version'),
    softwareVersion: z.string().describe('Vindex version'),
    generatedAt: z.string().describe('ISO 8601 UTC'),
    dataDate: z.string().describe('Censoring date of time indicators'),
    synthetic: z.boolean().optional().describe('True for synthetic data'),
    basis: z.string().describe('census, or sample:ID'),
    omitted: z.array(z.object({ indicator: z.string().describe('Indicator id'), reason: z.string().describe('Why it was not computed') })).optional().describe('Indicators asked for but not computed'),
    level: z.number().describe('Confidence level'),
  }).describe('What the figures were computed from'),
  results: z.array(
    z.object({
      definition: z
        .looseObject({ id: z.string().describe('Indicator id'), title: z.string().describe('Title'), definition: z.string().describe('Plain-language definition'), unit: z.enum(['share', 'count', 'median-time', 'rate']).describe('Unit of the values'), entity: z.enum(['victim', 'series']).describe('Unit counted'), disaggregations: z.array(z.string()).describe('Breakdowns allowed') })
        .describe('The indicator definition (docs/indicators.md)'),
      by: z.array(z.string()).describe('The breakdown used'),
      observations: z.array(observation).describe('Every cell and margin: country, region and total, crossed with every subset of the other dimensions'),
      trend: z.object({ test: z.string().describe('cochran-armitage or poisson-score'), statistic: stat.describe('Test statistic'), pValue: stat.describe('p-value'), slope: stat.optional().describe('Change per year') }).optional().describe('Test for trend over first-sighting years'),
      aggregation: z.enum(['pooled', 'equal-country']).describe('How regional and global figures weight countries'),
      estimator: z.literal('design').optional().describe('design: weighted estimates from a sample'),
      aggregationNote: z.string().describe('The aggregation in plain language'),
    }),
  ).describe('One result per indicator'),
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
      // JSON-safe once, when computed: the cached value is served as it is.
      return req.ctx.cache.get(`profile:${JSON.stringify(options)}`, async () => finiteOrNull(await profileOf(req.ctx.store, options)) as z.infer<typeof profile>);
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
        ...(q.level !== undefined ? { level: q.level } : {}),
        ...(q.aggregation !== undefined ? { aggregation: q.aggregation } : {}),
        ...(q.dataDate !== undefined ? { dataDate: q.dataDate } : {}),
        ...(q.sample !== undefined ? { sample: q.sample } : {}),
      };
      // The definitions are read when computing only: parsing them on every cached read cost an eighth of it.
      return req.ctx.cache.get(`indicators:${JSON.stringify(options)}`, async () => finiteOrNull(await computeIndicators(req.ctx.store, { ...options, definitions: allDefinitions() })) as z.infer<typeof indicatorSet>);
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
      aggregation: z.enum(['pooled', 'equal-country']).optional().describe('How the figures of the map weight units (default pooled)'),
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
