import { describe, expect, it } from 'vitest';
import { formatIssue, formatIssues, IssueLog, MAX_REPORTED_ISSUES, type ImportIssue } from './issues.ts';

const base: ImportIssue = { kind: 'invalid-value', file: 'f.csv', row: 7, field: 'victim.gender', value: 'x', message: 'is not a code of this variable', allowed: 'female, male' };

describe('formatIssue', () => {
  it('file:line field value: message (allowed: …)', () => {
    expect(formatIssue(base)).toBe('f.csv:7 field victim.gender value "x": is not a code of this variable (allowed: female, male)');
  });
  it('shows an empty required value as (empty), and shortens long values to 40 characters', () => {
    expect(formatIssue({ ...base, value: null, message: 'is required' })).toBe('f.csv:7 field victim.gender value (empty): is required (allowed: female, male)');
    expect(formatIssue({ ...base, value: 'y'.repeat(41) })).toBe(`f.csv:7 field victim.gender value "${'y'.repeat(40)}…": is not a code of this variable (allowed: female, male)`);
  });
  it('has no value for column issues, no field for whole-row issues, no line for whole-file issues', () => {
    expect(formatIssue({ ...base, kind: 'unknown-column', row: 1, field: 'colour', value: null, message: 'is not a codebook variable', allowed: null })).toBe('f.csv:1 field colour: is not a codebook variable');
    expect(formatIssue({ ...base, kind: 'free-text', row: 1, field: 'notes', value: null, message: 'looks like free text', allowed: null })).toBe('f.csv:1 field notes: looks like free text');
    expect(formatIssue({ ...base, kind: 'malformed', field: null, value: null, message: 'is not a JSON object', allowed: 'one JSON object per line' })).toBe('f.csv:7: is not a JSON object (allowed: one JSON object per line)');
    expect(formatIssue({ ...base, kind: 'imagery', row: 0, field: null, value: null, message: 'contains PNG image data', allowed: null })).toBe('f.csv: contains PNG image data');
  });
});

describe('IssueLog', () => {
  it(`keeps the first ${MAX_REPORTED_ISSUES} and counts the rest`, () => {
    const log = new IssueLog();
    expect(log.ok).toBe(true);
    for (let i = 1; i <= 53; i++) log.add({ ...base, row: i });
    expect(log.ok).toBe(false);
    expect(log.total).toBe(53);
    expect(log.issues.map((i) => i.row)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const lines = formatIssues(log).split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[50]).toBe('… and 3 more problem(s) not listed');
  });

  it('lists problems with values before duplicates, so a bad code is not buried, and counts each kind', () => {
    const log = new IssueLog();
    for (let i = 2; i <= 4001; i++) log.add({ ...base, kind: 'duplicate', row: i, field: 'victim.id', value: `V-${i}`, message: 'is already in the store', allowed: null });
    log.add({ ...base, row: 9000 });
    expect(log.total).toBe(4001);
    expect(log.issues).toHaveLength(50);
    expect(log.issues[0]!.row).toBe(9000);
    expect(log.issues[1]!.row).toBe(2);
    const lines = formatIssues(log).split('\n');
    expect(lines[0]).toBe('(1 invalid values, 4000 duplicates)');
    expect(lines[1]).toBe('f.csv:9000 field victim.gender value "x": is not a code of this variable (allowed: female, male)');
    expect(lines.at(-1)).toBe('… and 3951 more problem(s) not listed');
  });
});
