// The parsed shape of PostgREST's query grammar: what the parsers produce and the SQL
// builders consume. Nothing here knows about SQL or HTTP.

/** One `->key`, `->>key`, `->0` step of a JSON path. */
export interface JsonStep {
  readonly arrow: '->' | '->>';
  /** A key, or for an index its signed digits (`+1`, `-2`), as PostgREST keeps them. */
  readonly operand: { readonly kind: 'key'; readonly key: string } | { readonly kind: 'index'; readonly index: string };
}

/** A column, optionally followed by a JSON path: `data->a->>b`. */
export interface FieldRef {
  readonly name: string;
  readonly jsonPath: readonly JsonStep[];
}

export type AggregateFunction = 'sum' | 'avg' | 'count' | 'max' | 'min';

export type SelectItem =
  | {
      readonly kind: 'field';
      /** `*` is a field named `*` with no path, as in PostgREST. */
      readonly field: FieldRef;
      readonly alias: string | null;
      readonly cast: string | null;
      readonly aggregate: AggregateFunction | null;
      readonly aggregateCast: string | null;
    }
  | {
      /** `rel(...)`, `alias:rel!hint!inner(...)` or the spread `...rel(...)`. */
      readonly kind: 'relation';
      readonly relation: string;
      readonly alias: string | null;
      readonly hint: string | null;
      readonly joinType: 'left' | 'inner' | null;
      readonly spread: boolean;
      readonly children: readonly SelectItem[];
    };

/** Operators taking one value (`neq`, `cs`, …); none of them accepts `(any)`/`(all)`. */
export type SimpleOperator = 'neq' | 'cs' | 'cd' | 'ov' | 'sl' | 'sr' | 'nxr' | 'nxl' | 'adj';
/** Operators that may be quantified: `eq(any).{a,b}`. */
export type QuantifiableOperator = 'eq' | 'gte' | 'gt' | 'lte' | 'lt' | 'like' | 'ilike' | 'match' | 'imatch';
export type FtsOperator = 'fts' | 'plfts' | 'phfts' | 'wfts';
export type IsValue = 'null' | 'not_null' | 'true' | 'false' | 'unknown';

export type Operation =
  | { readonly kind: 'simple'; readonly operator: SimpleOperator; readonly value: string }
  | {
      readonly kind: 'quantifiable';
      readonly operator: QuantifiableOperator;
      readonly quantifier: 'any' | 'all' | null;
      readonly value: string;
    }
  | { readonly kind: 'in'; readonly values: readonly string[] }
  | { readonly kind: 'is'; readonly value: IsValue }
  | { readonly kind: 'isdistinct'; readonly value: string }
  | { readonly kind: 'fts'; readonly operator: FtsOperator; readonly config: string | null; readonly value: string };

export interface OpExpr {
  readonly negated: boolean;
  readonly operation: Operation;
}

export interface Filter {
  readonly field: FieldRef;
  readonly expr: OpExpr;
}

export type LogicTree =
  | { readonly kind: 'filter'; readonly filter: Filter }
  | {
      readonly kind: 'group';
      readonly negated: boolean;
      readonly operator: 'and' | 'or';
      readonly children: readonly LogicTree[];
    };

export type OrderTerm =
  | {
      readonly kind: 'field';
      readonly field: FieldRef;
      readonly direction: 'asc' | 'desc' | null;
      readonly nulls: 'first' | 'last' | null;
    }
  | {
      /** `rel(col).desc`: ordering by an embedded resource's column. */
      readonly kind: 'relation';
      readonly relation: string;
      readonly field: FieldRef;
      readonly direction: 'asc' | 'desc' | null;
      readonly nulls: 'first' | 'last' | null;
    };

/** The names before the last segment of a dotted key: `books.authors.name` → `[books, authors]`. */
export type EmbedPath = readonly string[];
