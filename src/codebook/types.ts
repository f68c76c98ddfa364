/** The building blocks of a codebook: entities made of typed variables. */

export interface Category {
  /** The stored code, stable across codebook versions. */
  readonly code: string;
  readonly label: string;
  /** Other spellings accepted on import (case-insensitive), e.g. `F` for female. */
  readonly aliases?: readonly string[];
  readonly description?: string;
}

export interface CategorySet {
  readonly id: string;
  readonly title: string;
  /** Whether the order of categories is meaningful (ordinal), listed lowest first. */
  readonly ordered: boolean;
  readonly categories: readonly Category[];
  /** The explicit code for "unknown / not determinable"; never guessed. */
  readonly notDeterminable: string;
}

interface VariableBase {
  /** Canonical name `entity.variable`, used in files, APIs and reports. */
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly required: boolean;
  /** Derived variables are computed on import (e.g. the harmonised severity) and may only be given if they agree. */
  readonly derived?: boolean;
}

export type Variable =
  | (VariableBase & { readonly type: 'category'; readonly set: CategorySet })
  | (VariableBase & { readonly type: 'identifier' })
  | (VariableBase & { readonly type: 'code'; readonly pattern: RegExp; readonly patternText: string })
  | (VariableBase & { readonly type: 'date' })
  | (VariableBase & { readonly type: 'country' })
  | (VariableBase & { readonly type: 'count'; readonly max: number });

export type EntityName = 'source' | 'series' | 'victim' | 'offender';

export interface Entity {
  readonly name: EntityName;
  readonly title: string;
  readonly description: string;
  readonly variables: readonly Variable[];
}

export interface Codebook {
  readonly version: string;
  readonly title: string;
  readonly entities: readonly Entity[];
}
