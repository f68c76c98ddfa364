/**
 * Coding rounds: create, list, status, close (src/coding/round.ts, status.ts), and their review:
 * reliability, disagreements, adjudication (src/coding/reliability.ts, disagreements.ts,
 * adjudicate.ts). Writes are audited by those functions with the signed-in user as actor.
 */
import { z } from 'zod';
import { ADJUDICATION_REASONS, adjudicate } from '../../coding/adjudicate.ts';
import { listDisagreements } from '../../coding/disagreements.ts';
import { computeRoundReliability } from '../../coding/reliability.ts';
import { closeRound, createRound, listRounds } from '../../coding/round.ts';
import { roundStatus } from '../../coding/status.ts';
import { CODABLE_VARIABLES, DEFAULT_CODING_VARIABLES } from '../../coding/variables.ts';
import { MAX_SAMPLING_SEED } from '../../sampling/index.ts';
import { VindexError } from '../../errors.ts';
import type { Store } from '../../store/index.ts';
import { route, type RouteSpec } from '../route.ts';
import { finiteOrNull } from '../services/json.ts';

const round = z.object({
  id: z.string().describe('Round id, e.g. r1'),
  sampleId: z.string().describe('The stored sample it codes'),
  createdAt: z.string().describe('ISO 8601 UTC'),
  createdBy: z.string().describe('Who created it'),
  coders: z.array(z.string()).describe('Coder user names, sorted'),
  variables: z.array(z.string()).describe('Codebook variables coded, in form order'),
  overlap: z.number().describe('Share of series coded by several coders (0–1)'),
  ratersPerOverlap: z.number().int().describe('Coders per overlap series'),
  seed: z.number().int().describe('Seed of the assignment'),
  codebookVersion: z.string().describe('Codebook version'),
  closedAt: z.string().nullable().describe('When it was closed; null while open'),
  closedBy: z.string().nullable().describe('Who closed it'),
}).describe('A coding round');

const coderProgress = z.object({
  coder: z.string().describe('Coder user name'),
  unitsAssigned: z.number().int().describe('Series assigned to the coder'),
  unitsComplete: z.number().int().describe('Series with every round variable coded for the series and all its victims'),
  unitsRemaining: z.number().int().describe('Series not yet complete'),
  valuesCoded: z.number().int().describe('Values given'),
  valuesExpected: z.number().int().describe('Values a complete coding needs: series variables + victim variables × victims, per series'),
});

const status = z.object({
  round,
  coders: z.array(coderProgress).describe('Per-coder progress'),
  overall: z.object({
    unitsAssigned: z.number().int().describe('Distinct series of the round'),
    unitsComplete: z.number().int().describe('Series every one of their coders completed'),
    overlapUnits: z.number().int().describe('Series coded by several coders'),
    valuesCoded: z.number().int().describe('Values given by all coders'),
    valuesExpected: z.number().int().describe('Values all coders must give'),
  }).describe('The round as a whole'),
  unresolvedDisagreements: z.number().int().describe('Overlap cells where coders differ and no adjudication decided'),
  blockers: z.array(z.string()).describe('What keeps the round from being closed; empty when it can be closed'),
});

const idParams = z.object({ id: z.string().describe('Round id') });

const coefficient = z.object({ value: z.number().nullable().describe('null where undefined'), lower: z.number().nullable().describe('Lower bound of the percentile bootstrap interval'), upper: z.number().nullable().describe('Upper bound') }).describe('A coefficient with its bootstrap interval');

const reliability = z.object({
  roundId: z.string().describe('Round id'),
  sampleId: z.string().describe('Sample of the round'),
  coders: z.array(z.string()).describe('Coders of the round'),
  level: z.number().describe('Confidence level of the bootstrap intervals'),
  bootstrap: z.object({ replicates: z.number().int().describe('Bootstrap replicates'), seed: z.number().int().describe('Bootstrap seed') }).describe('The seeded bootstrap over units'),
  thresholds: z.object({ reliable: z.number().describe('α at or above: reliable'), tentative: z.number().describe('α at or above: tentative'), minimumUnits: z.number().int().describe('Fewer pairable units: insufficient') }).describe('Verdict thresholds on α (Krippendorff 2004, §11.4)'),
  variables: z.array(
    z.object({
      variable: z.string().describe('Codebook variable (victim.severity: harmonised from scale and code)'),
      record: z.enum(['series', 'victim']).describe('Unit coded'),
      level: z.enum(['nominal', 'ordinal', 'ratio']).describe('Level of measurement'),
      units: z.number().int().describe('Units with ≥ 2 codings'),
      codings: z.number().int().describe('Codings on those units'),
      percentAgreement: coefficient.describe('Share of agreeing pairs'),
      cohenKappa: coefficient.nullable().describe('Exactly two coders, else null'),
      kappaWeights: z.enum(['none', 'linear', 'quadratic']).describe("Weights of Cohen's κ"),
      pairwiseKappa: z.array(z.object({ coders: z.array(z.string()).describe('The two coders'), units: z.number().int().describe('Common units'), kappa: coefficient })).describe('More than two coders: κ per pair'),
      fleissKappa: coefficient.nullable().describe("Fleiss' κ over units with the round's raters-per-overlap codings"),
      krippendorffAlpha: coefficient.describe("Krippendorff's α at the variable's level"),
      verdict: z.enum(['reliable', 'tentative', 'unreliable', 'insufficient']).describe('From α and the thresholds'),
    }),
  ).describe('Per variable of the round'),
});

const reliabilityQuery = z.object({
  replicates: z.coerce.number().int().min(1).max(100000).optional().describe('Bootstrap replicates (default 1000)'),
  seed: z.coerce.number().int().min(1).max(2 ** 32 - 1).optional().describe('Bootstrap seed (default 1)'),
  level: z.coerce.number().gt(0).lt(1).optional().describe('Confidence level (default 0.95)'),
  kappaWeights: z.enum(['linear', 'quadratic']).optional().describe("Weights of Cohen's κ for ordinal and count variables (default linear)"),
});

const disagreement = z.object({
  record: z.enum(['series', 'victim']).describe('Unit coded'),
  unitKey: z.string().describe('Series or victim key'),
  seriesKey: z.string().describe('Series of the unit'),
  variable: z.string().describe('Variable'),
  values: z.array(z.object({ coder: z.string().describe('Coder'), value: z.string().describe('Code given') })).describe("Each coder's value"),
  adjudication: z.object({ value: z.string().describe('Decided code'), reason: z.string().describe('Reason code'), adjudicator: z.string().describe('Who decided'), decidedAt: z.string().describe('When (ISO 8601 UTC)') }).nullable().describe('The decision, if any'),
});

const adjudicationBody = z.object({
  decisions: z
    .array(
      z.object({
        unitKey: z.string().describe('Series or victim key'),
        variable: z.string().describe('A variable of the round'),
        value: z.string().describe('The decided code (code, label or alias)'),
        reason: z.enum(ADJUDICATION_REASONS).describe('Why: a code, never free text'),
      }),
    )
    .min(1)
    .max(5000)
    .describe('Decisions, all checked first: any problem refuses all'),
});

const adjudicationOutcome = z.object({
  record: z.enum(['series', 'victim']).describe('Unit decided'),
  unitKey: z.string().describe('Series or victim key'),
  variable: z.string().describe('Variable decided'),
  value: z.string().describe('The canonical code stored'),
  previous: z.string().nullable().describe('The adjudication it replaced'),
  reason: z.enum(ADJUDICATION_REASONS).describe('Reason code'),
  coderValues: z.record(z.string(), z.string()).describe("Coder → the value they gave"),
});

const createBody = z.object({
  sampleId: z.string().describe('The stored sample to code'),
  coders: z.array(z.string()).min(1).describe('Coder user names (a coder signs in under this name)'),
  variables: z.array(z.string()).optional().describe(`Variables to code, in form order (default ${DEFAULT_CODING_VARIABLES.join(', ')}; codable: ${CODABLE_VARIABLES.map((v) => v.name).join(', ')})`),
  overlap: z.number().min(0).max(1).describe('Share of series coded by several coders, for reliability'),
  ratersPerOverlap: z.number().int().min(2).optional().describe('Coders per overlap series (default 2)'),
  seed: z.number().int().min(0).max(MAX_SAMPLING_SEED).describe('Seed of the assignment'),
  id: z.string().optional().describe('Round id (default the next free r1, r2, …)'),
});

export const roundRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/rounds',
    roles: ['coordinator', 'analyst'],
    summary: 'The coding rounds of the store',
    tags: ['rounds'],
    response: z.object({ rounds: z.array(round).describe('Rounds, oldest first') }),
    async handler(req) {
      return { rounds: (await listRounds(req.ctx.store)).map((r) => ({ ...r, coders: [...r.coders], variables: [...r.variables] })) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/rounds/:id',
    roles: ['coordinator', 'analyst'],
    summary: 'A round and its progress: per coder, overall, and what blocks closing it',
    tags: ['rounds'],
    params: idParams,
    response: status,
    async handler(req) {
      const s = await roundStatus(req.ctx.store, req.params.id);
      return { ...s, round: { ...s.round, coders: [...s.round.coders], variables: [...s.round.variables] }, coders: [...s.coders], blockers: [...s.blockers] };
    },
  }),
  route({
    method: 'POST',
    url: '/api/rounds',
    roles: ['coordinator'],
    summary: 'Create a coding round: assign every series of a sample to coders, with overlap for reliability (audited)',
    tags: ['rounds'],
    body: createBody,
    status: 201,
    response: z.object({
      round,
      units: z.number().int().describe('Series in the round'),
      overlapUnits: z.number().int().describe('Series coded by several coders'),
      workload: z.record(z.string(), z.number().int()).describe('Series per coder'),
      pairs: z.record(z.string(), z.number().int()).describe('Overlap series per coder pair, e.g. "alice+bob"'),
    }),
    async handler(req) {
      const b = req.body;
      await checkCoders(req.ctx.store, b.coders);
      const c = await createRound(req.ctx.store, {
        sampleId: b.sampleId,
        coders: b.coders,
        overlap: b.overlap,
        seed: b.seed,
        actor: req.user.name,
        ...(b.variables !== undefined ? { variables: b.variables } : {}),
        ...(b.ratersPerOverlap !== undefined ? { ratersPerOverlap: b.ratersPerOverlap } : {}),
        ...(b.id !== undefined ? { id: b.id } : {}),
      });
      return { round: { ...c.round, coders: [...c.round.coders], variables: [...c.round.variables] }, units: c.units, overlapUnits: c.overlapUnits, workload: { ...c.workload }, pairs: { ...c.pairs } };
    },
  }),
  route({
    method: 'POST',
    url: '/api/rounds/:id/close',
    roles: ['coordinator'],
    summary: 'Close a finished round (refused, listing the blockers, while coders have units left or disagreements are open; audited)',
    tags: ['rounds'],
    params: idParams,
    response: round,
    async handler(req) {
      const r = await closeRound(req.ctx.store, req.params.id, req.user.name);
      return { ...r, coders: [...r.coders], variables: [...r.variables] };
    },
  }),
  route({
    method: 'GET',
    url: '/api/rounds/:id/reliability',
    roles: ['analyst', 'coordinator'],
    summary: "Inter-coder reliability per variable: percent agreement, Cohen's/Fleiss' κ, Krippendorff's α with bootstrap intervals, verdict",
    tags: ['rounds'],
    params: idParams,
    query: reliabilityQuery,
    response: reliability,
    async handler(req) {
      const q = req.query;
      const key = `reliability:${req.params.id}:${q.replicates ?? ''}:${q.seed ?? ''}:${q.level ?? ''}:${q.kappaWeights ?? ''}`;
      return req.ctx.cache.get(key, async () =>
        finiteOrNull(await computeRoundReliability(req.ctx.store, req.params.id, {
          ...(q.replicates !== undefined ? { replicates: q.replicates } : {}),
          ...(q.seed !== undefined ? { seed: q.seed } : {}),
          ...(q.level !== undefined ? { level: q.level } : {}),
          ...(q.kappaWeights !== undefined ? { kappaWeights: q.kappaWeights } : {}),
        })) as z.infer<typeof reliability>,
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/rounds/:id/disagreements',
    roles: ['analyst'],
    summary: "Unit × variable cells where the round's coders differ (unresolved only unless all=true)",
    tags: ['rounds'],
    params: idParams,
    query: z.object({
      variable: z.string().optional().describe('One variable of the round'),
      all: z.enum(['true', 'false']).optional().describe('true: include adjudicated disagreements'),
    }),
    response: z.object({ disagreements: z.array(disagreement).describe('By record, unit and variable') }),
    async handler(req) {
      const d = await listDisagreements(req.ctx.store, req.params.id, { unresolvedOnly: req.query.all !== 'true', ...(req.query.variable !== undefined ? { variable: req.query.variable } : {}) });
      return { disagreements: d.map((x) => ({ ...x, values: x.values.map((v) => ({ ...v })) })) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/rounds/:id/adjudications',
    roles: ['analyst'],
    summary: 'Record adjudicated values (override the coders; one audit entry each)',
    tags: ['rounds'],
    params: idParams,
    body: adjudicationBody,
    response: z.object({ adjudications: z.array(adjudicationOutcome).describe('The decisions recorded') }),
    async handler(req) {
      const out = await adjudicate(req.ctx.store, { roundId: req.params.id, decisions: req.body.decisions, actor: req.user.name });
      return { adjudications: out.map((o) => ({ ...o, coderValues: { ...o.coderValues } })) };
    },
  }),
];

/**
 * On the server a coder is a user: each named coder must be an active account with the coder role,
 * or nobody could ever sign in to code their units. (The CLI's rounds name coders freely.)
 */
async function checkCoders(store: Store, coders: readonly string[]): Promise<void> {
  const users = await store.db.selectFrom('app_user').select(['name', 'role', 'disabled']).where('name', 'in', [...coders]).execute();
  for (const coder of coders) {
    const u = users.find((x) => x.name === coder);
    const problem = !u ? 'is not a user' : u.role !== 'coder' ? `has the ${u.role} role, not coder` : u.disabled !== 0 ? 'is disabled' : undefined;
    if (problem) throw new VindexError('VDX_ROUND_INVALID', `coders: "${coder}" ${problem}; every coder of a round must be an active user with the coder role (an admin adds one with POST /api/users or vindex user add ${coder} --role coder)`);
  }
}
