import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { api, messageOf } from '../api.ts';
import { Empty, Show } from '../components/Status.tsx';
import { useResource, type Resource } from '../hooks.ts';
import type { CodingQueue, FormVariable, QueueItem, SavedValue, UnitForm } from '../types.ts';

/**
 * The coder's form: codes and case references only (series key, victim keys) — never media or
 * free text. Every field is typed, checked against the allowed codes of the unit form as the
 * coder types, and saved at once (one PUT per value) when it is valid.
 *
 *   queue → unit form → fields (series variables, then victim variables per victim) → PUT per value
 */

type Record_ = 'series' | 'victim';

interface FieldDef {
  readonly key: string;
  readonly record: Record_;
  readonly unitKey: string;
  readonly variable: FormVariable;
}

interface FieldState {
  readonly text: string;
  readonly saved: string | null;
  readonly status: 'idle' | 'saving' | 'saved' | 'error';
  readonly error: string | null;
}

const keyOf = (record: string, unitKey: string, variable: string): string => `${record}|${unitKey}|${variable}`;

/**
 * The code the typed text stands for, or why it is not one: category → one of its codes (or
 * labels), case-insensitive; count → a whole number 0 … max (or the not-determinable code);
 * severity code → one of the codes of the scale coded for the same victim.
 */
export function checkCode(v: FormVariable, text: string, scale: string | null): { code: string } | { error: string | null } {
  const t = text.trim();
  if (t === '') return { error: null };
  const lower = t.toLowerCase();
  const nd = v.notDeterminable;
  if (v.kind === 'count') {
    if (nd !== null && nd.toLowerCase() === lower) return { code: nd };
    if (!/^\d{1,6}$/.test(t)) return { error: `Enter a whole number${v.max !== null ? ` from 0 to ${v.max}` : ''}${nd ? ` or ${nd}` : ''}.` };
    const n = Number(t);
    return v.max !== null && n > v.max ? { error: `At most ${v.max}.` } : { code: String(n) };
  }
  let options: readonly { code: string; label: string }[] = v.codes;
  if (v.kind === 'severity-code') {
    if (scale === null) return { error: 'Code the severity scale of this victim first.' };
    options = (v.codesByScale?.[scale] ?? []).map((c) => ({ code: c, label: c }));
  }
  const exact = options.find((c) => c.code.toLowerCase() === lower || c.label.toLowerCase() === lower);
  if (exact) return { code: exact.code };
  const prefix = options.filter((c) => c.code.toLowerCase().startsWith(lower));
  if (prefix.length > 0) return { error: `Keep typing: ${prefix.map((c) => c.code).join(', ')}` };
  return { error: `"${t}" is not a code of ${v.name}${v.kind === 'severity-code' ? ` on the ${scale} scale` : ''}.` };
}

/** The allowed codes, as shown under a field. */
function helpOf(v: FormVariable, scale: string | null): string {
  if (v.kind === 'count') return `A whole number${v.max !== null ? ` 0–${v.max}` : ''}${v.notDeterminable ? `, or ${v.notDeterminable}` : ''}.`;
  if (v.kind === 'severity-code') return scale === null ? 'Code the severity scale first.' : `On the ${scale} scale: ${(v.codesByScale?.[scale] ?? []).join(' · ')}`;
  return v.codes.map((c, i) => `${i < 9 ? `${i + 1} ` : ''}${same(c.code, c.label) ? c.code : `${c.code} = ${c.label}`}`).join(' · ');
}

/** A label that only restates its code ("yes" = "Yes", "notDeterminable" = "Not determinable"). */
const same = (code: string, label: string): boolean => code.toLowerCase() === label.replace(/\s+/g, '').toLowerCase();

const SCALE_VARIABLE = 'victim.severityScale';

function scaleIn(fields: Readonly<Record<string, FieldState>>, defs: readonly FieldDef[], unitKey: string): string | null {
  const key = keyOf('victim', unitKey, SCALE_VARIABLE);
  const st = fields[key];
  const def = defs.find((d) => d.key === key);
  if (!st || !def) return null;
  const typed = checkCode(def.variable, st.text, null);
  return 'code' in typed ? typed.code : st.saved;
}

/** Waits this long after the last keystroke before saving a valid code (so "no" can still become "notDeterminable"). */
const SAVE_DELAY_MS = 350;

function flatten(q: CodingQueue): QueueItem[] {
  return q.rounds.flatMap((r) => r.units.map((u) => ({ round: r.round, series: u.seriesKey, done: u.valuesCoded, total: u.valuesExpected, complete: u.done })));
}

export function CodingScreen(): ReactNode {
  const [raw, reloadQueue] = useResource<CodingQueue>('/api/coding/queue');
  const queue = useMemo<Resource<QueueItem[]>>(() => (raw.state === 'ready' ? { state: 'ready', data: flatten(raw.data) } : raw), [raw]);
  const [index, setIndex] = useState(0);
  const items = queue.state === 'ready' ? queue.data : [];
  const current = items[Math.min(index, Math.max(0, items.length - 1))];
  const go = useCallback(
    (delta: number) => {
      setIndex((i) => Math.max(0, Math.min(items.length - 1, i + delta)));
      reloadQueue();
    },
    [items.length, reloadQueue],
  );
  return (
    <div className="coding">
      <Show res={queue} what="your coding queue" retry={reloadQueue}>
        {(q) =>
          q.length === 0 ? (
            <Empty>No units are assigned to you in an open round. When a coordinator assigns units, they appear here.</Empty>
          ) : (
            <div className="coding-layout">
              <nav className="card queue" aria-label="Coding queue">
                <h2>Queue <span className="muted">({q.filter((u) => u.complete).length}/{q.length} done)</span></h2>
                <ol>
                  {q.map((u, i) => (
                    <li key={`${u.round}/${u.series}`}>
                      <button type="button" className="queue-item" aria-current={i === index ? 'true' : undefined} onClick={() => setIndex(i)}>
                        <span className="mono queue-key">{u.series}</span>
                        <span className={u.complete ? 'pill pill-done' : 'pill'}>{u.done}/{u.total}</span>
                        <span className="sr-only"> in round {u.round}</span>
                      </button>
                    </li>
                  ))}
                </ol>
              </nav>
              {current ? <UnitEditor key={`${current.round}/${current.series}`} item={current} position={index + 1} count={q.length} go={go} /> : null}
            </div>
          )
        }
      </Show>
    </div>
  );
}

function UnitEditor({ item, position, count, go }: { item: QueueItem; position: number; count: number; go: (delta: number) => void }): ReactNode {
  const path = `/api/coding/${encodeURIComponent(item.round)}/units/${encodeURIComponent(item.series)}`;
  const [form] = useResource<UnitForm>(path);
  return (
    <section className="card unit" aria-labelledby="unit-h">
      <Show res={form} what={`unit ${item.series}`}>
        {(f) => <UnitFields form={f} path={path} position={position} count={count} go={go} />}
      </Show>
    </section>
  );
}

function UnitFields({ form, path, position, count, go }: { form: UnitForm; path: string; position: number; count: number; go: (delta: number) => void }): ReactNode {
  const defs = useMemo<FieldDef[]>(() => {
    const out: FieldDef[] = [];
    for (const v of form.variables.filter((x) => x.record === 'series')) out.push({ key: keyOf('series', form.seriesKey, v.name), record: 'series', unitKey: form.seriesKey, variable: v });
    for (const victim of form.victims) {
      for (const v of form.variables.filter((x) => x.record === 'victim')) out.push({ key: keyOf('victim', victim, v.name), record: 'victim', unitKey: victim, variable: v });
    }
    return out;
  }, [form]);
  const [fields, setFields] = useState<Record<string, FieldState>>(() => {
    const init: Record<string, FieldState> = {};
    for (const d of defs) init[d.key] = { text: '', saved: null, status: 'idle', error: null };
    const put = (k: string, value: string): void => {
      if (init[k]) init[k] = { text: value, saved: value, status: 'idle', error: null };
    };
    for (const [variable, value] of Object.entries(form.values.series)) put(keyOf('series', form.seriesKey, variable), value);
    for (const [victim, values] of Object.entries(form.values.victims)) for (const [variable, value] of Object.entries(values)) put(keyOf('victim', victim, variable), value);
    return init;
  });
  const [announce, setAnnounce] = useState('');
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;

  useEffect(() => {
    const first = defs.find((d) => fieldsRef.current[d.key]?.saved === null) ?? defs[0];
    if (first) inputs.current.get(first.key)?.focus();
    const t = timers.current;
    return () => t.forEach((x) => clearTimeout(x));
  }, [defs]);

  // Saves run one after another, in the order typed: a severity code then always follows its scale.
  const chain = useRef<Promise<void>>(Promise.resolve());
  const saveNow = async (d: FieldDef, code: string): Promise<void> => {
    setFields((f) => ({ ...f, [d.key]: { ...f[d.key]!, status: 'saving', error: null } }));
    try {
      const r = await api.put<SavedValue>(`${path}/values`, { record: d.record, unitKey: d.unitKey, variable: d.variable.name, value: code });
      setFields((f) => {
        // The canonical code replaces what was typed, unless the coder has typed on since.
        const typed = f[d.key]!.text;
        const text = typed.trim().toLowerCase() === code.toLowerCase() ? (r.value ?? '') : typed;
        const next = { ...f, [d.key]: { ...f[d.key]!, text, saved: r.value, status: 'saved' as const, error: null } };
        // A new severity scale removes a severity code that is not on it.
        for (const variable of r.cleared) {
          const k = keyOf(d.record, d.unitKey, variable);
          if (next[k]) next[k] = { text: '', saved: null, status: 'idle', error: null };
        }
        return next;
      });
      setAnnounce(`Saved ${d.variable.label}: ${r.value ?? 'removed'}${r.cleared.length ? `; cleared ${r.cleared.join(', ')}` : ''}${r.unitDone ? '. This unit is complete.' : ''}`);
    } catch (e) {
      setFields((f) => ({ ...f, [d.key]: { ...f[d.key]!, status: 'error', error: messageOf(e) } }));
      setAnnounce(`Not saved: ${messageOf(e)}`);
    }
  };
  const save = (d: FieldDef, code: string): void => {
    chain.current = chain.current.then(() => saveNow(d, code));
  };

  /** Saves now (Enter, leaving the field) or after a pause in typing. */
  const commit = (d: FieldDef, text: string, delay: number): void => {
    clearTimeout(timers.current.get(d.key));
    const checked = checkCode(d.variable, text, scaleOf(d.unitKey));
    if (!('code' in checked)) return;
    if (checked.code === fieldsRef.current[d.key]?.saved) return;
    if (delay === 0) save(d, checked.code);
    else timers.current.set(d.key, setTimeout(() => save(d, checked.code), delay));
  };

  /** The severity scale of a victim (severity codes are read on it): typed and valid (its save runs first), else saved. */
  const scaleOf = (unitKey: string): string | null => scaleIn(fieldsRef.current, defs, unitKey);

  const focusNextEmpty = (from: number): void => {
    const n = defs.length;
    for (let step = 1; step <= n; step++) {
      const d = defs[(from + step) % n]!;
      const st = fieldsRef.current[d.key];
      if (st && st.saved === null && st.text.trim() === '') {
        inputs.current.get(d.key)?.focus();
        return;
      }
    }
    setAnnounce('Every field of this unit is coded. Ctrl+Enter: next unit.');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, i: number): void => {
    const d = defs[i]!;
    // In an empty list field a digit picks that code (1 = the first), saves it and moves on.
    const pick = /^[1-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey && d.variable.kind === 'category' && e.currentTarget.value === '' ? d.variable.codes[Number(e.key) - 1] : undefined;
    if (pick) {
      e.preventDefault();
      setFields((f) => ({ ...f, [d.key]: { ...f[d.key]!, text: pick.code, error: null } }));
      commit(d, pick.code, 0);
      focusNextEmpty(i);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit(d, e.currentTarget.value, 0);
      go(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      commit(d, e.currentTarget.value, 0);
      focusNextEmpty(i);
    } else if (e.key === 'PageDown') {
      e.preventDefault();
      commit(d, e.currentTarget.value, 0);
      go(1);
    } else if (e.key === 'PageUp') {
      e.preventDefault();
      commit(d, e.currentTarget.value, 0);
      go(-1);
    } else if (e.key === 'Escape') {
      const saved = fieldsRef.current[d.key]?.saved ?? '';
      setFields((f) => ({ ...f, [d.key]: { ...f[d.key]!, text: saved, status: 'idle', error: null } }));
    }
  };

  const coded = defs.filter((d) => fields[d.key]?.saved !== null).length;
  let lastUnit = '';
  return (
    <>
      <header className="unit-head">
        <div>
          <h2 id="unit-h">
            Series <span className="mono">{form.seriesKey}</span>
          </h2>
          <p className="muted">
            Unit {position} of {count} · round {form.round} · {form.victims.length} victim{form.victims.length === 1 ? '' : 's'} · {coded}/{defs.length} values coded
          </p>
        </div>
        <div className="unit-nav">
          <button type="button" className="btn btn-small" onClick={() => go(-1)} disabled={position <= 1}>← Previous <kbd>PgUp</kbd></button>
          <button type="button" className="btn btn-small btn-primary" onClick={() => go(1)} disabled={position >= count}>Next <kbd>Ctrl</kbd>+<kbd>Enter</kbd></button>
        </div>
      </header>
      <p className="sr-only" aria-live="polite" role="status">{announce}</p>
      {form.closed ? <p className="note">This round is closed: its values can be read but no longer changed.</p> : null}
      <form className="code-form" onSubmit={(e) => e.preventDefault()} aria-label={`Codes for series ${form.seriesKey}`}>
        {defs.map((d, i) => {
          const st = fields[d.key]!;
          const scale = d.record === 'victim' ? scaleIn(fields, defs, d.unitKey) : null;
          const checked = checkCode(d.variable, st.text, scale);
          const inlineError = st.error ?? ('error' in checked ? checked.error : null);
          const id = `f-${i}`;
          const groupHead = d.unitKey !== lastUnit ? (
            <h3 className="code-group" key={`h-${d.unitKey}`}>
              {d.record === 'series' ? 'Series' : 'Victim'} <span className="mono">{d.unitKey}</span>
            </h3>
          ) : null;
          lastUnit = d.unitKey;
          return (
            <div key={d.key} className="code-row-wrap">
              {groupHead}
              <div className={`code-row${inlineError ? ' has-error' : ''}`}>
                <label htmlFor={id}>
                  {d.variable.label}
                  <span className="mono muted small"> {d.variable.name}</span>
                </label>
                <div className="code-input">
                  <input
                    id={id}
                    ref={(el) => {
                      if (el) inputs.current.set(d.key, el);
                      else inputs.current.delete(d.key);
                    }}
                    value={st.text}
                    autoComplete="off"
                    spellCheck={false}
                    list={d.variable.kind === 'category' ? `${id}-codes` : undefined}
                    readOnly={form.closed}
                    aria-invalid={inlineError ? true : undefined}
                    aria-describedby={`${id}-help`}
                    onChange={(e) => {
                      const text = e.target.value;
                      setFields((f) => ({ ...f, [d.key]: { ...f[d.key]!, text, status: f[d.key]!.status === 'error' ? 'idle' : f[d.key]!.status, error: null } }));
                      commit(d, text, SAVE_DELAY_MS);
                    }}
                    onBlur={(e) => commit(d, e.target.value, 0)}
                    onKeyDown={(e) => onKeyDown(e, i)}
                  />
                  {d.variable.kind === 'category' ? (
                    <datalist id={`${id}-codes`}>
                      {d.variable.codes.map((c) => <option key={c.code} value={c.code}>{c.label}</option>)}
                    </datalist>
                  ) : null}
                  <span className={`save-state save-${st.status}`} aria-hidden="true">
                    {st.status === 'saving' ? 'Saving…' : st.status === 'saved' ? '✓ Saved' : st.status === 'error' ? 'Not saved' : st.saved !== null ? '✓' : ''}
                  </span>
                </div>
                <p id={`${id}-help`} className={inlineError ? 'field-error' : 'code-help'}>
                  {inlineError ?? helpOf(d.variable, scale)}
                </p>
              </div>
            </div>
          );
        })}
      </form>
      <Shortcuts />
    </>
  );
}

function Shortcuts(): ReactNode {
  return (
    <aside className="shortcuts" aria-label="Keyboard shortcuts">
      <h3>Keyboard</h3>
      <dl>
        <dt><kbd>Tab</kbd> / <kbd>Shift</kbd>+<kbd>Tab</kbd></dt><dd>next / previous field</dd>
        <dt><kbd>Enter</kbd></dt><dd>save and jump to the next empty field</dd>
        <dt><kbd>1</kbd>–<kbd>9</kbd></dt><dd>in an empty list field: pick that code, save, move on</dd>
        <dt><kbd>Ctrl</kbd>+<kbd>Enter</kbd> or <kbd>PgDn</kbd></dt><dd>next unit</dd>
        <dt><kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd> or <kbd>PgUp</kbd></dt><dd>previous unit</dd>
        <dt><kbd>Esc</kbd></dt><dd>undo typing (back to the saved code)</dd>
      </dl>
      <p className="muted small">A valid code is saved as soon as you stop typing.</p>
    </aside>
  );
}
