import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorNote, Progress, Show } from '../components/Status.tsx';
import { useResource } from '../hooks.ts';
import { jobErrorMessage, useJob, type Job } from '../jobs.ts';
import { formatCount, formatTime } from '../format.ts';
import type { ImportBatch, ImportIssue, ImportJobResult } from '../types.ts';

function contentTypeOf(name: string): string {
  return /\.(jsonl|ndjson)$/i.test(name) ? 'application/x-ndjson' : 'text/csv';
}

/** Row-level issues of a refused import: the failed job's error details (`{ file, issues }`). */
function issuesOf(job: Job<ImportJobResult>): readonly ImportIssue[] {
  if (typeof job.error !== 'object') return [];
  const e = job.error as { details?: { issues?: readonly ImportIssue[] }; issues?: readonly ImportIssue[] };
  return e.details?.issues ?? e.issues ?? [];
}

export function ImportScreen(): ReactNode {
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { job, pollError } = useJob<ImportJobResult>(jobId);
  const [batches, reloadBatches] = useResource<{ batches: readonly ImportBatch[] }>('/api/imports');
  const finished = job !== null && job.state !== 'running' ? job.id : null;
  useEffect(() => {
    if (finished !== null) reloadBatches();
  }, [finished, reloadBatches]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setJobId(null);
    try {
      const started = await api.upload<{ id: string }>(`/api/imports?name=${encodeURIComponent(file.name)}`, file, contentTypeOf(file.name));
      setJobId(started.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const issues = job ? issuesOf(job) : [];
  return (
    <div className="stack">
      <section className="card" aria-labelledby="import-h">
        <h2 id="import-h">Import a file</h2>
        <p className="muted">CSV or JSON Lines in the Vindex codebook format. A file with any invalid row changes nothing; every problem is listed by row and field.</p>
        <form className="row-form" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor="import-file">Data file (.csv, .jsonl)</label>
            <input id="import-file" type="file" accept=".csv,.jsonl,.ndjson" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={!file || busy || job?.state === 'running'}>
            {busy ? 'Uploading…' : 'Import'}
          </button>
        </form>
        <ErrorNote error={error ?? pollError} />
        <div aria-live="polite">
          {job ? (
            <div className="job">
              {job.state === 'running' ? <Progress done={job.progress.done} total={job.progress.total} label={`Importing ${file?.name ?? ''} — ${job.progress.phase}`} /> : null}
              {job.state === 'done' ? <p className="status status-ok" role="status">Imported. {summaryLine(job.result)}</p> : null}
              {job.state === 'failed' ? (
                <p className="status status-error" role="alert">
                  <strong>Nothing was imported.</strong> {jobErrorMessage(job)}
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
        {issues.length > 0 ? <IssueTable issues={issues} /> : null}
      </section>
      <section className="card" aria-labelledby="batches-h">
        <h2 id="batches-h">Imported files</h2>
        <Show res={batches} what="imported files" retry={reloadBatches}>
          {({ batches: rows }) =>
            rows.length === 0 ? (
              <Empty>No file has been imported yet.</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">Imported</th><th scope="col" className="num">Series</th><th scope="col" className="num">Victims</th><th scope="col" className="num">Offenders</th></tr>
                  </thead>
                  <tbody>
                    {rows.map((b) => (
                      <tr key={b.contentHash}>
                        <td>{b.fileName}</td>
                        <td>{b.format}</td>
                        <td>{formatTime(b.importedAt)}</td>
                        <td className="num">{formatCount(b.series)}</td>
                        <td className="num">{formatCount(b.victims)}</td>
                        <td className="num">{formatCount(b.offenders)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Show>
      </section>
    </div>
  );
}

function summaryLine(s: ImportJobResult | undefined): string {
  if (!s) return '';
  if (s.status === 'already-imported') return `${s.file} was already imported; nothing changed.`;
  return `${s.file}: ${s.series} series, ${s.victims} victims, ${s.offenders} offenders.`;
}

export function IssueTable({ issues }: { issues: readonly ImportIssue[] }): ReactNode {
  return (
    <div className="table-wrap">
      <table aria-label="Problems found in the file">
        <caption>{issues.length} problem{issues.length === 1 ? '' : 's'} found — fix them and import the file again</caption>
        <thead>
          <tr><th scope="col">File</th><th scope="col" className="num">Row</th><th scope="col">Field</th><th scope="col">Value</th><th scope="col">Problem</th></tr>
        </thead>
        <tbody>
          {issues.map((x, i) => (
            <tr key={i}>
              <td>{x.file}</td>
              <td className="num">{x.row === 0 ? '—' : x.row}</td>
              <td><code>{x.field ?? '—'}</code></td>
              <td>{x.value !== undefined && x.value !== null ? <code>{x.value}</code> : '—'}</td>
              <td>{x.message}{x.allowed ? <span className="muted"> Allowed: {x.allowed}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
