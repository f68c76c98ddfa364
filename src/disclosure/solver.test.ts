import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SOLVER, solveModel, toLpText, withConstraints, type LinearModel } from './solver.js';

const model: LinearModel = {
  sense: 'maximize',
  objective: [
    { coef: 30, variable: 'chairs' },
    { coef: 50, variable: 'tables' },
  ],
  constraints: [
    { terms: [{ coef: 1, variable: 'chairs' }, { coef: 2, variable: 'tables' }], op: '<=', rhs: 40 },
    { terms: [{ coef: 2, variable: 'chairs' }, { coef: 1, variable: 'tables' }], op: '<=', rhs: 50 },
  ],
  variables: new Map([
    ['chairs', {}],
    ['tables', {}],
  ]),
  integers: new Set(['chairs', 'tables']),
};

describe('HiGHS wrapper', () => {
  it('writes CPLEX LP text', () => {
    expect(toLpText(model)).toBe(
      ['Maximize', ' obj: 30 chairs + 50 tables', 'Subject To', ' c0: chairs + 2 tables <= 40', ' c1: 2 chairs + tables <= 50', 'Bounds', ' 0 <= chairs <= +inf', ' 0 <= tables <= +inf', 'Generals', ' chairs tables', 'End', ''].join('\n'),
    );
  });

  it('solves a MIP to optimality (30·20 + 50·10 = 1100)', async () => {
    const r = await solveModel(model);
    expect(r).toEqual({ status: 'optimal', objective: 1100, values: new Map([['chairs', 20], ['tables', 10]]) });
  });

  it('reports infeasible and unbounded models as results', async () => {
    const infeasible: LinearModel = { ...model, constraints: [...model.constraints, { terms: [{ coef: 1, variable: 'chairs' }], op: '>=', rhs: 100 }] };
    expect((await solveModel(infeasible)).status).toBe('infeasible');
    const unbounded: LinearModel = { sense: 'maximize', objective: [{ coef: 1, variable: 'x' }], constraints: [{ terms: [{ coef: 1, variable: 'x' }, { coef: -1, variable: 'y' }], op: '=', rhs: 0 }], variables: new Map([['x', {}], ['y', {}]]) };
    expect(['unbounded', 'infeasible-or-unbounded']).toContain((await solveModel(unbounded)).status);
  });

  it('refuses variable names LP format cannot hold', () => {
    expect(() => toLpText({ ...model, variables: new Map([['a|b', {}]]) })).toThrow(/invalid LP variable name/);
  });

  it('records the installed highs version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../node_modules/highs/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(SOLVER.version).toBe(pkg.version);
  });

  it('withConstraints: a series of objectives and right-hand sides gives what separate solves give', async () => {
    const lp: LinearModel = { ...model, integers: new Set() };
    const series = await withConstraints(lp, async (solve) => [
      solve({ objective: { sense: 'maximize', terms: model.objective } }),
      solve({ objective: { sense: 'minimize', terms: [{ coef: -1, variable: 'chairs' }] } }),
      solve({ rhs: new Map([[0, 10]]) }),
      solve({}),
    ]);
    const separate = [
      await solveModel({ ...lp, sense: 'maximize' }),
      await solveModel({ ...lp, sense: 'minimize', objective: [{ coef: -1, variable: 'chairs' }] }),
      await solveModel({ ...lp, sense: 'minimize', objective: [{ coef: -1, variable: 'chairs' }], constraints: [{ ...lp.constraints[0]!, rhs: 10 }, lp.constraints[1]!] }),
      await solveModel({ ...lp, sense: 'minimize', objective: [{ coef: -1, variable: 'chairs' }] }),
    ];
    const objectives = (rs: typeof series) => rs.map((r) => (r.status === 'optimal' ? Math.round(r.objective * 1e9) / 1e9 : r.status));
    expect(objectives(series)).toEqual(objectives(separate));
    expect(objectives(series)).toEqual([1100, -25, -10, -25]);
  });

  it('at the time limit: strict solves throw; acceptIncumbent returns only an incumbent that satisfies the model', async () => {
    // A 60-item, 3-constraint knapsack that HiGHS does not close in 0.2 s.
    const weights = Array.from({ length: 60 }, (_, j) => 1000 + ((j * 7919) % 9000));
    const hard: LinearModel = {
      sense: 'maximize',
      objective: weights.map((w, j) => ({ coef: 1000 + ((w * 31 + j * 17) % 9000), variable: `x${j}` })),
      constraints: [3, 4, 5].map((k) => ({ terms: weights.map((w, j) => ({ coef: ((w * k) % 9973) + 1, variable: `x${j}` })), op: '<=' as const, rhs: 100000 })),
      variables: new Map(weights.map((_, j) => [`x${j}`, { lower: 0, upper: 1 }])),
      integers: new Set(weights.map((_, j) => `x${j}`)),
    };
    await expect(solveModel(hard, { timeLimit: 0.2 })).rejects.toMatchObject({ code: 'VDX_SOLVER_FAILED' });
    let r;
    try {
      r = await solveModel(hard, { timeLimit: 0.2, acceptIncumbent: true });
    } catch (error) {
      expect(error).toMatchObject({ code: 'VDX_SOLVER_FAILED' });
      return;
    }
    expect(['feasible', 'optimal']).toContain(r.status);
    if (r.status !== 'feasible' && r.status !== 'optimal') return;
    for (const c of hard.constraints) expect(c.terms.reduce((s, t) => s + t.coef * r.values.get(t.variable)!, 0)).toBeLessThanOrEqual(c.rhs + 1e-6);
    for (const x of r.values.values()) expect(Math.abs(x - Math.round(x))).toBeLessThan(1e-6);
  });
});
