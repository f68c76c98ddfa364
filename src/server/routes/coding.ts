/**
 * The coder's screens: the queue, one unit's form, saving a value (services/coder-work.ts). A
 * coder reaches only units assigned to them; others answer 404 as if they did not exist.
 */
import { z } from 'zod';
import { route, type RouteSpec } from '../route.ts';
import { coderQueue, saveCodingValue, unitForm } from '../services/coder-work.ts';

const unitParams = z.object({
  round: z.string().describe('Round id'),
  series: z.string().describe('Series key of the unit'),
});

const queue = z.object({
  rounds: z.array(
    z.object({
      round: z.string().describe('Round id'),
      sampleId: z.string().describe('Sample of the round'),
      variables: z.array(z.string()).describe('Variables coded in the round'),
      done: z.number().int().describe('Units complete'),
      total: z.number().int().describe('Units assigned to you'),
      units: z.array(
        z.object({
          seriesKey: z.string().describe('Series key: open it with GET /api/coding/:round/units/:series'),
          victims: z.number().int().describe('Victims of the series (each coded too)'),
          valuesCoded: z.number().int().describe('Values you gave'),
          valuesExpected: z.number().int().describe('Values a complete unit needs'),
          done: z.boolean().describe('Every round variable coded for the series and each victim'),
        }),
      ).describe('Your units, by series key'),
    }),
  ).describe('Open rounds with units assigned to you'),
});

const formVariable = z.object({
  name: z.string().describe('Codebook variable, e.g. victim.gender'),
  record: z.enum(['series', 'victim']).describe('Coded once for the series, or once per victim'),
  label: z.string().describe('Label from the codebook'),
  kind: z.enum(['category', 'count', 'severity-code']).describe('category: one of codes; count: whole number 0 … max; severity-code: one of codesByScale[the victim\'s scale]'),
  codes: z.array(z.object({ code: z.string().describe('Stored code'), label: z.string().describe('Label to show') })).describe('Allowed codes with their labels (category)'),
  max: z.number().int().nullable().describe('Largest count allowed (count)'),
  notDeterminable: z.string().nullable().describe('The code for "not determinable", when the variable has one'),
  codesByScale: z.record(z.string(), z.array(z.string())).nullable().describe('Severity codes allowed on each scale (severity-code)'),
});

const form = z.object({
  round: z.string().describe('Round id'),
  closed: z.boolean().describe('A closed round takes no more values'),
  seriesKey: z.string().describe('Series key'),
  victims: z.array(z.string()).describe("Victim keys of the series (case references), each coded on the form's victim variables"),
  variables: z.array(formVariable).describe('The round variables, in form order'),
  values: z.object({
    series: z.record(z.string(), z.string()).describe('Your values of the series variables'),
    victims: z.record(z.string(), z.record(z.string(), z.string())).describe('Victim key → your values of the victim variables'),
  }).describe('Your current values'),
  done: z.boolean().describe('Every round variable coded for the series and each victim'),
});

const saveBody = z.object({
  record: z.enum(['series', 'victim']).describe('series: the unit is the series; victim: one of its victims'),
  unitKey: z.string().describe('The series key (record series) or a victim key of the series'),
  variable: z.string().describe('A variable of the round for that record'),
  value: z.union([z.string().max(64), z.number(), z.null()]).describe('A code, label or alias (counts: a whole number); null removes your value'),
});

const saved = z.object({
  round: z.string().describe('Round id'),
  record: z.enum(['series', 'victim']).describe('Unit coded'),
  unitKey: z.string().describe('Series or victim key'),
  variable: z.string().describe('Variable saved'),
  value: z.string().nullable().describe('The canonical code stored, or null when removed'),
  cleared: z.array(z.string()).describe('Values of the same unit removed because they no longer fit (a severity code not on a new scale)'),
  unitDone: z.boolean().describe('Whether the series is now complete for you'),
});

export const codingRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/coding/queue',
    roles: ['coder'],
    summary: 'Your assigned units in open rounds, each with done/total',
    tags: ['coding'],
    response: queue,
    async handler(req) {
      const rounds = await coderQueue(req.ctx.store, req.user.name);
      return { rounds: rounds.map((r) => ({ ...r, variables: [...r.variables], units: [...r.units] })) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/coding/:round/units/:series',
    roles: ['coder'],
    summary: 'The form of one of your units: series and victim keys, the variables with their codes, your values',
    tags: ['coding'],
    params: unitParams,
    response: form,
    async handler(req) {
      const f = await unitForm(req.ctx.store, req.params.round, req.params.series, req.user.name);
      return {
        ...f,
        victims: [...f.victims],
        variables: f.variables.map((v) => ({ ...v, codes: v.codes.map((c) => ({ ...c })), codesByScale: v.codesByScale === null ? null : Object.fromEntries(Object.entries(v.codesByScale).map(([k, c]) => [k, [...c]])) })),
      };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/coding/:round/units/:series/values',
    roles: ['coder'],
    summary: 'Save one value of one of your units, checked against the codebook (422 VDX_CODE_INVALID names the variable and the allowed codes; audited)',
    tags: ['coding'],
    params: unitParams,
    body: saveBody,
    response: saved,
    async handler(req) {
      const b = req.body;
      const s = await saveCodingValue(req.ctx.store, { round: req.params.round, coder: req.user.name, seriesKey: req.params.series, record: b.record, unitKey: b.unitKey, variable: b.variable, value: b.value });
      return { ...s, cleared: [...s.cleared] };
    },
  }),
];
