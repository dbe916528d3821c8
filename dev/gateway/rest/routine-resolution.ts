// Chooses which overload of a function a call means, the way PostgREST does: by the set of
// argument names (parameters with defaults may be left out), falling back — for POST — to a
// function taking a single unnamed json/jsonb parameter that receives the whole body.
import { closestMatch } from './fuzzy-match.js';
import { RestError } from './rest-error.js';
import { isInputParameter, type RoutineInfo, type RoutineParameter } from './schema-introspection.js';

export interface RoutineCall {
  readonly schema: string;
  readonly name: string;
  /** The argument names sent: the JSON body's keys (POST) or the query's non-filter keys (GET). */
  readonly argumentNames: ReadonlySet<string>;
  readonly isPost: boolean;
}

export function inputParameters(routine: RoutineInfo): RoutineParameter[] {
  return routine.parameters.filter(isInputParameter);
}

/** `f(json)` / `f(jsonb)` with an unnamed parameter: called with the whole POST body. */
export function takesWholeBody(routine: RoutineInfo): boolean {
  const inputs = inputParameters(routine);
  const only = inputs[0];
  return inputs.length === 1 && only !== undefined && only.name === '' && (only.type === 'json' || only.type === 'jsonb');
}

function matchesArgumentNames(routine: RoutineInfo, argumentNames: ReadonlySet<string>): boolean {
  const inputs = inputParameters(routine);
  if (inputs.length === 0) return argumentNames.size === 0;
  // Defaults belong to the last `defaultCount` input parameters.
  const firstOptional = inputs.length - routine.defaultCount;
  const required = new Set(inputs.slice(0, firstOptional).map((p) => p.name));
  const optional = new Set(inputs.slice(firstOptional).map((p) => p.name));
  for (const name of argumentNames) {
    if (!required.has(name) && !optional.has(name)) return false;
  }
  for (const name of required) {
    if (!argumentNames.has(name)) return false;
  }
  return true;
}

/** The overloads the call could mean: by argument names, else (POST) those taking the whole body. */
export function routineCandidates(overloads: readonly RoutineInfo[], call: RoutineCall): RoutineInfo[] {
  const byName = overloads.filter((routine) => matchesArgumentNames(routine, call.argumentNames));
  const wholeBody = call.isPost ? overloads.filter((routine) => !byName.includes(routine) && takesWholeBody(routine)) : [];
  return byName.length > 0 ? byName : wholeBody;
}

/** `routineNamesInSchema` is only consulted, for the hint, when nothing matches. */
export async function resolveRoutine(
  overloads: readonly RoutineInfo[],
  call: RoutineCall,
  routineNamesInSchema: () => Promise<readonly string[]>,
): Promise<RoutineInfo> {
  const candidates = routineCandidates(overloads, call);
  if (candidates.length === 1 && candidates[0] !== undefined) return candidates[0];
  if (candidates.length > 1) throw ambiguousRoutine(candidates);
  const names = overloads.length === 0 ? await routineNamesInSchema() : [];
  throw routineNotFound(call, overloads, names);
}

function sortedNames(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** PGRST202, worded like PostgREST, with its "Perhaps you meant…" hint. */
function routineNotFound(
  call: RoutineCall,
  overloads: readonly RoutineInfo[],
  routineNamesInSchema: readonly string[],
): RestError {
  const qualified = `${call.schema}.${call.name}`;
  const names = sortedNames(call.argumentNames);
  const parameterList = names.length === 0 ? ' without parameters' : `(${names.join(', ')})`;
  const searchedFor =
    names.length === 0 ? ' without parameters' : ` with parameter${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
  const details =
    `Searched for the function ${qualified}${searchedFor}` +
    `${call.isPost ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`;

  let suggestion: string | null;
  if (overloads.length === 0) {
    suggestion = closestMatch(routineNamesInSchema, call.name, 0.75);
  } else {
    const asList = (list: Iterable<string>) => `(${sortedNames(list).join(', ')})`;
    const signatures = overloads.map((routine) => asList(inputParameters(routine).map((p) => p.name)));
    const closest = closestMatch(signatures, asList(names), 0.33);
    suggestion = closest === null ? null : `${call.name}${closest}`;
  }
  return new RestError(404, {
    code: 'PGRST202',
    message: `Could not find the function ${qualified}${parameterList} in the schema cache`,
    details,
    hint: suggestion === null ? null : `Perhaps you meant to call the function ${call.schema}.${suggestion}`,
  });
}

function ambiguousRoutine(candidates: readonly RoutineInfo[]): RestError {
  const described = candidates.map(
    (routine) =>
      `${routine.schema}.${routine.name}(${inputParameters(routine)
        .map((p) => `${p.name} => ${p.type}`)
        .join(', ')})`,
  );
  return new RestError(300, {
    code: 'PGRST203',
    message: `Could not choose the best candidate function between: ${described.join(', ')}`,
    details: null,
    hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
  });
}
