import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { api, messageOf } from '../api.ts';
import { Empty, Show } from '../components/Status.tsx';
import { useResource } from '../hooks.ts';
import type { FormVariable, QueueItem, UnitForm } from '../types.ts';

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

/** A code of the variable matching the typed text (case-insensitive), or why it does not. */
export function checkCode(v: FormVariable, text: string): { code: string } | { error: string | null } {
  const t = text.trim();
  if (t === '') return { error: null };
  if (v.codes.length === 0) {
    return /^\d{1,6}$/.test(t) ? { code: String(Number(t)) } : { error: 'Enter a whole number (0 or more).' };
  }
  const exact = v.codes.find((c) => c.code.toLowerCase() === t.toLowerCase());
  if (exact) return { code: exact.code };
  const prefix = v.codes.filter((c) => c.code.toLowerCase().startsWith(t.toLowerCase()));
  if (prefix.length > 0) return { error: `Keep typing: ${prefix.map((c) => c.code).join(', ')}` };
  return { error: `"${t}" is not a code of ${v.name}.` };
}

/** Waits this long after the last keystroke before saving a valid code (so "no" can still become "notDeterminable"). */
const SAVE_DELAY_MS = 350;

export function CodingScreen(): ReactNode {
  const [queue, reloadQueue] = useResource<readonly QueueItem[]>('/api/coding/queue');
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
                <h2>Queue <span className="muted">({q.filter((u) => u.done >= u.total).length}/{q.length} done)</span></h2>
                <ol>
                  {q.map((u, i) => (
                    <li key={`${u.round}/${u.series}`}>
                      <button type="button" className="queue-item" aria-current={i === index ? 'true' : undefined} onClick={() => setIndex(i)}>
                        <span className="mono">{u.series}</span>
                        <span className={u.done >= u.total ? 'pill pill-done' : 'pill'}>{u.done}/{u.total}</span>
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
    for (const v of form.variables.filter((x) => x.record === 'series')) out.push({ key: keyOf('series', form.series, v.name), record: 'series', unitKey: form.series, variable: v });
    for (const victim of form.victims) {
      for (const v of form.variables.filter((x) => x.record === 'victim')) out.push({ key: keyOf('victim', victim, v.name), record: 'victim', unitKey: victim, variable: v });
    }
    return out;
  }, [form]);
  const [fields, setFields] = useState<Record<string, FieldState>>(() => {
    const init: Record<string, FieldState> = {};
    for (const d of defs) init[d.key] = { text: '', saved: null, status: 'idle', error: null };
    for (const v of form.values) {
      const k = keyOf(v.record, v.unitKey, v.variable);
      if (init[k]) init[k] = { text: v.value, saved: v.value, status: 'idle', error: null };
    }
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

  const save = useCallback(
    async (d: FieldDef, code: string) => {
      setFields((f) => ({ ...f, [d.key]: { ...f[d.key]!, status: 'saving', error: null } }));
      try {
        await api.put(`${path}/values`, { record: d.record, unitKey: d.unitKey, variable: d.variable.name, value: code });
        setFields((f) => ({ ...f, [d.key]: { ...f[d.key]!, saved: code, status: 'saved', error: null } }));
        setAnnounce(`Saved ${d.variable.label}: ${code}`);
      } catch (e) {
        setFields((f) => ({ ...f, [d.key]: { ...f[d.key]!, status: 'error', error: messageOf(e) } }));
        setAnnounce(`Not saved: ${messageOf(e)}`);
      }
    },
    [path],
  );

  /** Saves now (Enter, leaving the field) or after a pause in typing. */
  const commit = useCallback(
    (d: FieldDef, text: string, delay: number) => {
      clearTimeout(timers.current.get(d.key));
      const checked = checkCode(d.variable, text);
      if (!('code' in checked)) return;
      if (checked.code === fieldsRef.current[d.key]?.saved) return;
      if (delay === 0) void save(d, checked.code);
      else timers.current.set(d.key, setTimeout(() => void save(d, checked.code), delay));
    },
    [save],
  );

  const focusNextEmpty = (from: number): void => {
    const n = defs.length;
    for (let step = 1; step <= n; step++) {
      const d = defs[(from + step) % n]!;
      if ((fieldsRef.current[d.key]?.saved ?? null) === null) {
        inputs.current.get(d.key)?.focus();
        return;
      }
    }
    setAnnounce('Every field of this unit is coded. Ctrl+Enter: next unit.');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, i: number): void => {
    const d = defs[i]!;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
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
            Series <span className="mono">{form.series}</span>
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
      <form className="code-form" onSubmit={(e) => e.preventDefault()} aria-label={`Codes for series ${form.series}`}>
        {defs.map((d, i) => {
          const st = fields[d.key]!;
          const checked = checkCode(d.variable, st.text);
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
                    list={d.variable.codes.length > 0 ? `${id}-codes` : undefined}
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
                  {d.variable.codes.length > 0 ? (
                    <datalist id={`${id}-codes`}>
                      {d.variable.codes.map((c) => <option key={c.code} value={c.code}>{c.label}</option>)}
                    </datalist>
                  ) : null}
                  <span className={`save-state save-${st.status}`} aria-hidden="true">
                    {st.status === 'saving' ? 'Saving…' : st.status === 'saved' ? '✓ Saved' : st.status === 'error' ? 'Not saved' : st.saved !== null ? '✓' : ''}
                  </span>
                </div>
                <p id={`${id}-help`} className={inlineError ? 'field-error' : 'code-help'}>
                  {inlineError ?? (d.variable.codes.length > 0 ? d.variable.codes.map((c) => `${c.code} = ${c.label}`).join(' · ') : 'A whole number.')}
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
        <dt><kbd>Ctrl</kbd>+<kbd>Enter</kbd> or <kbd>PgDn</kbd></dt><dd>next unit</dd>
        <dt><kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd> or <kbd>PgUp</kbd></dt><dd>previous unit</dd>
        <dt><kbd>Esc</kbd></dt><dd>undo typing (back to the saved code)</dd>
      </dl>
      <p className="muted small">A valid code is saved as soon as you stop typing.</p>
    </aside>
  );
}
