import { COPINE_TO_SAP, type EntityName } from '../codebook/index.ts';
import { dayOf, isoOf } from './dates.ts';
import { FIELDS, OFF, SER, SRC, VIC } from './fields.ts';
import { ABUSE_COUNTRY_BY_ETHNICITY, CONTRIBUTORS, HIGH_CAPACITY, OTHER_COUNTRY_FACTOR, type Ethnicity } from './geography.ts';
import * as M from './model.ts';
import { categorical, Random } from './random.ts';
import { captureProbability, P_REPORTER_COUNTRY_KNOWN, scaleOf, SOURCES } from './sources.ts';

/**
 * The generator: one latent series at a time, written once per source that holds it.
 *
 *   draw latent series (victims, offenders, countries, dates, severity, identification)
 *     → capture by sources (none: unseen, nothing written)
 *     → trim to the target (the last series only)
 *     → per holding source: series row, victim rows, offender rows (source ids, first-seen, scale)
 *
 * The latent series lives in preallocated arrays that every step overwrites, and rows are string
 * arrays reused for every record (mutated in place in the hot loop); a RowSink must read a row
 * synchronously and not keep it.
 */

export type SynthTarget = { readonly series: number } | { readonly victims: number };

/** Flags of a row passed to a RowSink. */
export const LAST_ROW = 1;
export const LAST_VICTIM = 2;

export interface RowSink {
  /**
   * One record; `row` holds the values of FIELDS[entity] ('' = missing). It is reused: read it
   * now, do not change or keep it. `flags`: LAST_ROW for the final row of the output, LAST_VICTIM
   * for the final victim row.
   */
  row(entity: EntityName, row: string[], flags: number): void;
}

/** What a generator has written, and the truth behind it (for estimation tests). */
export interface SynthCounts {
  readonly sources: number;
  /** Series records written (one per source holding a latent series). */
  readonly series: number;
  readonly victims: number;
  readonly offenders: number;
  /** Latent series drawn, including those no source holds. */
  readonly latentSeries: number;
  /** Latent series no source holds (never written): the hidden population. */
  readonly unseenSeries: number;
  /** Latent series written, by the set of sources that hold them (`ICSE+NAT-US`, …). */
  readonly captureHistories: Readonly<Record<string, number>>;
}

const END = dayOf(M.SYNTH_END_DATE);
const LAST_YEAR = Number(M.SYNTH_END_DATE.slice(0, 4));
const YEARS: number[] = [];
for (let y = M.FIRST_YEAR; y <= LAST_YEAR; y++) YEARS.push(y);
const YEAR_DIST = categorical(Object.fromEntries(YEARS.map((y, i) => [String(i), M.YEAR_GROWTH ** i])) as Record<string, number>);
const YEAR_START = YEARS.map((y) => dayOf(`${y}-01-01`));
const YEAR_DAYS = YEARS.map((y) => dayOf(`${y + 1}-01-01`) - dayOf(`${y}-01-01`));

const ND = 'notDeterminable';
type Cat = 0 | 1 | 2 | 3; // indicative, C, B, A

function pad7(n: number): string {
  return n < 10_000_000 ? ('000000' + n).slice(-7) : String(n);
}

/**
 * Identifier prefixes per source: S-CODE-sSEED-, V-CODE-sSEED-, O-CODE-sSEED- (clearly synthetic; numbered
 * from 0000001 per source). The seed is part of every identifier so that two synthetic worlds imported
 * into one store never collide.
 */
function idPrefixes(seed: number): ReadonlyArray<readonly [string, string, string]> {
  return SOURCES.map((s) => [`S-${s.code}-s${seed}-`, `V-${s.code}-s${seed}-`, `O-${s.code}-s${seed}-`] as const);
}
/** Counts as strings, for the small counts written on every series row. */
const SMALL = Array.from({ length: 64 }, (_, i) => String(i));

function ukOf(level: string, penetration: string): string {
  switch (level) {
    case '7':
      return penetration === 'yes' ? 'A' : 'B';
    case '8':
      return 'B';
    case '9':
    case '10':
      return 'A';
    default:
      return 'C';
  }
}

export class SeriesGenerator {
  private readonly rng: Random;
  private readonly byVictims: boolean;
  private readonly target: number;

  seriesWritten = 0;
  victimsWritten = 0;
  offendersWritten = 0;
  sourcesWritten = 0;
  latentSeries = 0;
  unseenSeries = 0;
  private readonly histories = new Map<number, number>();
  /** Next series, victim and offender number per source (3 per source). */
  private readonly counters = new Float64Array(SOURCES.length * 3);

  // The latent series (overwritten by every step).
  private k = 0;
  private nOff = 0;
  private abuseCountry = '';
  private contributor = '';
  private surfaceDay = 0;
  /** Day the first victim was identified, −1 if not by the end date. */
  private idDay = -1;
  private selfGenerated = 'no';
  private paraphilic = 'no';
  private images = '';
  private videos = '';
  private readonly offenderIdentified = ['', '']; // [unidentified copy, identified copy]
  private readonly confirmed = ['', ''];
  private readonly suspected = ['', ''];
  private readonly vGender: string[] = new Array<string>(M.MAX_VICTIMS).fill('');
  private readonly vAge: string[] = new Array<string>(M.MAX_VICTIMS).fill('');
  private readonly vEthnicity: string[] = new Array<string>(M.MAX_VICTIMS).fill('');
  private readonly vLevel: string[] = new Array<string>(M.MAX_VICTIMS).fill('');
  private readonly vPenetration: string[] = new Array<string>(M.MAX_VICTIMS).fill('');
  private readonly vBaseline: string[] = new Array<string>(M.MAX_VICTIMS).fill('');
  private readonly vRelation: string[] = new Array<string>(M.MAX_VICTIMS).fill('');
  private readonly vUnidentifiedCode: string[] = new Array<string>(M.MAX_VICTIMS).fill('no');
  /** 0 severity recorded, 1 scale not determinable, 2 code not determinable. */
  private readonly vSeverityNd = new Uint8Array(M.MAX_VICTIMS);
  private readonly vCat = new Uint8Array(M.MAX_VICTIMS);
  /** Day the victim was identified, −1 if not (by the end date). */
  private readonly vIdDay = new Float64Array(M.MAX_VICTIMS);
  private readonly vRecordedDay = new Float64Array(M.MAX_VICTIMS);
  private readonly oVisible: string[] = new Array<string>(M.MAX_OFFENDERS).fill('');
  private readonly oGender: string[] = new Array<string>(M.MAX_OFFENDERS).fill('');
  private readonly oAge: string[] = new Array<string>(M.MAX_OFFENDERS).fill('');
  private readonly oEthnicity: string[] = new Array<string>(M.MAX_OFFENDERS).fill('');
  private readonly firstSeen = new Float64Array(SOURCES.length);

  // Reused rows.
  private readonly sourceRow: string[] = new Array<string>(FIELDS.source.length).fill('');
  private readonly seriesRow: string[] = new Array<string>(FIELDS.series.length).fill('');
  private readonly victimRow: string[] = new Array<string>(FIELDS.victim.length).fill('');
  private readonly offenderRow: string[] = new Array<string>(FIELDS.offender.length).fill('');

  private readonly idPrefix: ReadonlyArray<readonly [string, string, string]>;

  constructor(seed: number, target: SynthTarget) {
    this.rng = new Random(seed);
    this.idPrefix = idPrefixes(seed);
    this.byVictims = 'victims' in target;
    this.target = 'victims' in target ? target.victims : target.series;
    if (!Number.isInteger(this.target) || this.target < 1) throw new RangeError('the target must be a positive whole number');
  }

  /** Whether the target number of series or victim records has been written. */
  done(): boolean {
    return (this.byVictims ? this.victimsWritten : this.seriesWritten) >= this.target;
  }

  /** Whether half the target has been reached, counting the series or victim row being written. */
  pastHalf(): boolean {
    return (this.byVictims ? this.victimsWritten + 1 : this.seriesWritten) * 2 >= this.target;
  }

  /** Progress towards the target: [written, target]. */
  progress(): [number, number] {
    return [this.byVictims ? this.victimsWritten : this.seriesWritten, this.target];
  }

  counts(): SynthCounts {
    const captureHistories: Record<string, number> = {};
    for (const [mask, n] of [...this.histories].sort((a, b) => a[0] - b[0])) {
      captureHistories[SOURCES.filter((_, i) => mask & (1 << i)).map((s) => s.code).join('+')] = n;
    }
    return {
      sources: this.sourcesWritten, series: this.seriesWritten, victims: this.victimsWritten, offenders: this.offendersWritten,
      latentSeries: this.latentSeries, unseenSeries: this.unseenSeries, captureHistories,
    };
  }

  /** Writes one source record per source. */
  writeSources(sink: RowSink): void {
    const row = this.sourceRow;
    for (const s of SOURCES) {
      row[SRC.code] = s.code;
      row[SRC.kind] = s.kind;
      sink.row('source', row, 0);
      this.sourcesWritten++;
    }
  }

  /** Draws one latent series and writes it once per source holding it (nothing if none does). */
  step(sink: RowSink): void {
    if (this.done()) return;
    this.latentSeries++;
    this.drawLatent();
    let mask = this.capture();
    if (mask === 0) {
      this.unseenSeries++;
      return;
    }
    mask = this.trim(mask);
    this.histories.set(mask, (this.histories.get(mask) ?? 0) + 1);
    let copies = 0;
    for (let i = 0; i < SOURCES.length; i++) if (mask & (1 << i)) copies++;
    const final = this.byVictims ? this.victimsWritten + copies * this.k >= this.target : this.seriesWritten + copies >= this.target;
    const victimGender = this.summaryGender();
    const victimAgeGroup = this.summaryAge();
    for (let i = 0; i < SOURCES.length; i++) {
      if (!(mask & (1 << i))) continue;
      copies--;
      this.writeCopy(sink, i, victimGender, victimAgeGroup, final && copies === 0);
    }
  }

  // ------------------------------------------------------------------ latent draws

  private drawLatent(): void {
    const r = this.rng;
    const k = Number(r.pick(M.VICTIMS_PER_SERIES));
    this.k = k;

    // Gender and age: one shared value, or a mixture in multi-victim series (model.ts).
    const g0 = r.pick(M.SINGLE_GENDER);
    const mixedGender = k >= 2 && r.chance(M.P_MIXED_GENDER);
    let differs = false;
    for (let i = 0; i < k; i++) {
      const other = mixedGender && i > 0 && (r.chance(0.5) || (i === k - 1 && !differs));
      if (other) differs = true;
      this.vGender[i] = other ? (g0 === 'female' ? 'male' : 'female') : g0;
    }
    const a0 = r.pick(M.SINGLE_AGE);
    const mixedAge = k >= 2 && r.chance(M.P_MIXED_AGE);
    differs = false;
    for (let i = 0; i < k; i++) {
      const other = mixedAge && i > 0 && (r.chance(0.5) || (i === k - 1 && !differs));
      let band: string = a0;
      if (other) {
        differs = true;
        band = a0 === 'infantToddler' ? (r.chance(0.8) ? 'prepubescent' : 'pubescent') : a0 === 'prepubescent' ? (r.chance(0.3) ? 'infantToddler' : 'pubescent') : r.chance(0.85) ? 'prepubescent' : 'infantToddler';
      }
      if (band === 'pubescent' && r.chance(M.P_POST_PUBESCENT)) band = 'postPubescent';
      this.vAge[i] = band;
    }
    for (let i = 0; i < k; i++) {
      if (r.chance(M.ND_RATE.gender)) this.vGender[i] = ND;
      if (r.chance(M.ND_RATE.ageBand)) this.vAge[i] = ND;
    }

    // Ethnicity, countries, the day the material surfaced.
    const e0 = r.pick(M.ETHNICITY) as Ethnicity;
    for (let i = 0; i < k; i++) {
      this.vEthnicity[i] = r.chance(M.ND_RATE.ethnicity) ? ND : r.chance(M.P_SAME_ETHNICITY) ? e0 : r.pick(M.ETHNICITY);
    }
    const countries = ABUSE_COUNTRY_BY_ETHNICITY[e0];
    this.abuseCountry = r.pick(countries);
    this.contributor = r.chance(M.ND_RATE.country) ? 'ZZ' : r.chance(M.P_CONTRIBUTOR_IS_ABUSE_COUNTRY) ? this.abuseCountry : r.pick(CONTRIBUTORS);
    const y = Number(r.pick(YEAR_DIST));
    this.surfaceDay = YEAR_START[y]! + r.int(YEAR_DAYS[y]!);

    // Self-generated: rising share over the years, by age group.
    const ageGroup = mixedAge ? 'multiple' : a0;
    const pSelf = (M.SELF_GENERATED_FIRST + ((M.SELF_GENERATED_LAST - M.SELF_GENERATED_FIRST) * y) / (YEARS.length - 1)) * M.SELF_GENERATED_AGE_FACTOR[ageGroup];
    this.selfGenerated = r.chance(M.ND_RATE.flag) ? ND : r.chance(pSelf) ? 'yes' : 'no';
    const selfGenerated = this.selfGenerated === 'yes';

    // Severity per victim: harmonised category by age and gender, then COPINE level and penetration.
    let anyA = false;
    for (let i = 0; i < k; i++) {
      const u = r.uniform();
      let cat: Cat;
      if (u < M.P_INDICATIVE) cat = 0;
      else if (u < 1 - M.P_AT_LEAST_B) cat = 1;
      else {
        const g = this.vGender[i];
        const pA = M.CAT_A_BY_AGE[this.vAge[i] as keyof typeof M.CAT_A_BY_AGE] + (g === 'male' ? M.CAT_A_MALE_BONUS : g === ND ? M.CAT_A_GENDER_ND_BONUS : 0);
        cat = u >= 1 - pA ? 3 : 2;
      }
      if (cat === 3) anyA = true;
      this.vCat[i] = cat;
      const level = r.pick(cat === 0 ? M.COPINE_IN_INDICATIVE : cat === 1 ? M.COPINE_IN_C : cat === 2 ? M.COPINE_IN_B : M.COPINE_IN_A);
      this.vLevel[i] = level;
      const penNd = r.chance(M.ND_RATE.penetration);
      this.vPenetration[i] = penNd
        ? ND
        : level === '7' ? (cat === 3 ? 'yes' : 'no') : level === '9' ? 'yes' : level === '10' ? (r.chance(M.P_PENETRATION_COPINE_10) ? 'yes' : 'no') : 'no';
      const sev = r.uniform();
      this.vSeverityNd[i] = sev < M.ND_RATE.severityScale ? 1 : sev < M.ND_RATE.severityScale + M.ND_RATE.severityCode ? 2 : 0;
      const young = this.vAge[i] === 'infantToddler' || this.vAge[i] === 'prepubescent';
      this.vBaseline[i] = r.chance(M.ND_RATE.baseline) ? ND : young && cat >= 2 && r.chance(0.95) ? 'yes' : 'no';
    }

    // Identification (cure model with censoring at the end date; model.ts).
    const pIdentifiable = M.P_IDENTIFIABLE * (HIGH_CAPACITY.has(this.abuseCountry) ? 1 : OTHER_COUNTRY_FACTOR);
    let idDay = -1;
    if (r.chance(pIdentifiable)) {
      const delay = r.chance(M.P_FAST) ? M.FAST_DAYS[0] + r.uniform() * (M.FAST_DAYS[1] - M.FAST_DAYS[0]) : r.logNormal(M.DELAY_MEDIAN_DAYS, M.DELAY_SIGMA);
      idDay = this.surfaceDay + Math.max(1, Math.round(delay));
      if (idDay > END) idDay = -1;
    }
    this.idDay = idDay;
    for (let i = 0; i < k; i++) {
      let day = -1;
      if (idDay >= 0) {
        if (i === 0) day = idDay;
        else if (r.chance(M.P_COVICTIM_IDENTIFIED)) {
          day = r.chance(M.P_COVICTIM_SAME_DAY) ? idDay : idDay + Math.ceil(r.exponential(M.COVICTIM_DELAY_DAYS));
          if (day > END) day = -1;
        }
      }
      this.vIdDay[i] = day;
      this.vUnidentifiedCode[i] = r.chance(M.ND_RATE.identified) ? ND : 'no';
      const relation = r.pick(selfGenerated ? M.RELATION_SELF_GENERATED : M.RELATION);
      this.vRelation[i] = day < 0 && r.chance(M.RELATION_UNIDENTIFIED_ND) ? ND : relation;
    }

    // Offenders.
    const nOff = Number(r.pick(selfGenerated ? M.OFFENDERS_PER_SELF_GENERATED_SERIES : M.OFFENDERS_PER_SERIES));
    this.nOff = nOff;
    for (let j = 0; j < nOff; j++) {
      const visible = r.pick(selfGenerated ? M.OFFENDER_VISIBLE_SELF_GENERATED : M.OFFENDER_VISIBLE);
      const seen = visible === 'yes';
      this.oVisible[j] = visible;
      this.oGender[j] = r.pick(seen ? M.OFFENDER_GENDER_VISIBLE : M.OFFENDER_GENDER_HIDDEN);
      this.oAge[j] = r.pick(seen ? M.OFFENDER_AGE_VISIBLE : M.OFFENDER_AGE_HIDDEN);
      this.oEthnicity[j] = r.chance(seen ? M.OFFENDER_ETHNICITY_ND_VISIBLE : M.OFFENDER_ETHNICITY_ND_HIDDEN)
        ? ND
        : r.chance(M.P_OFFENDER_SAME_ETHNICITY) ? e0 : r.pick(M.ETHNICITY);
    }

    // Series flags and counts; the values that depend on whether a source knows of an identification are drawn for both cases.
    this.paraphilic = r.chance(M.ND_RATE.flag) ? ND : r.chance(M.P_PARAPHILIC + (anyA ? M.P_PARAPHILIC_CAT_A : 0)) ? 'yes' : 'no';
    this.images = String(Math.min(M.MAX_MEDIA_COUNT, Math.round(r.logNormal(M.IMAGES_MEDIAN, M.IMAGES_SIGMA))));
    this.videos = r.chance(selfGenerated ? M.P_NO_VIDEO_SELF_GENERATED : M.P_NO_VIDEO)
      ? '0'
      : String(Math.min(M.MAX_MEDIA_COUNT, 1 + Math.round(r.logNormal(M.VIDEOS_MEDIAN, M.VIDEOS_SIGMA))));
    this.offenderIdentified[0] = r.pick(M.OFFENDER_IDENTIFIED_IF_UNIDENTIFIED);
    this.offenderIdentified[1] = r.pick(M.OFFENDER_IDENTIFIED_IF_IDENTIFIED);
    this.confirmed[0] = r.chance(M.P_CONFIRMED_COUNTRY_UNIDENTIFIED) ? this.abuseCountry : 'ZZ';
    this.confirmed[1] = r.chance(M.ND_RATE.country) ? 'ZZ' : this.abuseCountry;
    const guess = r.pick(M.SUSPECTED_COUNTRY);
    const wrong = r.pick(countries);
    this.suspected[0] = guess === 'right' ? this.abuseCountry : guess === 'wrong' ? wrong : 'ZZ';
    this.suspected[1] = this.confirmed[1];
  }

  /** Which sources hold the series, and their first-seen days; a bit per source. */
  private capture(): number {
    const r = this.rng;
    const selfGenerated = this.selfGenerated === 'yes';
    let mask = 0;
    for (let i = 0; i < SOURCES.length; i++) {
      const s = SOURCES[i]!;
      if (!r.chance(captureProbability(s, this.abuseCountry, this.contributor, selfGenerated))) continue;
      let day = this.surfaceDay + Math.round(r.exponential(s.meanLagDays));
      if (day > END) continue; // not seen by this source yet
      // A source holding an identified series saw it before the identification: a lag that would end
      // later is replaced by a uniform day between surfacing and the day before identification.
      if (this.idDay >= 0 && day >= this.idDay) day = this.surfaceDay + r.int(this.idDay - this.surfaceDay);
      this.firstSeen[i] = day;
      mask |= 1 << i;
    }
    return mask;
  }

  /** Trims the last series to the target: fewer copies, or fewer victims when one copy would overshoot. */
  private trim(mask: number): number {
    const remaining = this.target - (this.byVictims ? this.victimsWritten : this.seriesWritten);
    let copies = 0;
    for (let i = 0; i < SOURCES.length; i++) if (mask & (1 << i)) copies++;
    let keep = copies;
    if (!this.byVictims) keep = Math.min(copies, remaining);
    else if (copies * this.k > remaining) {
      if (this.k <= remaining) keep = Math.floor(remaining / this.k);
      else {
        this.k = remaining;
        keep = 1;
      }
    }
    if (keep === copies) return mask;
    let out = 0;
    for (let i = 0; i < SOURCES.length && keep > 0; i++) {
      if (mask & (1 << i)) {
        out |= 1 << i;
        keep--;
      }
    }
    return out;
  }

  private summaryGender(): string {
    let f = false;
    let m = false;
    for (let i = 0; i < this.k; i++) {
      if (this.vGender[i] === 'female') f = true;
      else if (this.vGender[i] === 'male') m = true;
    }
    return f && m ? 'both' : f ? 'female' : m ? 'male' : ND;
  }

  /** Post-pubescent victims count with pubescent: the series-level groups of the study have no post-pubescent group. */
  private summaryAge(): string {
    let bits = 0;
    for (let i = 0; i < this.k; i++) {
      const a = this.vAge[i];
      if (a === 'infantToddler') bits |= 1;
      else if (a === 'prepubescent') bits |= 2;
      else if (a === 'pubescent' || a === 'postPubescent') bits |= 4;
    }
    if (bits === 0) return ND;
    if (bits === 1) return 'infantToddler';
    if (bits === 2) return 'prepubescent';
    if (bits === 4) return 'pubescent';
    return 'multiple';
  }

  // ------------------------------------------------------------------ writing one source's copy

  private nextId(sourceIndex: number, kind: 0 | 1 | 2): number {
    return ++this.counters[sourceIndex * 3 + kind]!;
  }

  private writeCopy(sink: RowSink, si: number, victimGender: string, victimAgeGroup: string, final: boolean): void {
    const r = this.rng;
    const s = SOURCES[si]!;
    const k = this.k;
    const fs = this.firstSeen[si]!;
    const seriesId = this.idPrefix[si]![0] + pad7(this.nextId(si, 0));

    // What this source knows of identifications: not before its own first-seen day.
    let firstId = Infinity;
    for (let i = 0; i < k; i++) {
      const d = this.vIdDay[i]!;
      const rec = d < 0 ? -1 : Math.max(d, fs + 1);
      this.vRecordedDay[i] = rec > END ? -1 : rec;
      if (rec >= 0 && rec <= END && rec < firstId) firstId = rec;
    }
    const identified = firstId !== Infinity ? 1 : 0;
    // Not identified: `no`, or not determinable when no victim's status is determinable.
    let unknown = identified === 0;
    for (let i = 0; i < k && unknown; i++) if (this.vUnidentifiedCode[i] !== ND) unknown = false;

    const row = this.seriesRow;
    row[SER.source] = s.code;
    row[SER.id] = seriesId;
    row[SER.country] = s.countryRule === 'contributor' ? this.contributor : s.countryRule === 'home' ? s.home! : r.chance(P_REPORTER_COUNTRY_KNOWN) ? this.contributor : 'ZZ';
    row[SER.firstSeen] = isoOf(fs);
    row[SER.identified] = identified ? 'yes' : unknown ? ND : 'no';
    row[SER.identifiedOn] = identified ? isoOf(firstId) : '';
    row[SER.offenderIdentified] = this.offenderIdentified[identified]!;
    row[SER.confirmed] = this.confirmed[identified]!;
    row[SER.suspected] = this.suspected[identified]!;
    row[SER.victimCount] = SMALL[k]!;
    row[SER.offenderCount] = SMALL[this.nOff]!;
    row[SER.imageCount] = this.images;
    row[SER.videoCount] = this.videos;
    row[SER.selfGenerated] = this.selfGenerated;
    row[SER.paraphilic] = this.paraphilic;
    row[SER.victimGender] = victimGender;
    row[SER.victimAgeGroup] = victimAgeGroup;
    row[SER.provenance] = r.pick(s.provenance);
    sink.row('series', row, 0);
    this.seriesWritten++;

    const scale = scaleOf(s, fs);
    const v = this.victimRow;
    v[VIC.source] = s.code;
    v[VIC.seriesId] = seriesId;
    for (let i = 0; i < k; i++) {
      const rec = this.vRecordedDay[i]!;
      v[VIC.id] = this.idPrefix[si]![1] + pad7(this.nextId(si, 1));
      v[VIC.gender] = this.vGender[i]!;
      v[VIC.ageBand] = this.vAge[i]!;
      v[VIC.ethnicity] = this.vEthnicity[i]!;
      v[VIC.identified] = rec >= 0 ? 'yes' : this.vUnidentifiedCode[i]!;
      v[VIC.identifiedOn] = rec >= 0 ? isoOf(rec) : '';
      v[VIC.relation] = this.vRelation[i]!;
      const level = this.vLevel[i]!;
      const pen = this.vPenetration[i]!;
      const nd = this.vSeverityNd[i];
      if (nd === 1) {
        v[VIC.scale] = ND;
        v[VIC.code] = ND;
      } else {
        // Levels 1–3 lie below the SAP and UK scales: those sources keep the COPINE level.
        const sc = scale !== 'copine' && this.vCat[i] === 0 ? 'copine' : scale;
        v[VIC.scale] = sc;
        v[VIC.code] = nd === 2 ? ND : sc === 'copine' ? level : sc === 'sap' ? COPINE_TO_SAP[level]! : ukOf(level, pen);
      }
      v[VIC.penetration] = pen;
      v[VIC.baseline] = this.vBaseline[i]!;
      sink.row('victim', v, final && i === k - 1 ? LAST_VICTIM | (this.nOff === 0 ? LAST_ROW : 0) : 0);
      this.victimsWritten++;
    }

    const o = this.offenderRow;
    o[OFF.source] = s.code;
    o[OFF.seriesId] = seriesId;
    for (let j = 0; j < this.nOff; j++) {
      o[OFF.id] = this.idPrefix[si]![2] + pad7(this.nextId(si, 2));
      o[OFF.visible] = this.oVisible[j]!;
      o[OFF.gender] = this.oGender[j]!;
      o[OFF.ageBand] = this.oAge[j]!;
      o[OFF.ethnicity] = this.oEthnicity[j]!;
      sink.row('offender', o, final && j === this.nOff - 1 ? LAST_ROW : 0);
      this.offendersWritten++;
    }
  }
}
