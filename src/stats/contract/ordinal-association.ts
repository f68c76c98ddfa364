import { z } from 'zod';
import { ordinalAssociation } from '../ordinal/ordinal-association.ts';
import { countTableSchema } from './count-table.ts';
import { defineMethod, NumericalError } from './method.ts';

const request = z.strictObject({
  table: countTableSchema('Counts of an ordered two-way table: table[i][j] is the count in row category i and column category j, both in their natural order (low to high).'),
});

/**
 * `vindex stats ordinal-association`: Goodman–Kruskal γ and Kendall's τ-b of an ordered table with
 * their non-null asymptotic standard errors. Fewer than two non-empty rows or columns (no untied
 * pair) is a NumericalError.
 */
export const ordinalAssociationMethod = defineMethod({
  name: 'ordinal-association',
  summary: "Goodman–Kruskal gamma and Kendall's tau-b of an ordered table, with asymptotic standard errors",
  reference: 'Agresti (2010) Analysis of Ordinal Categorical Data §7.1; DescTools GoodmanKruskalGamma; R cor(method = "kendall"); SAS PROC FREQ ASE',
  request,
  run(r) {
    const a = ordinalAssociation(r.table);
    if (Number.isNaN(a.gamma)) throw new NumericalError('the table needs at least two non-empty rows and two non-empty columns for γ and τ-b');
    return a;
  },
});
