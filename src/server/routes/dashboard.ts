/** GET /api/dashboard: the published figures of the latest released release, for every role (cached). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { z } from 'zod';
import { DIMENSIONS } from '../../indicators/index.ts';
import { INDICATORS_CSV, readManifest } from '../../release/index.ts';
import { ROLES, route, type RouteSpec } from '../route.ts';
import { latestReleased } from './releases.ts';

const num = z.number().nullable();
const ObservationSchema = z.object({
  indicator: z.string(),
  unit: z.string(),
  /** The breakdown, e.g. 'country' or 'region+year'. */
  by: z.string(),
  dims: z.record(z.string(), z.string()),
  value: num,
  lower: num,
  upper: num,
  numerator: num,
  denominator: num,
  status: z.string(),
  /** SDMX confidentiality status: F free, C suppressed (primary), D suppressed (secondary), … */
  confStatus: z.string(),
});

const DashboardSchema = z.object({
  release: z.object({ id: z.string(), releasedAt: z.string().nullable(), createdAt: z.string(), method: z.string(), dataDate: z.string(), synthetic: z.boolean() }).nullable(),
  /** The released indicators' titles and plain-language definitions, from the release manifest. */
  indicators: z.array(z.object({ id: z.string(), title: z.string(), definition: z.string(), unit: z.string() })),
  observations: z.array(ObservationSchema),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

const figure = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));

export const dashboardRoutes: RouteSpec[] = [
  route({
    method: 'GET', url: '/api/dashboard', roles: ROLES, tags: ['releases'],
    summary: 'The latest released release: its id, date, method and indicator observations (indicators.csv)',
    response: DashboardSchema,
    handler: ({ ctx }) =>
      ctx.cache.get('dashboard', async (): Promise<Dashboard> => {
        const row = await latestReleased(ctx.store);
        if (!row) return { release: null, indicators: [], observations: [] };
        const { manifest } = await readManifest(row.location);
        const text = await readFile(join(row.location, INDICATORS_CSV), 'utf8');
        const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
        const observations = parsed.data.map((r) => ({
          indicator: r.indicator!, unit: r.unit!, by: r.by!,
          dims: Object.fromEntries(DIMENSIONS.filter((d) => r[d] !== undefined && r[d] !== '').map((d) => [d, r[d]!])),
          value: figure(r.value), lower: figure(r.lower), upper: figure(r.upper), numerator: figure(r.numerator), denominator: figure(r.denominator),
          status: r.status!, confStatus: r.conf_status!,
        }));
        const indicators = manifest.definitions.map((d) => ({ id: d.id, title: d.title, definition: d.definition, unit: d.unit }));
        return { indicators, release: { id: row.id, releasedAt: row.released_at, createdAt: row.created_at, method: row.method, dataDate: manifest.data.dataDate, synthetic: manifest.synthetic }, observations };
      }),
  }),
];
