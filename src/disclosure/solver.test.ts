import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SOLVER, solveModel, toLpText, type LinearModel } from './solver.js';

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
});
