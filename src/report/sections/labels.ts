import type { Population, Profile, ProfileTable } from '../../profile/types.ts';

/** Labels the profile carries: category labels (from ProfileRow.label) and variable titles (ProfileTable.title). */
export interface ProfileLabels {
  /** The label of `code` in `variable`; the code itself when the profile has no label for it. */
  category(variable: string, code: string): string;
  /** The variable's title; the variable name when no table carries it. */
  variable(variable: string): string;
  /** Unit counted for the variable (victims, series, offenders), when a table says. */
  unit(variable: string): ProfileTable['unit'] | undefined;
}

export function profileLabels(profile: Profile): ProfileLabels {
  const categories = new Map<string, Map<string, string>>();
  const titles = new Map<string, string>();
  const units = new Map<string, ProfileTable['unit']>();
  for (const t of profile.tables) {
    if (!titles.has(t.variable)) titles.set(t.variable, t.title);
    if (!units.has(t.variable)) units.set(t.variable, t.unit);
    const map = categories.get(t.variable) ?? new Map<string, string>();
    for (const r of t.rows) if (!map.has(r.category)) map.set(r.category, r.label);
    categories.set(t.variable, map);
  }
  return {
    category: (variable, code) => categories.get(variable)?.get(code) ?? code,
    variable: (variable) => titles.get(variable) ?? variable,
    unit: (variable) => units.get(variable),
  };
}

/** Populations in reading order: unidentified first (the subject of the indicator), then identified, then all. */
export const POPULATION_ORDER: readonly Population[] = ['unidentified', 'identified', 'all'];

export const populationRank = (p: Population): number => {
  const i = POPULATION_ORDER.indexOf(p);
  return i < 0 ? POPULATION_ORDER.length : i;
};

/** Strips a trailing `-<population>` from a table or association id: the key shared by its populations. */
export function groupKey(id: string, population: Population): string {
  return id.endsWith(`-${population}`) ? id.slice(0, -population.length - 1) : id;
}

/** Items grouped by key in first-seen order, each group sorted by population. */
export function groupByPopulation<T extends { readonly id: string; readonly population: Population }>(items: readonly T[]): { key: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = groupKey(item.id, item.population);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups].map(([key, list]) => ({ key, items: [...list].sort((a, b) => populationRank(a.population) - populationRank(b.population)) }));
}

/** A string usable in an HTML id: lowercase letters, digits and hyphens. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}
